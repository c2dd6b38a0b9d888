// The desk's live state: what the server says about the seat (desk), the
// caller's customer, and the work done during the call (order, case,
// callback, notes). One store per tab; the components only read signals and
// call the actions below.
import { batch, effect, signal } from '@preact/signals';
import { api, query } from '../core/api';
import { onMessage } from '../core/ws';
import { me } from '../core/session';
import type { FormErrors, OrderForm } from './orderForm';
import { emptyOrderForm } from './orderForm';
import { isoDate } from '../core/format';
import type {
  CallerLookup,
  Customer,
  Desk,
  DeskCall,
  Figures,
  Order,
  Quote,
  QueueRef,
  TimelineItem,
} from './types';

// --- the seat ---------------------------------------------------------------
export const desk = signal<Desk | null>(null);
export const figures = signal<Figures | null>(null);
export const deskError = signal<unknown>(null); // loading the desk
// The last refused state or call action, shown beside the control that asked.
export const actionError = signal<{ name: string; error: unknown } | null>(null);
export const actionBusy = signal<string | null>(null);
export const now = signal(Date.now());
export const queues = signal<QueueRef[]>([]);

// --- the caller and the work of this call ------------------------------------
export const lookup = signal<CallerLookup | null>(null);
export const customer = signal<Customer | null>(null);
export const timeline = signal<TimelineItem[]>([]);
export const customerError = signal<unknown>(null);
export const customerBusy = signal(false);
export const workCall = signal<number | null>(null); // the call the work below belongs to
// The last call seen on the desk: wrap-up no longer names the caller or the queue.
export const lastCall = signal<DeskCall | null>(null);

// A new order's form: delivery tomorrow by default.
export function blankOrderForm(): OrderForm {
  return { ...emptyOrderForm(), date: isoDate(new Date(), 1) };
}

export const orderForm = signal<OrderForm>(blankOrderForm());
export const orderErrors = signal<FormErrors>({});
export const orderError = signal<unknown>(null);
export const orderBusy = signal(false);
export const draftId = signal<number | null>(null);
export const confirmed = signal<Order | null>(null);
export const quote = signal<Quote | null>(null);
export const quoteError = signal<unknown>(null);
export const readBackOpen = signal(false);

export const notes = signal('');
export const done = signal<{ order: boolean; caseOpened: boolean; callback: boolean }>({
  order: false,
  caseOpened: false,
  callback: false,
});

const cards = new Map<number, Customer>(); // cards fetched while an offer rang

export function errorOf(...names: string[]): unknown {
  const a = actionError.value;
  return a && names.includes(a.name) ? a.error : null;
}

export function queueName(id: number | undefined): string {
  if (!id) return '';
  return queues.value.find((q) => q.id === id)?.name ?? `#${id}`;
}

// The tenant the work is for: the customer's, or the ringing call's.
export function tenantId(): number | null {
  return customer.value?.tenant_id ?? lookup.value?.tenant_id ?? null;
}

// --- loading and live updates --------------------------------------------------

let lookupTimer: ReturnType<typeof setTimeout> | undefined;

function adoptDesk(next: Desk): void {
  batch(() => {
    if (next.figures) figures.value = next.figures;
    if (next.call) lastCall.value = next.call;
    desk.value = next;
  });
  const live = next.offer ?? next.call;
  clearTimeout(lookupTimer);
  if (live && lookup.value?.call !== live.call) {
    // The "customer" message comes on the socket; after a reload it does not, so ask.
    lookupTimer = setTimeout(() => void fetchLookup(live.call, live.caller), 1200);
  }
}

async function fetchLookup(call: number, caller: string | null): Promise<void> {
  if (lookup.value?.call === call) return;
  try {
    const found = caller
      ? await api.get<CallerLookup>(`/api/customers/lookup${query({ number: caller })}`)
      : { number: null, withheld: true, matches: [] };
    if (lookup.value?.call !== call) adoptLookup({ ...found, call });
  } catch {
    // the card can still be found by search
  }
}

