// The playbook of non-standard situations (S-01…S-17) as pure decisions: the
// search (code, name and text, any case of letters, ё = е; a number finds its
// code first) and the keys of the list (↓/↑ move, Enter opens, Esc clears).

export interface PlaybookEntry {
  code: string; // "S-02"
  name: string;
  text: string; // the first words, filled
}

export function normalize(s: string): string {
  return s.toLocaleLowerCase('ru').replace(/ё/g, 'е').replace(/\s+/g, ' ').trim();
}

// The number in a code ("S-02" → 2), or null.
function codeNumber(code: string): number | null {
  const m = /(\d+)\s*$/.exec(code);
  return m ? Number(m[1]) : null;
}

// How well an entry answers the query: 0 its code (or its number), 1 its
// name, 2 its text; -1 not at all. Every word of the query must be found.
export function matchRank(e: PlaybookEntry, query: string): number {
  const q = normalize(query);
  if (!q) return 2;
  const code = normalize(e.code);
  const name = normalize(e.name);
  const text = normalize(e.text);
  const all = `${code} ${code.replace(/[^a-z0-9а-я]/g, '')} ${name} ${text}`;
  const words = q.split(' ');
  if (!words.every((w) => all.includes(w))) return -1;
  if (/^\d+$/.test(q)) {
    if (codeNumber(e.code) === Number(q)) return 0;
  }
  const compact = q.replace(/[^a-z0-9а-я]/g, '');
  if (compact && (code === q || code.replace(/[^a-z0-9а-я]/g, '') === compact)) return 0;
  if (words.every((w) => name.includes(w))) return 1;
  if (words.some((w) => code.includes(w))) return 1;
  return 2;
}

// The entries that answer the query, best first (the playbook's order within a rank).
export function filterPlaybook(entries: readonly PlaybookEntry[], query: string): PlaybookEntry[] {
  return entries
    .map((e, i) => ({ e, i, rank: matchRank(e, query) }))
    .filter((x) => x.rank >= 0)
    .sort((a, b) => a.rank - b.rank || a.i - b.i)
    .map((x) => x.e);
}

export type PlaybookKey = { kind: 'move'; step: 1 | -1 } | { kind: 'open' } | { kind: 'clear' } | { kind: 'home' } | { kind: 'end' } | null;

// What a key pressed in the search field (or on the list) asks of the playbook.
export function playbookKeyAction(e: { key: string; altKey?: boolean; ctrlKey?: boolean; metaKey?: boolean; shiftKey?: boolean }): PlaybookKey {
  if (e.altKey || e.ctrlKey || e.metaKey) return null;
  switch (e.key) {
    case 'ArrowDown':
      return { kind: 'move', step: 1 };
    case 'ArrowUp':
      return { kind: 'move', step: -1 };
    case 'PageDown':
      return { kind: 'end' };
    case 'PageUp':
      return { kind: 'home' };
    case 'Enter':
      return { kind: 'open' };
    case 'Escape':
      return { kind: 'clear' };
    default:
      return null;
  }
}

// The selection after a move: stops at the ends; nothing selected moves to the top (or bottom).
export function moveSelection(at: number, length: number, step: number): number {
  if (length <= 0) return -1;
  if (at < 0 || at >= length) return step > 0 ? 0 : length - 1;
  return Math.min(length - 1, Math.max(0, at + step));
}

// The selection kept across a new filter: the same entry if it is still shown, else the first.
export function keepSelection(before: string | null, shown: readonly PlaybookEntry[]): number {
  if (!shown.length) return -1;
  const i = before ? shown.findIndex((e) => e.code === before) : -1;
  return i >= 0 ? i : 0;
}
