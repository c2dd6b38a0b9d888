// Orders as the server sends them, for the tests.
import type { Order } from './types';

export function makeOrder(id: number, change: Partial<Order> = {}): Order {
  return {
    id,
    tenant_id: 2,
    customer_id: 800 + id,
    status: 'assigned',
    manager_id: 4,
    delivery: { address: 'Москва, ул. Лесная, д. 3', region: 'Москва', date: '2026-11-29', window_from: '10:00', window_to: '14:00' },
    receivers: [{ name: 'Павлов Михаил', phone: '+79151030044', may_accept: true, may_pay: true, may_sign: false }],
    payment_on_delivery: true,
    documents_to_sign: false,
    note: '',
    quote: {
      lines: [
        { product_id: 151, sku: 'GFT-103', name: 'Набор «Сладкий вечер»', quantity: 1, unit_price: 191500, gross: 191500, adjustments: [], total: 191500, vat_percent: 20, vat: 31917, gift: false },
      ],
      order_adjustments: [],
      gross: 191500,
      discount: 0,
      total: 191500,
      vat: 31917,
    },
    total: 191500,
    vat: 31917,
    amount_due: 191500,
    history: [],
    ...change,
  };
}
