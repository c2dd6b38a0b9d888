import { describe, expect, it } from 'vitest';
import { quoteView, reasonText } from './quote';
import type { Adjustment, Quote } from './types';

// As POST /api/quotes answers in the demo: a 3-for-2 promotion, an amount off
// each unit, a gift over a total, and an order discount spread over lines.
const quote: Quote = {
  on: '2026-11-27',
  lines: [
    {
      product_id: 19, sku: 'COF-101', name: 'Кофе в зёрнах Бразилия, 250 г', quantity: 3, unit_price: 37800, price_list_id: 2,
      gross: 113400, total: 75600, vat_percent: 20, vat: 12600, gift: false,
      adjustments: [{ source: 'promotion', rule_id: 6, rule_name: 'Третья пачка кофе в подарок', reason: 'Третья пачка кофе в подарок on COF-101: 1 unit free', amount: 37800 }],
    },
    {
      product_id: 76, sku: 'APL-102', name: 'Кофемолка, базовый', quantity: 2, unit_price: 284500, price_list_id: 1,
      gross: 569000, total: 479000, vat_percent: 20, vat: 79833, gift: false,
      adjustments: [
        { source: 'discount', rule_id: 4, rule_name: 'Минус 300 ₽ на кофемолку', reason: 'Минус 300 ₽ на кофемолку: 300.00 ₽ off each APL-102 (product)', amount: 60000 },
        { source: 'discount', rule_id: 5, rule_name: 'Big order', reason: 'Big order: 5 % off the order', amount: 30000 },
      ],
    },
    {
      product_id: 37, sku: 'DSH-101', name: 'Кружка керамическая, малый', quantity: 1, unit_price: 53100, price_list_id: 2,
      gross: 53100, total: 0, vat_percent: 20, vat: 0, gift: true,
      adjustments: [{ source: 'promotion', rule_id: 7, rule_name: 'Кружка в подарок к заказу от 5 000 ₽', reason: 'Кружка в подарок к заказу от 5 000 ₽: 1 × DSH-101 free', amount: 53100 }],
    },
  ],
  order_adjustments: [{ source: 'discount', rule_id: 5, rule_name: 'Big order', reason: 'Big order: 5 % off the order', amount: 30000 }],
  gross: 735500,
  discount: 180900,
  total: 554600,
  vat: 92433,
  suggestions: [{ id: 8, name: '4 for 3 sweets', pitch: 'Four boxes for the price of three' }],
};

const nb = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('quote view', () => {
  it('lists every line with its prices and reasons, telling the order discount once', () => {
    const v = quoteView(quote, 'ru');
    expect(v.rows.map((r) => [r.sku, r.quantity, r.gift])).toEqual([
      ['COF-101', 3, false],
      ['APL-102', 2, false],
      ['DSH-101', 1, true],
    ]);
    expect(nb(v.rows[0].unitPrice)).toBe('378,00 ₽');
    expect(nb(v.rows[0].total)).toBe('756,00 ₽');
    expect(v.rows[1].reasons).toHaveLength(1); // the order discount's share is not repeated on the line
    expect(v.orderReasons.map((r) => nb(r.amount))).toEqual(['−300,00 ₽']);
    expect(nb(v.total)).toBe('5 546,00 ₽');
    expect(nb(v.vat)).toBe('924,33 ₽');
    expect(nb(v.discount!)).toBe('−1 809,00 ₽');
    expect(v.suggestions).toEqual([{ name: '4 for 3 sweets', pitch: 'Four boxes for the price of three' }]);
  });

  it('reads the reasons in Russian', () => {
    const v = quoteView(quote, 'ru');
    expect(v.rows[0].reasons[0].text).toBe('Третья пачка кофе в подарок: COF-101 — 1 шт. бесплатно');
    expect(nb(v.rows[1].reasons[0].text)).toBe('Минус 300 ₽ на кофемолку: минус 300,00 ₽ за каждую единицу APL-102 (на товар)');
    expect(v.rows[2].reasons[0].text).toBe('Кружка в подарок к заказу от 5 000 ₽: DSH-101 — 1 шт. в подарок');
    expect(v.orderReasons[0].text).toBe('Big order: скидка 5 % на весь заказ');
  });

  it('keeps the server\'s English reasons and English money', () => {
    const v = quoteView(quote, 'en');
    expect(v.rows[0].reasons[0].text).toBe('Третья пачка кофе в подарок on COF-101: 1 unit free');
    expect(v.rows[1].reasons[0].text).toBe('Минус 300 ₽ на кофемолку: 300.00 ₽ off each APL-102 (product)');
    expect(v.total).toBe('₽5,546.00');
    expect(v.discount).toBe('−₽1,809.00');
  });

  it('has no discount line when nothing is taken off', () => {
    const plain: Quote = { ...quote, lines: [{ ...quote.lines[0], adjustments: [], total: 113400 }], order_adjustments: [], discount: 0, total: 113400 };
    const v = quoteView(plain, 'ru');
    expect(v.discount).toBeNull();
    expect(v.rows[0].reasons).toEqual([]);
  });
});

describe('reasons in Russian', () => {
  const adj = (rule_name: string, reason: string): Adjustment => ({ source: 'discount', rule_id: 1, rule_name, reason, amount: 1 });
  it('knows every form in docs/pricing.md', () => {
    expect(reasonText(adj('Tea week', 'Tea week: 12.5 % off TEA-001 (category)'), 'ru')).toBe('Tea week: скидка 12,5 % на категорию TEA-001');
    expect(reasonText(adj('Regulars', 'Regulars: 10 % off TEA-001 (customer group)'), 'ru')).toBe('Regulars: скидка 10 % для группы клиентов TEA-001');
    expect(nb(reasonText(adj('Over 15k', 'Over 15k: 1 500.00 ₽ off the order'), 'ru'))).toBe('Over 15k: минус 1 500,00 ₽ от суммы заказа');
    expect(reasonText(adj('3 for 2', '3 for 2 on TEA-001: 2 units free'), 'ru')).toBe('3 for 2: TEA-001 — 2 шт. бесплатно');
  });
  it('shows a reason it does not know as the server wrote it', () => {
    expect(reasonText(adj('X', 'X: something new'), 'ru')).toBe('X: something new');
    expect(reasonText(adj('X', 'unrelated text'), 'ru')).toBe('unrelated text');
  });
});