function adoptLookup(found: CallerLookup): void {
  lookup.value = found;
  // A single match: fetch the card now, so it is there when the call is answered.
  if (found.matches.length === 1) {
    const id = found.matches[0].id;
    api
      .get<Customer>(`/api/customers/${id}`)
      .then((c) => {
        cards.set(id, c);
        const current = desk.value?.call;
        if (current && current.call === found.call && workCall.value === found.call && !customer.value) {
          void selectCustomer(id);
        }
      })
      .catch(() => undefined);
  }
}

export async function loadDesk(): Promise<void> {
  try {
    const d = await api.get<Desk>('/api/agent');
    deskError.value = null;
    adoptDesk(d);
    if (d.call && workCall.value === null) {
      workCall.value = d.call.call; // a reload mid-call: the work belongs to this call
    }
  } catch (e) {
    deskError.value = e;
  }
}

export async function loadQueues(): Promise<void> {
  try {
    const list = await api.get<QueueRef[]>('/api/queues');
    queues.value = list.map((q) => ({ id: q.id, name: q.name }));
  } catch {
    // names fall back to numbers
  }
}

// --- surviving a reload ----------------------------------------------------------
// The work of the call is kept in the tab's session storage, so a reload (or
// a browser that had to be restarted) finds the customer, the order and the
// notes where they were.
const workKey = () => `cc.agent.work.${me.value?.id ?? 0}`; // per user: a shared tab never mixes work

interface SavedWork {
  workCall: number | null;
  customerId: number | null;
  form: OrderForm;
  notes: string;
  draftId: number | null;
  confirmedId: number | null;
  done: { order: boolean; caseOpened: boolean; callback: boolean };
  lookup: CallerLookup | null;
}

function saveWork(): void {
  const saved: SavedWork = {
    workCall: workCall.value,
    customerId: customer.value?.id ?? null,
    form: orderForm.value,
    notes: notes.value,
    draftId: draftId.value,
    confirmedId: confirmed.value?.id ?? null,
    done: done.value,
    lookup: lookup.value,
  };
  try {
    globalThis.sessionStorage?.setItem(workKey(), JSON.stringify(saved));
  } catch {
    // storage full or unavailable: nothing to keep
  }
}

function restoreWork(d: Desk | null): void {
  let saved: SavedWork | null = null;
  try {
    saved = JSON.parse(globalThis.sessionStorage?.getItem(workKey()) ?? 'null') as SavedWork | null;
  } catch {
    saved = null;
  }
  if (!saved) return;
  const current = d?.call?.call ?? d?.wrap_up?.call ?? null;
  if (current !== null && current !== saved.workCall) return; // another call by now
  batch(() => {
    workCall.value = saved!.workCall;
    orderForm.value = saved!.form;
    notes.value = saved!.notes;
    draftId.value = saved!.draftId;
    done.value = saved!.done;
    if (saved!.lookup && !lookup.value) lookup.value = saved!.lookup;
  });
  if (saved.customerId) void selectCustomer(saved.customerId);
  if (saved.confirmedId) {
    api
      .get<Order>(`/api/orders/${saved.confirmedId}`)
      .then((o) => (confirmed.value = o))
      .catch(() => undefined);
  }
}

// Subscribes to the socket; returns the unsubscribe.
export function startDesk(): () => void {
  let saving: (() => void) | null = null;
  void loadDesk().then(() => {
    restoreWork(desk.value);
    saving = effect(saveWork);
  });
  void loadQueues();
  const tick = setInterval(() => (now.value = Date.now()), 1000);
  const offs = [
    onMessage('desk', (m) => adoptDesk(m.desk as Desk)),
    onMessage('customer', (m) => adoptLookup(m as unknown as CallerLookup)),
    onMessage('order.status', (m) => {
      const order = m.order as Order | undefined;
      if (order && confirmed.value && order.id === confirmed.value.id) confirmed.value = order;
    }),
    onMessage('ws.open', () => {
      void loadDesk();
      const c = confirmed.value;
      if (c) {
        api
          .get<Order>(`/api/orders/${c.id}`)
          .then((o) => (confirmed.value = o))
          .catch(() => undefined);
      }
    }),
  ];
  return () => {
    saving?.();
    clearInterval(tick);
    clearTimeout(lookupTimer);
    offs.forEach((off) => off());
  };
}

