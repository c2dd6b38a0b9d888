// How numbers, money, durations and times read on screen, per language.
import type { Lang } from './i18n';

const locales: Record<Lang, string> = { ru: 'ru-RU', en: 'en-GB' };

// Kopecks to "1 234,50 ₽" (ru) or "₽1,234.50" (en).
export function money(kopecks: number, lang: Lang): string {
  return new Intl.NumberFormat(locales[lang], { style: 'currency', currency: 'RUB', currencyDisplay: 'narrowSymbol' }).format(kopecks / 100);
}

export function number(value: number, lang: Lang, digits = 0): string {
  return new Intl.NumberFormat(locales[lang], { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(value);
}

export function percent(fraction: number | null | undefined, lang: Lang): string {
  if (fraction === null || fraction === undefined || Number.isNaN(fraction)) return '—';
  return new Intl.NumberFormat(locales[lang], { style: 'percent', maximumFractionDigits: 1 }).format(fraction);
}

// Milliseconds as "m:ss", or "h:mm:ss" from an hour on.
export function duration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

// An RFC 3339 time as a local date and time.
export function dateTime(iso: string | null | undefined, lang: Lang): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(locales[lang], { dateStyle: 'short', timeStyle: 'short' }).format(d);
}

export function time(iso: string | null | undefined, lang: Lang): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(locales[lang], { timeStyle: 'medium' }).format(d);
}

// "YYYY-MM-DD" for a date `days` from `from` in local time.
export function isoDate(from: Date, days = 0): string {
  const d = new Date(from.getFullYear(), from.getMonth(), from.getDate() + days);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

// Rubles typed by a person ("1 234,5", "1234.50") to kopecks; null if not a number.
export function parseRubles(text: string): number | null {
  const cleaned = text.replace(/[\s\u00a0₽]/g, '').replace(',', '.');
  if (!/^-?\d+(\.\d{0,2})?$/.test(cleaned)) return null;
  return Math.round(Number(cleaned) * 100);
}
