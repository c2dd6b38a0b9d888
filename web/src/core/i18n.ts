// Russian and English. Every screen's words live in its folder's
// messages.ts as { ru: {...}, en: {...} } with the same keys; `t(key, vars)`
// picks the current language and fills {name} placeholders. A missing key
// shows as the key itself (and i18n.test.ts fails the build for it).
import { signal } from '@preact/signals';
import { catalogue } from './messages';

export type Lang = 'ru' | 'en';
export type Messages = Record<string, string>;
export interface Dictionary {
  ru: Messages;
  en: Messages;
}

function initialLang(): Lang {
  try {
    const saved = globalThis.localStorage?.getItem('cc.lang');
    if (saved === 'ru' || saved === 'en') return saved;
  } catch {
    // storage unavailable
  }
  return 'ru';
}

export const lang = signal<Lang>(initialLang());

export function setLang(next: Lang): void {
  lang.value = next;
  try {
    globalThis.localStorage?.setItem('cc.lang', next);
  } catch {
    // storage unavailable
  }
  if (globalThis.document) document.documentElement.lang = next;
}

export function fill(text: string, vars?: Record<string, string | number>): string {
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name) => (name in vars ? String(vars[name]) : whole));
}

export function translate(dict: Dictionary, language: Lang, key: string, vars?: Record<string, string | number>): string {
  const text = dict[language][key] ?? dict.ru[key];
  return text === undefined ? key : fill(text, vars);
}

// Reads `lang`, so a component that calls t() re-renders on a switch.
export function t(key: string, vars?: Record<string, string | number>): string {
  return translate(catalogue, lang.value, key, vars);
}

// Plural forms: Russian has one/few/many, English one/other. `forms` is the
// key prefix: key.one, key.few, key.many (ru) and key.one, key.many (en).
export function plural(key: string, n: number): string {
  const l = lang.value;
  let form: string;
  if (l === 'ru') {
    const m10 = n % 10;
    const m100 = n % 100;
    form = m10 === 1 && m100 !== 11 ? 'one' : m10 >= 2 && m10 <= 4 && (m100 < 12 || m100 > 14) ? 'few' : 'many';
  } else {
    form = n === 1 ? 'one' : 'many';
  }
  return t(`${key}.${form}`, { n });
}
