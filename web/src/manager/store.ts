// The orders inbox's state. It lives outside the components so that nothing
// is lost when the router re-mounts the screen (/orders ↔ /orders/<id>), and
// so that what a manager typed for one order waits while they look at another.
import { computed, signal } from '@preact/signals';
import { api, query } from '../core/api';
import { me } from '../core/session';
import { emptyFilter, filterOrders, keepOrReplace, mergeOrder, replaceOrder, rowFromSummary, type OrderFilter } from './orderList';
import type { AssignedSummary, CustomerCard, ManagerProfile, Order, OrderStatus } from './types';

export const orders = signal<Order[]>([]);
export const loaded = signal(false);
export const loading = signal(false);
export const loadError = signal<unknown>(null);
export const filter = signal<OrderFilter>({ ...emptyFilter });
export const selectedId = signal<number | null>(null);
export const detailError = signal<{ id: number; error: unknown } | null>(null);
// Orders that arrived on the WebSocket since the screen opened (marked "new").
export const fresh = signal<Set<number>>(new Set());

export const customers = signal<Record<number, CustomerCard | null>>({});
export const people = signal<Record<number, string>>({});
export const managers = signal<Record<number, ManagerProfile[]>>({});

export interface Toast {
  key: number;
  orderId: number;
  summary: AssignedSummary;
  reason: string;
}
export const toasts = signal<Toast[]>([]);

// What was typed per order: the next status and the comment; the reassignment.
export interface Draft {
  next: OrderStatus | '';
  comment: string;
  manager: string; // '' = by the rules
  assignComment: string;
}
export const drafts = signal<Record<number, Draft>>({});
export const emptyDraft: Draft = { next: '', comment: '', manager: '', assignComment: '' };

export function draftOf(id: number): Draft {
  return drafts.value[id] ?? emptyDraft;
}

export function setDraft(id: number, change: Partial<Draft>): void {
  drafts.value = { ...drafts.value, [id]: { ...draftOf(id), ...change } };
}

export const customerNames = computed(() => {
  const out: Record<number, string> = {};
  for (const [id, c] of Object.entries(customers.value)) if (c) out[Number(id)] = c.name;
  return out;
});

export const visible = computed(() => filterOrders(orders.value, filter.value, customerNames.value));

export const selected = computed(() => orders.value.find((o) => o.id === selectedId.value) ?? null);

let loadSeq = 0;

// The inbox from the server. A specific status is asked of the server (so
// older orders in that status are found too); "open", dates and words are
// applied here.
export async function loadOrders(): Promise<void> {
  const seq = ++loadSeq;
  loading.value = true;
  const f = filter.value;
  const status = f.status && f.status !== 'open' ? f.status : undefined;
  try {
    const list = await api.get<Order[]>(`/api/orders${query({ limit: 500, status })}`);
    if (seq !== loadSeq) return;
    // Rows that came on the WebSocket and are not in the answer stay on top.
    const arrived = orders.value.filter((o) => fresh.value.has(o.id) && !list.some((l) => l.id === o.id));
    orders.value = [...arrived, ...list];
    loaded.value = true;
    loadError.value = null;
    void fetchCustomerNames(orders.value.map((o) => o.customer_id));
  } catch (e) {
    if (seq === loadSeq) loadError.value = e;
  } finally {
    if (seq === loadSeq) loading.value = false;
  }
}

export async function fetchOrder(id: number): Promise<Order | undefined> {
  try {
    const order = await api.get<Order>(`/api/orders/${id}`);
    orders.value = replaceOrder(orders.value, order);
    if (detailError.value?.id === id) detailError.value = null;
    void fetchCustomer(order.customer_id);
    return order;
  } catch (e) {
    detailError.value = { id, error: e };
    return undefined;
  }
}

const customerRequests = new Map<number, Promise<void>>();

export function fetchCustomer(id: number): Promise<void> {
  if (!id || id in customers.value) return Promise.resolve();
  let pending = customerRequests.get(id);
  if (!pending) {
    pending = api
      .get<CustomerCard>(`/api/customers/${id}`)
      .then((c) => {
        customers.value = { ...customers.value, [id]: c };
      })
      .catch(() => {
        customers.value = { ...customers.value, [id]: null };
      })
      .finally(() => customerRequests.delete(id));
    customerRequests.set(id, pending);
  }
  return pending;
}

// Customers' names for the list, a few requests at a time.
// (The order list does not carry the customer's name; see the report.)
async function fetchCustomerNames(ids: number[]): Promise<void> {
  const todo = [...new Set(ids)].filter((id) => !(id in customers.value));
  const workers = Array.from({ length: 4 }, async () => {
    while (todo.length) await fetchCustomer(todo.shift()!);
  });
  await Promise.all(workers);
}

let peopleAsked = false;

// Names of users for the history and the managers' list, from what the role
// may read: the users list (admins, directors) or the live view (supervisors).
export async function loadPeople(): Promise<void> {
  const role = me.value?.role;
  if (peopleAsked || !role) return;
  peopleAsked = true;
  const names: Record<number, string> = {};
  try {
    if (role === 'admin' || role === 'director' || role === 'office_manager') {
      const users = await api.get<{ id: number; name: string; login: string }[]>('/api/users');
      for (const u of users) names[u.id] = u.name || u.login;
    } else if (role === 'supervisor') {
      const rt = await api.get<{ agents?: { agent: number; name: string }[] }>('/api/realtime');
      for (const a of rt.agents ?? []) names[a.agent] = a.name;
    }
  } catch {
    // names are a nicety; ids are shown instead
  }
  if (me.value) names[me.value.id] = me.value.name;
  people.value = { ...people.value, ...names };
}

export async function loadManagers(tenant: number): Promise<void> {
  const list = await api.get<ManagerProfile[]>(`/api/managers${query({ tenant_id: tenant })}`);
  managers.value = { ...managers.value, [tenant]: list };
}

let toastKey = 0;

// {"type":"order.assigned","order":{…},"reason"}: a toast, the row on top,
// then the full order from the server.
export function receiveAssigned(summary: AssignedSummary, reason: string): void {
  const userId = me.value?.id ?? null;
  const row = rowFromSummary(summary, me.value?.role === 'manager' ? userId : null);
  orders.value = mergeOrder(orders.value, row);
  fresh.value = new Set([...fresh.value, summary.id]);
  toasts.value = [...toasts.value.filter((t) => t.orderId !== summary.id), { key: ++toastKey, orderId: summary.id, summary, reason }].slice(-4);
  void fetchOrder(summary.id);
  void fetchCustomer(summary.customer_id);
}

// {"type":"order.status","order":{…}}: a change to an order in the list.
// A manager's inbox holds only their own orders: one handed to someone else leaves it.
export function receiveStatus(order: Order): void {
  if (!orders.value.some((o) => o.id === order.id)) return;
  orders.value = keepOrReplace(orders.value, order, me.value?.role === 'manager' ? me.value.id : null);
}

export function dismissToast(key: number): void {
  toasts.value = toasts.value.filter((t) => t.key !== key);
}

export async function changeStatus(id: number, status: OrderStatus, comment: string): Promise<Order> {
  const order = await api.post<Order>(`/api/orders/${id}/status`, { status, comment });
  orders.value = replaceOrder(orders.value, order);
  return order;
}

export async function reassign(id: number, managerId: number | null, comment: string): Promise<Order> {
  const order = await api.post<Order>(`/api/orders/${id}/assign`, { manager_id: managerId, comment });
  orders.value = replaceOrder(orders.value, order);
  return order;
}
