import { describe, expect, it } from 'vitest';
import { addProduct, buildOrderBody, emptyOrderForm, newReceiver, parseQuantity, quotableLines } from './orderForm';
import type { OrderForm } from './orderForm';
import type { Product } from './types';
import { caseSummary, defaultCallbackTime, dueAt } from './caseForm';

const coffee: Product = {
  id: 19, tenant_id: 2, sku: 'COF-101', name: 'Кофе в зёрнах Бразилия, 250 г', description: '', unit: 'шт.', vat_percent: 20,
  available: true, category_id: 2, price: 37800, price_today: 37800, adjustments: [], promotions: [],
};
const grinder: Product = { ...coffee, id: 76, sku: 'APL-102', name: 'Кофемолка, базовый', price: 284500, price_today: 254500 };

function filled(): OrderForm {
  let f = emptyOrderForm();
  f = addProduct(f, coffee);
  f = addProduct(f, coffee);
  f = addProduct(f, grinder);
  return {
    ...f,
    date: '2026-11-30',
    windowFrom: '10:00',
    windowTo: '14:00',
    address: '  Москва, ул. Центральная, д. 45  ',
    receivers: [newReceiver({ name: 'Павлов Михаил ', phone: '+79151030044', may_accept: true, may_pay: true, may_sign: false })],
    note: 'домофон 45',
  };
}

describe('order lines', () => {
  it('adds a product once and counts it up on a second add', () => {
    const f = filled();
    expect(f.lines.map((l) => [l.sku, l.quantity])).toEqual([['COF-101', '2'], ['APL-102', '1']]);
  });
  it('accepts whole quantities from 1 to 1 000 000 only', () => {
    expect(['1', ' 12 ', '1000000'].map(parseQuantity)).toEqual([1, 12, 1000000]);
    expect(['0', '-1', '1.5', '2x', '', '1000001'].map(parseQuantity)).toEqual([null, null, null, null, null, null]);
  });
  it('prices only the lines with a valid quantity', () => {
    const f = filled();
    f.lines[1] = { ...f.lines[1], quantity: 'два' };
    expect(quotableLines(f)).toEqual([{ product_id: 19, quantity: 2 }]);
  });
});

describe('the order request', () => {
  it('is built from the form, trimmed, with the call and tenant', () => {
    const { body, errors } = buildOrderBody(filled(), { customerId: 813, tenantId: 2, callId: 10000001 });
    expect(errors).toEqual({});
    expect(body).toEqual({
      tenant_id: 2,
      call_id: 10000001,
      customer_id: 813,
      lines: [{ product_id: 19, quantity: 2 }, { product_id: 76, quantity: 1 }],
      delivery: { address: 'Москва, ул. Центральная, д. 45', date: '2026-11-30', window_from: '10:00', window_to: '14:00' },
      receivers: [{ name: 'Павлов Михаил', phone: '+79151030044', may_accept: true, may_pay: true, may_sign: false }],
      payment_on_delivery: true,
      documents_to_sign: false,
      note: 'домофон 45',
    });
  });

  it('names every problem it can see and leaves the form as typed', () => {
    const form = filled();
    form.lines[0] = { ...form.lines[0], quantity: '0' };
    form.windowFrom = '15:00';
    form.address = ' ';
    form.receivers = [...form.receivers, newReceiver()];
    const before = JSON.stringify(form);
    const { body, errors } = buildOrderBody(form, { customerId: null });
    expect(body).toBeUndefined();
    expect(errors).toEqual({
      customer: 'agent.order.err.customer',
      'quantity.0': 'agent.order.err.quantity',
      windowTo: 'agent.order.err.window',
      address: 'agent.order.err.address',
      'receiver.1': 'agent.order.err.receiverName',
    });
    expect(JSON.stringify(form)).toBe(before);
  });

  it('leaves a day in the past and missing rights to the server, which explains them', () => {
    const form = { ...filled(), date: '2020-01-01', receivers: [newReceiver({ name: 'Кладовщик', may_accept: false, may_pay: false })] };
    const { body, errors } = buildOrderBody(form, { customerId: 813 });
    expect(errors).toEqual({});
    expect(body?.delivery.date).toBe('2020-01-01');
    expect(body?.receivers[0]).toMatchObject({ may_accept: false, may_pay: false });
  });

  it('wants lines, a date and a window', () => {
    const { errors } = buildOrderBody({ ...emptyOrderForm(), windowFrom: '', address: 'x' }, { customerId: 1 });
    expect(errors).toEqual({ lines: 'agent.order.err.noLines', date: 'agent.order.err.date', windowFrom: 'agent.order.err.time' });
  });
});

describe('cases and callbacks', () => {
  it('takes the typed summary, or the first line of the text, shortened at a word', () => {
    expect(caseSummary(' Курьер опоздал ', 'подробности')).toBe('Курьер опоздал');
    expect(caseSummary('', 'Курьер нагрубил\nподробности ниже')).toBe('Курьер нагрубил');
    const long = 'слово '.repeat(40);
    const s = caseSummary('', long);
    expect(s.endsWith('…')).toBe(true);
    expect(s.length).toBeLessThanOrEqual(121);
    expect(s).not.toMatch(/\s…$/);
  });
  it('sends the callback time with a zone and proposes the next quarter hour', () => {
    expect(dueAt('2026-11-28T10:30')).toBe(new Date(2026, 10, 28, 10, 30).toISOString());
    expect(dueAt('завтра')).toBeNull();
    expect(defaultCallbackTime(new Date(2026, 10, 27, 9, 7), 60)).toBe('2026-11-27T10:15');
    expect(defaultCallbackTime(new Date(2026, 10, 27, 23, 50), 60)).toBe('2026-11-28T01:00');
  });
});
