// The order's talks with the server: the live quote while the form changes,
// and confirmation (save the draft, then confirm it after the read-back).
import { effect } from '@preact/signals';
import { api } from '../core/api';
import type { Order, Quote } from './types';
import { buildOrderBody, quotableLines } from './orderForm';
import type { OrderForm } from './orderForm';
import {
  blankOrderForm,
  confirmed,
  customer,
  desk,
  done,
  draftId,
  orderBusy,
  orderError,
  orderErrors,
  orderForm,
  quote,
  quoteError,
  readBackOpen,
  refreshTimeline,
  tenantId,
  workCall,
} from './store';

export function freshOrderForm(): OrderForm {
  return { ...blankOrderForm(), address: customer.value?.addresses[0] ?? '' };
}

export function newOrder(): void {
  orderForm.value = freshOrderForm();
  orderErrors.value = {};
  orderError.value = null;
  draftId.value = null;
  confirmed.value = null;
  quote.value = null;
  quoteError.value = null;
  readBackOpen.value = false;
}

// Re-prices the lines (and the customer's discounts) a moment after each change.
export function startLiveQuote(): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let seq = 0;
  const stop = effect(() => {
    const lines = quotableLines(orderForm.value);
    const customerId = customer.value?.id ?? null;
    const tenant = tenantId();
    clearTimeout(timer);
    const mine = ++seq;
    if (lines.length === 0) {
      quote.value = null;
      quoteError.value = null;
      return;
    }
    timer = setTimeout(async () => {
      const body: Record<string, unknown> = { lines };
      if (customerId) body.customer_id = customerId;
      if (tenant) body.tenant_id = tenant;
      try {
        const q = await api.post<Quote>('/api/quotes', body);
        if (mine === seq) {
          quote.value = q;
          quoteError.value = null;
        }
      } catch (e) {
        if (mine === seq) quoteError.value = e;
      }
    }, 250);
  });
  return () => {
    clearTimeout(timer);
    stop();
  };
}

function callId(): number | null {
  const d = desk.value;
  return d?.call?.call ?? d?.wrap_up?.call ?? workCall.value ?? null;
}

// Saves the draft (creating it the first time) and confirms it. A refusal
// keeps the form and the draft; the next attempt changes the same draft.
export async function confirmOrder(): Promise<boolean> {
  if (orderBusy.value || confirmed.value) return false;
  const { body, errors } = buildOrderBody(orderForm.value, {
    customerId: customer.value?.id ?? null,
    tenantId: tenantId(),
    callId: callId(),
  });
  orderErrors.value = errors;
  orderError.value = null;
  if (!body) return false;
  orderBusy.value = true;
  try {
    let id = draftId.value;
    if (id === null) {
      const draft = await api.post<Order>('/api/orders', body);
      id = draft.id;
      draftId.value = id;
    } else {
      await api.put<Order>(`/api/orders/${id}`, body);
    }
    const order = await api.post<Order>(`/api/orders/${id}/confirm`);
    confirmed.value = order;
    readBackOpen.value = false;
    done.value = { ...done.value, order: true };
    void refreshTimeline();
    return true;
  } catch (e) {
    orderError.value = e;
    return false;
  } finally {
    orderBusy.value = false;
  }
}
