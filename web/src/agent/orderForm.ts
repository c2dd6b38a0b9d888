// The order form's data and the request built from it. Building never
// changes the form: a refusal (here or from the server) leaves every field
// as the operator typed it.
import type { OrderBody, Product, Receiver } from './types';

export interface LineForm {
  productId: number;
  sku: string;
  name: string;
  unit: string;
  priceToday: number;
  quantity: string; // as typed
}

export interface ReceiverForm extends Receiver {
  key: number;
}

export interface OrderForm {
  lines: LineForm[];
  date: string; // YYYY-MM-DD
  windowFrom: string; // HH:MM
  windowTo: string;
  address: string;
  receivers: ReceiverForm[];
  paymentOnDelivery: boolean;
  documentsToSign: boolean;
  note: string;
}

export function emptyOrderForm(): OrderForm {
  return {
    lines: [],
    date: '',
    windowFrom: '10:00',
    windowTo: '14:00',
    address: '',
    receivers: [],
    paymentOnDelivery: true,
    documentsToSign: false,
    note: '',
  };
}

let receiverKeys = 0;
export function newReceiver(from?: Partial<Receiver>): ReceiverForm {
  return {
    key: ++receiverKeys,
    name: from?.name ?? '',
    phone: from?.phone ?? '',
    may_accept: from?.may_accept ?? true,
    may_pay: from?.may_pay ?? true,
    may_sign: from?.may_sign ?? false,
  };
}

// Adds one unit of a product: a new line, or one more on the product's line.
export function addProduct(form: OrderForm, p: Product): OrderForm {
  const at = form.lines.findIndex((l) => l.productId === p.id);
  if (at >= 0) {
    const lines = form.lines.slice();
    const q = parseQuantity(lines[at].quantity);
    lines[at] = { ...lines[at], quantity: String(q === null ? 1 : q + 1) };
    return { ...form, lines };
  }
  return {
    ...form,
    lines: [
      ...form.lines,
      { productId: p.id, sku: p.sku, name: p.name, unit: p.unit, priceToday: p.price_today, quantity: '1' },
    ],
  };
}

// A whole number 1..1 000 000, or null.
export function parseQuantity(text: string): number | null {
  const s = text.trim();
  if (!/^\d+$/.test(s)) return null;
  const n = Number(s);
  return n >= 1 && n <= 1_000_000 ? n : null;
}

// The lines that can be priced now (for the live quote).
export function quotableLines(form: OrderForm): { product_id: number; quantity: number }[] {
  const out: { product_id: number; quantity: number }[] = [];
  for (const l of form.lines) {
    const q = parseQuantity(l.quantity);
    if (q !== null) out.push({ product_id: l.productId, quantity: q });
  }
  return out;
}

// Problems found before asking the server: field name → i18n key. Rules the
// server owns (a day in the past, who may accept, pay or sign) are left to it
// so its own words reach the operator.
export type FormErrors = Record<string, string>;

export interface OrderContext {
  customerId: number | null;
  tenantId?: number | null;
  callId?: number | null;
}

const timeRe = /^([01]\d|2[0-3]):[0-5]\d$/;

export function validateOrder(form: OrderForm, ctx: OrderContext): FormErrors {
  const errors: FormErrors = {};
  if (!ctx.customerId) errors.customer = 'agent.order.err.customer';
  if (form.lines.length === 0) errors.lines = 'agent.order.err.noLines';
  form.lines.forEach((l, i) => {
    if (parseQuantity(l.quantity) === null) errors[`quantity.${i}`] = 'agent.order.err.quantity';
  });
  if (!/^\d{4}-\d{2}-\d{2}$/.test(form.date)) errors.date = 'agent.order.err.date';
  if (!timeRe.test(form.windowFrom)) errors.windowFrom = 'agent.order.err.time';
  if (!timeRe.test(form.windowTo)) errors.windowTo = 'agent.order.err.time';
  else if (timeRe.test(form.windowFrom) && form.windowTo <= form.windowFrom) errors.windowTo = 'agent.order.err.window';
  if (!form.address.trim()) errors.address = 'agent.order.err.address';
  form.receivers.forEach((r, i) => {
    if (!r.name.trim()) errors[`receiver.${i}`] = 'agent.order.err.receiverName';
  });
  return errors;
}

// The body of POST /api/orders and PUT /api/orders/{id}, or the problems.
export function buildOrderBody(form: OrderForm, ctx: OrderContext): { body?: OrderBody; errors: FormErrors } {
  const errors = validateOrder(form, ctx);
  if (Object.keys(errors).length > 0) return { errors };
  const body: OrderBody = {
    customer_id: ctx.customerId!,
    lines: form.lines.map((l) => ({ product_id: l.productId, quantity: parseQuantity(l.quantity)! })),
    delivery: {
      address: form.address.trim(),
      date: form.date,
      window_from: form.windowFrom,
      window_to: form.windowTo,
    },
    receivers: form.receivers.map((r) => ({
      name: r.name.trim(),
      phone: r.phone.trim(),
      may_accept: r.may_accept,
      may_pay: r.may_pay,
      may_sign: r.may_sign,
    })),
    payment_on_delivery: form.paymentOnDelivery,
    documents_to_sign: form.documentsToSign,
    note: form.note.trim(),
  };
  if (ctx.tenantId) body.tenant_id = ctx.tenantId;
  if (ctx.callId) body.call_id = ctx.callId;
  return { body, errors };
}
