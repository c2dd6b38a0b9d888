// Building the case and callback requests from what the operator typed.

// The one-line summary a case needs: the one typed, or the start of the text.
export function caseSummary(summary: string, text: string): string {
  const s = summary.trim();
  if (s) return s.slice(0, 300);
  const first = text.trim().split(/\r?\n/)[0].trim();
  if (first.length <= 120) return first;
  const cut = first.slice(0, 120);
  const space = cut.lastIndexOf(' ');
  return `${(space > 60 ? cut.slice(0, space) : cut).trim()}…`;
}

// "YYYY-MM-DDTHH:MM" (a datetime-local field, local time) for a Date.
export function localInput(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

// A datetime-local value as an RFC 3339 time with a zone, or null.
export function dueAt(local: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(local)) return null;
  const d = new Date(local);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

// The next quarter hour at least `minutes` from now, for a callback's default time.
export function defaultCallbackTime(from: Date, minutes = 60): string {
  const d = new Date(from.getTime() + minutes * 60000);
  d.setSeconds(0, 0);
  d.setMinutes(Math.ceil(d.getMinutes() / 15) * 15);
  return localInput(d);
}
