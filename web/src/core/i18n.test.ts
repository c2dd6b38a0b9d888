// Every word on screen exists in both languages, and every key the code uses exists.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { areas, catalogue } from './messages';
import { fill, lang, plural, t, translate } from './i18n';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(ts|tsx)$/.test(name) && !name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('dictionaries', () => {
  it('have the same keys in Russian and English in every area', () => {
    for (const [area, dict] of Object.entries(areas)) {
      const ru = Object.keys(dict.ru).filter((k) => !k.endsWith('.few')).sort();
      const en = Object.keys(dict.en).sort();
      expect(en, `area ${area}`).toEqual(ru);
      for (const [key, text] of [...Object.entries(dict.ru), ...Object.entries(dict.en)]) {
        expect(text.trim(), `${key} is empty`).not.toBe('');
        expect(key.startsWith(`${area}.`), `${key} belongs to area ${area}`).toBe(true);
      }
    }
  });

  it('use the same placeholders in both languages', () => {
    for (const [key, text] of Object.entries(catalogue.ru)) {
      const en = catalogue.en[key];
      if (en === undefined) continue;
      const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(names(en), key).toEqual(names(text));
    }
  });

  it('hold every key the code asks for with t("…")', () => {
    const root = join(__dirname, '..');
    const missing: string[] = [];
    for (const file of sources(root)) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\bt\(\s*'([a-z_]+\.[A-Za-z0-9_.\-]+)'/g)) {
        if (!(m[1] in catalogue.ru) || !(m[1] in catalogue.en)) missing.push(`${file}: ${m[1]}`);
      }
    }
    expect(missing).toEqual([]);
  });
});

describe('t', () => {
  it('switches language and fills placeholders', () => {
    lang.value = 'ru';
    expect(t('core.logout')).toBe('Выйти');
    lang.value = 'en';
    expect(t('core.logout')).toBe('Sign out');
    expect(fill('{a} of {b}', { a: 1, b: 'two' })).toBe('1 of two');
    expect(fill('{a} stays', {})).toBe('{a} stays');
  });

  it('shows the key itself when a word is missing', () => {
    expect(translate({ ru: {}, en: {} }, 'en', 'nope.key')).toBe('nope.key');
    expect(translate({ ru: { 'x.y': 'по-русски' }, en: {} }, 'en', 'x.y')).toBe('по-русски');
  });

  it('chooses Russian plural forms by the number', () => {
    const dict = { ru: { 'p.n.one': '{n} звонок', 'p.n.few': '{n} звонка', 'p.n.many': '{n} звонков' }, en: {} };
    Object.assign(catalogue.ru, dict.ru);
    lang.value = 'ru';
    expect([1, 2, 5, 11, 21, 22, 112].map((n) => plural('p.n', n))).toEqual([
      '1 звонок', '2 звонка', '5 звонков', '11 звонков', '21 звонок', '22 звонка', '112 звонков',
    ]);
    for (const k of Object.keys(dict.ru)) delete catalogue.ru[k];
  });
});
