import { describe, expect, it } from 'vitest';
import { money } from '../core/format';
import { orderMoney } from './orderMoney';
import { makeOrder } from './testOrders';

// Order 112 of the demo: a promotion, a line discount, an order-wide 3 % spread
// over the lines, and a gift mug; paid in advance.
const order112 = makeOrder(112, {
  payment_on_delivery: false,
  total: 2712120,
  vat: 447302,
  amount_due: 0,
  quote: {
    lines: [
      { product_id: 1, sku: 'SWT-1', name: 'Конфеты', quantity: 4, unit_price: 21400, gross: 85600, vat_percent: 20, vat: 10379, gift: false, total: 62274,
        adjustments: [
          { source: 'promotion', rule_id: 3, rule_name: '4 по цене 3', reason: '', amount: 21400 },
          { source: 'discount', rule_id: 5, rule_name: 'Заказ от 15 000 ₽: 3 %', reason: '', amount: 1926 },
        ] },
      { product_id: 2, sku: 'CFM-1', name: 'Кофемашина', quantity: 2, unit_price: 1365900, gross: 2731800, vat_percent: 20, vat: 436923, gift: false, total: 2649846,
        adjustments: [{ source: 'discount', rule_id: 5, rule_name: 'Заказ от 15 000 ₽: 3 %', reason: '', amount: 81954 }] },
      { product_id: 37, sku: 'DSH-101', name: 'Кружка', quantity: 1, unit_price: 53100, gross: 53100, vat_percent: 20, vat: 0, gift: true, total: 0,
        adjustments: [{ source: 'promotion', rule_id: 7, rule_name: 'Кружка в подарок', reason: '', amount: 53100 }] },
    ],
    order_adjustments: [{ source: 'discount', rule_id: 5, rule_name: 'Заказ от 15 000 ₽: 3 %', reason: '', amount: 83880 }],
    gross: 2870500,
    discount: 158380,
    total: 2712120,
    vat: 447302,
  },
});

describe('the money an order shows', () => {
  it('gives each line its price, discount and amount, and the lines add up to the totals', () => {
    const m = orderMoney(order112);
    expect(m.lines.map((l) => [l.sku, l.quantity, l.unitPrice, l.discount, l.total])).toEqual([
      ['SWT-1', 4, 21400, 23326, 62274],
      ['CFM-1', 2, 1365900, 81954, 2649846],
      ['DSH-101', 1, 53100, 53100, 0],
    ]);
    expect(m.lines.reduce((s, l) => s + l.gross, 0)).toBe(m.gross);
    expect(m.lines.reduce((s, l) => s + l.discount, 0)).toBe(m.discount);
    expect(m.lines.reduce((s, l) => s + l.total, 0)).toBe(m.total);
    expect(m.gross - m.discount).toBe(m.total);
    expect(m.lines[2].gift).toBe(true);
    expect(m.lines[0].reasons).toEqual(['4 по цене 3', 'Заказ от 15 000 ₽: 3 %']);
    expect(m.orderAdjustments.map((a) => a.amount)).toEqual([83880]);
  });

  it('collects nothing on delivery when paid otherwise, and the total when paid on delivery', () => {
    expect(orderMoney(order112)).toMatchObject({ total: 2712120, vat: 447302, amountDue: 0, paymentOnDelivery: false });
    expect(orderMoney(makeOrder(1))).toMatchObject({ total: 191500, amountDue: 191500, discount: 0 });
  });

  it('reads as roubles in both languages', () => {
    const m = orderMoney(order112);
    expect(money(m.total, 'ru').replace(/\s/g, ' ')).toBe('27 121,20 ₽');
    expect(money(m.discount, 'en')).toBe('₽1,583.80');
  });

  it('still shows the totals of an order known only from its summary', () => {
    const m = orderMoney(makeOrder(9, { quote: null, total: 99000, vat: 0, amount_due: 99000 }));
    expect(m.lines).toEqual([]);
    expect(m).toMatchObject({ gross: 0, total: 99000, amountDue: 99000 });
  });
});
