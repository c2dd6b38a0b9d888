// Delivery days ("YYYY-MM-DD", the centre's calendar) as people read them.
import type { Lang } from '../core/i18n';

const locales: Record<Lang, string> = { ru: 'ru-RU', en: 'en-GB' };

export function parseDay(day: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return null;
  return new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
}

// "пт, 29.11.2026" / "Fri 29/11/2026".
export function dayLabel(day: string, lang: Lang): string {
  const d = parseDay(day);
  if (!d) return day || '—';
  return new Intl.DateTimeFormat(locales[lang], { weekday: 'short', day: '2-digit', month: '2-digit', year: 'numeric' }).format(d);
}

// Whole days from `today` to `day` (0 today, 1 tomorrow, -1 yesterday), or null.
export function daysFrom(day: string, today: Date): number | null {
  const d = parseDay(day);
  if (!d) return null;
  const t0 = new Date(today.getFullYear(), today.getMonth(), today.getDate());
  return Math.round((d.getTime() - t0.getTime()) / 86400000);
}

// "пт 29.11" / "Fri 29/11" for the list (the year only when it is not this one).
export function shortDay(day: string, lang: Lang, now = new Date()): string {
  const d = parseDay(day);
  if (!d) return day || '—';
  const sameYear = d.getFullYear() === now.getFullYear();
  return new Intl.DateTimeFormat(locales[lang], {
    weekday: 'short',
    day: '2-digit',
    month: '2-digit',
    ...(sameYear ? {} : { year: '2-digit' }),
  }).format(d);
}
