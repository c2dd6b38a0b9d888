// The inbox's list logic: a new assignment from the WebSocket goes to the top
// (once), and the filters a manager sets (status, delivery dates, words).
import { isOpen } from './orderFlow';
import type { AssignedSummary, Order, OrderStatus } from './types';

// A row for an order known only from the WebSocket's summary; the full order
// replaces it when GET /api/orders/{id} answers.
export function rowFromSummary(s: AssignedSummary, managerId: number | null): Order {
  return {
    id: s.id,
    tenant_id: s.tenant_id,
    customer_id: s.customer_id,
    status: s.status,
    manager_id: managerId,
    delivery: { address: '', region: s.region ?? '', date: s.delivery_date ?? '', window_from: '', window_to: '' },
    receivers: [],
    payment_on_delivery: true,
    documents_to_sign: false,
    note: '',
    quote: null,
    total: s.total,
    vat: 0,
    amount_due: s.total,
    history: [],
    partial: true,
  };
}

// Puts `incoming` at the top of the list, replacing any row with its id. A
// summary does not wipe what a full row already knew (lines, address…).
export function mergeOrder(list: Order[], incoming: Order): Order[] {
  const existing = list.find((o) => o.id === incoming.id);
  let row = incoming;
  if (existing && incoming.partial && !existing.partial) {
    row = { ...existing, status: incoming.status, total: incoming.total, manager_id: incoming.manager_id ?? existing.manager_id };
  }
  return [row, ...list.filter((o) => o.id !== incoming.id)];
}

// A change heard over the socket: the row is replaced, or dropped when the
// list is one manager's inbox (`managerId`) and the order now has another.
export function keepOrReplace(list: Order[], order: Order, managerId: number | null): Order[] {
  if (managerId !== null && order.manager_id !== managerId) return list.filter((o) => o.id !== order.id);
  return replaceOrder(list, order);
}

// Replaces a row in place (after a status change or a fresh load of one order).
export function replaceOrder(list: Order[], order: Order): Order[] {
  let found = false;
  const next = list.map((o) => {
    if (o.id !== order.id) return o;
    found = true;
    return order;
  });
  return found ? next : [order, ...list];
}

export type StatusFilter = '' | 'open' | OrderStatus;

export interface OrderFilter {
  status: StatusFilter;
  from: string; // delivery date from, YYYY-MM-DD or ''
  to: string;
  text: string;
}

export const emptyFilter: OrderFilter = { status: '', from: '', to: '', text: '' };

// Lower case, ё as е, for matching what a person types.
export function fold(text: string): string {
  return text.toLocaleLowerCase('ru-RU').replace(/ё/g, 'е');
}

function words(order: Order, customerName: string | undefined): string[] {
  const out: string[] = [String(order.id)];
  const add = (s: string | undefined | null) => {
    if (s) out.push(...fold(s).split(/[\s,.;:«»"()/]+/).filter(Boolean));
  };
  add(customerName);
  add(order.delivery.address);
  add(order.delivery.region);
  add(order.note);
  for (const r of order.receivers) {
    add(r.name);
    if (r.phone) {
      const digits = r.phone.replace(/\D/g, '');
      out.push(digits, digits.slice(1)); // +7916… matches "7916…" and "916…"
    }
  }
  for (const l of order.quote?.lines ?? []) {
    add(l.name);
    add(l.sku);
  }
  return out;
}

// Every word typed must start a word of the order (number, customer,
// address, region, receivers and their phones, products).
export function matchesText(order: Order, text: string, customerName?: string): boolean {
  const typed = fold(text).split(/\s+/).filter(Boolean);
  if (!typed.length) return true;
  const own = words(order, customerName);
  return typed.every((w) => {
    // "№12" / "#12": the order's number only.
    if (/^[#№]\d+$/.test(w)) return String(order.id).startsWith(w.slice(1));
    const digits = /^\+?\d+$/.test(w) ? w.replace(/\D/g, '') : '';
    return own.some((o) => o.startsWith(w) || (digits !== '' && o.startsWith(digits)));
  });
}

export function matchesFilter(order: Order, f: OrderFilter, customerName?: string): boolean {
  if (f.status === 'open' ? !isOpen(order.status) : f.status && order.status !== f.status) return false;
  const day = order.delivery.date;
  if (f.from && (!day || day < f.from)) return false;
  if (f.to && (!day || day > f.to)) return false;
  return matchesText(order, f.text, customerName);
}

export function filterOrders(list: Order[], f: OrderFilter, names: Record<number, string> = {}): Order[] {
  return list.filter((o) => matchesFilter(o, f, names[o.customer_id]));
}
