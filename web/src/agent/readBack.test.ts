import { afterEach, describe, expect, it } from 'vitest';
import { lang } from '../core/i18n';
import { readBackText, spokenDate } from './readBack';
import { addProduct, emptyOrderForm, newReceiver } from './orderForm';
import type { OrderForm } from './orderForm';
import type { Product, Quote } from './types';

const coffee: Product = {
  id: 19, tenant_id: 2, sku: 'COF-101', name: 'Кофе в зёрнах Бразилия, 250 г', description: '', unit: 'шт.', vat_percent: 20,
  available: true, category_id: 2, price: 37800, price_today: 37800, adjustments: [], promotions: [],
};

const quote: Quote = {
  on: '2026-11-27',
  lines: [
    {
      product_id: 19, sku: 'COF-101', name: 'Кофе в зёрнах Бразилия, 250 г', quantity: 3, unit_price: 37800, price_list_id: 2,
      gross: 113400, total: 75600, vat_percent: 20, vat: 12600, gift: false,
      adjustments: [{ source: 'promotion', rule_id: 6, rule_name: '3 за 2', reason: '3 за 2 on COF-101: 1 unit free', amount: 37800 }],
    },
  ],
  order_adjustments: [],
  gross: 113400,
  discount: 37800,
  total: 75600,
  vat: 12600,
  suggestions: [],
};

function form(): OrderForm {
  const f = addProduct(emptyOrderForm(), coffee);
  return {
    ...f,
    lines: [{ ...f.lines[0], quantity: '3' }],
    date: '2026-11-29',
    address: 'Москва, ул. Центральная, д. 45',
    receivers: [
      newReceiver({ name: 'Павлов Михаил', phone: '+79151030044', may_accept: true, may_pay: true, may_sign: false }),
      newReceiver({ name: 'Кладовщик', phone: '', may_accept: true, may_pay: false, may_sign: false }),
    ],
    documentsToSign: true,
  };
}

const nb = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

afterEach(() => {
  lang.value = 'ru';
});

describe('read-back', () => {
  it('reads the whole order in Russian: lines with reasons, totals, delivery, receivers and payment', () => {
    lang.value = 'ru';
    const text = readBackText(form(), quote, 'Павлов Михаил').map(nb);
    expect(text).toEqual([
      'Павлов Михаил, давайте я повторю ваш заказ.',
      'Кофе в зёрнах Бразилия, 250 г — 3 шт., 756,00 ₽ (3 за 2: COF-101 — 1 шт. бесплатно).',
      'Итого 756,00 ₽, в том числе НДС 126,00 ₽.',
      'Ваша выгода — 378,00 ₽.',
      'Доставим воскресенье, 29 ноября 2026 г., с 10:00 до 14:00, по адресу: Москва, ул. Центральная, д. 45.',
      'Получатели: Павлов Михаил, +79151030044 — принимает товар, оплачивает; Кладовщик — принимает товар.',
      'Оплата при получении: 756,00 ₽.',
      'При получении нужно будет подписать документы.',
      'Всё верно? Подтверждаю заказ?',
    ]);
  });

  it('reads it in English', () => {
    lang.value = 'en';
    const text = readBackText({ ...form(), paymentOnDelivery: false, documentsToSign: false, note: 'ring twice' }, quote, 'Mr Pavlov');
    expect(text).toEqual([
      'Mr Pavlov, let me read your order back to you.',
      'Кофе в зёрнах Бразилия, 250 г: 3, ₽756.00 (3 за 2 on COF-101: 1 unit free).',
      'The total is ₽756.00, including VAT of ₽126.00.',
      'You save ₽378.00.',
      'We deliver on Sunday, 29 November 2026, between 10:00 and 14:00, to Москва, ул. Центральная, д. 45.',
      'Receivers: Павлов Михаил, +79151030044 — accepts the goods, pays; Кладовщик — accepts the goods.',
      'Nothing is paid on delivery.',
      'Note: ring twice.',
      'Is everything correct? Shall I confirm the order?',
    ]);
  });

  it('reads the lines without prices until the quote arrives, and says when nobody receives', () => {
    lang.value = 'ru';
    const text = readBackText({ ...form(), receivers: [] }, null, '');
    expect(text).toContain('Кофе в зёрнах Бразилия, 250 г — 3 шт.');
    expect(text).toContain('Получатель не указан.');
    expect(text).toContain('Оплата при получении: —.');
  });

  it('speaks the date with the weekday', () => {
    expect(spokenDate('2026-12-01', 'ru')).toBe('вторник, 1 декабря 2026 г.');
    expect(spokenDate('2026-12-01', 'en')).toBe('Tuesday, 1 December 2026');
    expect(spokenDate('not a date', 'en')).toBe('not a date');
  });
});
