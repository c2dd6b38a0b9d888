import { describe, expect, it } from 'vitest';
import { duration, isoDate, money, parseRubles, percent } from './format';
import { query } from './api';
import { homeFor, mayVisit, navFor } from './nav';

const nbsp = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('format', () => {
  it('shows kopecks as roubles in each language', () => {
    expect(nbsp(money(123450, 'ru'))).toBe('1 234,50 ₽');
    expect(money(123450, 'en')).toBe('₽1,234.50');
    expect(nbsp(money(0, 'ru'))).toBe('0,00 ₽');
  });

  it('reads roubles typed by a person', () => {
    expect(parseRubles('1 234,5')).toBe(123450);
    expect(parseRubles('99.99 ₽')).toBe(9999);
    expect(parseRubles('12,345')).toBeNull();
    expect(parseRubles('abc')).toBeNull();
  });

  it('formats durations and percentages', () => {
    expect(duration(0)).toBe('0:00');
    expect(duration(65_400)).toBe('1:05');
    expect(duration(3_725_000)).toBe('1:02:05');
    expect(duration(-5)).toBe('0:00');
    expect(percent(null, 'en')).toBe('—');
    expect(percent(0.805, 'en')).toBe('80.5%');
  });

  it('counts calendar days for dates', () => {
    expect(isoDate(new Date(2026, 11, 31), 1)).toBe('2027-01-01');
  });
});

describe('query', () => {
  it('leaves out empty parameters and escapes the rest', () => {
    expect(query({ q: 'чай зелёный', page: 2, empty: '', none: undefined })).toBe(
      `?q=${encodeURIComponent('чай зелёный')}&page=2`,
    );
    expect(query({})).toBe('');
  });
});

describe('navigation by role', () => {
  it('lands each role on its own screen and keeps them out of others', () => {
    expect(homeFor('operator')).toBe('/agent');
    expect(homeFor('supervisor')).toBe('/wallboard');
    expect(homeFor('manager')).toBe('/orders');
    expect(homeFor('team_lead')).toBe('/team');
    expect(mayVisit('operator', '/admin')).toBe(false);
    expect(mayVisit('operator', '/agent')).toBe(true);
    expect(mayVisit('manager', '/orders/17')).toBe(true);
    expect(navFor('admin').map((i) => i.path)).toContain('/admin');
  });
});
