// The list of scripts as the screen shows it: filtered by what was typed,
// scripts before playbook situations, each code's languages side by side;
// and which script each queue has.
import type { ScriptRow } from './types';

export function matches(row: ScriptRow, needle: string): boolean {
  const q = needle.trim().toLowerCase();
  if (!q) return true;
  return row.code.toLowerCase().includes(q) || row.name.toLowerCase().includes(q);
}

// Scripts first, then situations (S-01 … S-17 in order), then by language (ru, en).
export function sortRows(rows: readonly ScriptRow[]): ScriptRow[] {
  return [...rows].sort(
    (a, b) =>
      (a.kind === b.kind ? 0 : a.kind === 'script' ? -1 : 1) ||
      a.code.localeCompare(b.code, 'en', { numeric: true }) ||
      (a.language === b.language ? 0 : a.language === 'ru' ? -1 : 1),
  );
}

// The script code a queue runs ('' for none): the row that lists the queue.
export function scriptOfQueue(rows: readonly ScriptRow[], queue: number): string {
  return rows.find((r) => r.queues?.includes(queue))?.code ?? '';
}

// The codes a queue may be given (kind script), each once, with a name in
// the preferred language when there is one.
export function assignable(rows: readonly ScriptRow[], lang: string): { code: string; name: string }[] {
  const out = new Map<string, string>();
  for (const r of rows) {
    if (r.kind !== 'script') continue;
    if (!out.has(r.code) || r.language === lang) out.set(r.code, r.name);
  }
  return [...out.entries()].map(([code, name]) => ({ code, name })).sort((a, b) => a.code.localeCompare(b.code));
}

// The playbook situations (kind situation), each code once, named in the preferred language.
export function situations(rows: readonly ScriptRow[], lang: string): { code: string; name: string }[] {
  const out = new Map<string, string>();
  for (const r of rows) {
    if (r.kind !== 'situation') continue;
    if (!out.has(r.code) || r.language === lang) out.set(r.code, r.name);
  }
  return [...out.entries()].map(([code, name]) => ({ code, name })).sort((a, b) => a.code.localeCompare(b.code, 'en', { numeric: true }));
}