// --- state and call actions ----------------------------------------------------

export async function deskAction(name: string, path: string, body?: unknown): Promise<boolean> {
  if (actionBusy.value) return false;
  actionBusy.value = name;
  actionError.value = null;
  try {
    adoptDesk(await api.post<Desk>(path, body));
    return true;
  } catch (e) {
    actionError.value = { name, error: e };
    void loadDesk(); // the desk may have moved on (the caller hung up)
    return false;
  } finally {
    actionBusy.value = null;
  }
}

// A new call: the work area starts empty, with the caller's card if it is known.
export function startWork(call: number): void {
  batch(() => {
    workCall.value = call;
    customer.value = null;
    timeline.value = [];
    customerError.value = null;
    orderForm.value = blankOrderForm();
    orderErrors.value = {};
    orderError.value = null;
    draftId.value = null;
    confirmed.value = null;
    quote.value = null;
    quoteError.value = null;
    readBackOpen.value = false;
    notes.value = '';
    done.value = { order: false, caseOpened: false, callback: false };
  });
  const found = lookup.value;
  if (found && found.call === call && found.matches.length === 1) void selectCustomer(found.matches[0].id);
}

export async function answer(): Promise<'card' | 'choose' | 'search' | null> {
  const offer = desk.value?.offer;
  if (!offer) return null;
  const ok = await deskAction('answer', '/api/agent/accept', { call: offer.call });
  if (!ok) return null;
  startWork(offer.call);
  const found = lookup.value?.call === offer.call ? lookup.value : null;
  if (found?.matches.length === 1) return 'card';
  if (found && found.matches.length > 1) return 'choose';
  return 'search';
}

// --- the customer --------------------------------------------------------------

export async function selectCustomer(id: number): Promise<void> {
  customerBusy.value = true;
  customerError.value = null;
  try {
    const cached = cards.get(id);
    const [card, items] = await Promise.all([
      cached ? Promise.resolve(cached) : api.get<Customer>(`/api/customers/${id}`),
      api.get<TimelineItem[]>(`/api/customers/${id}/timeline`).catch(() => [] as TimelineItem[]),
    ]);
    cards.delete(id);
    batch(() => {
      customer.value = card;
      timeline.value = items;
      // The card's address and people fill an order form that has none yet.
      const f = orderForm.value;
      if (!f.address && card.addresses.length) orderForm.value = { ...f, address: card.addresses[0] };
    });
  } catch (e) {
    customerError.value = e;
  } finally {
    customerBusy.value = false;
  }
}

export async function refreshTimeline(): Promise<void> {
  const c = customer.value;
  if (!c) return;
  try {
    timeline.value = await api.get<TimelineItem[]>(`/api/customers/${c.id}/timeline`);
  } catch {
    // keep the old one
  }
}

export function clearCustomer(): void {
  batch(() => {
    customer.value = null;
    timeline.value = [];
    customerError.value = null;
  });
}

// The number the caller rang from (E.164), or null when withheld.
export function callerNumber(): string | null {
  const d = desk.value;
  const last = lastCall.value && lastCall.value.call === workCall.value ? lastCall.value : null;
  return d?.call?.caller ?? d?.wrap_up?.caller ?? last?.caller ?? lookup.value?.number ?? null;
}

// The queue of the call being worked on (wrap-up answers 0).
export function callQueue(): number | null {
  const d = desk.value;
  const last = lastCall.value && lastCall.value.call === workCall.value ? lastCall.value : null;
  return d?.call?.queue || d?.wrap_up?.queue || last?.queue || null;
}
