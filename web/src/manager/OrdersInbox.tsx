// The manager's orders inbox (/orders, /orders/<id>): the list with filters
// on the left, the open order on the right, new assignments arriving live.
// Keyboard: j/k or ↓/↑ move, Enter goes to the order's actions, Esc back to
// the list, / to the search.
import { useEffect, useRef } from 'preact/hooks';
import { t } from '../core/i18n';
import { errorText } from '../core/ui';
import { onMessage } from '../core/ws';
import { OrderDetails } from './OrderDetails';
import { FilterActions, OrderFilters } from './OrderFilters';
import { OrderCount, OrderList } from './OrderList';
import { Toasts } from './Toasts';
import {
  detailError,
  fetchOrder,
  loadOrders,
  loadPeople,
  receiveAssigned,
  receiveStatus,
  selected,
  selectedId,
  visible,
} from './store';
import type { AssignedSummary, Order } from './types';

function idFromPath(): number | null {
  const m = /^\/orders\/(\d+)\/?$/.exec(location.pathname);
  return m ? Number(m[1]) : null;
}

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || !el.tagName) return false;
  return el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName);
}

export default function OrdersInbox() {
  const searchRef = useRef<HTMLInputElement>(null);
  const selectRef = useRef<HTMLSelectElement>(null);
  const headRef = useRef<HTMLHeadingElement>(null);
  const listRef = useRef<HTMLDivElement>(null);

  // Shows an order; `focus` moves the keyboard to its actions. The address
  // follows quietly (so a reload or a shared link opens the same order).
  const open = (id: number, focus: boolean) => {
    const changed = selectedId.value !== id;
    selectedId.value = id;
    if (location.pathname !== `/orders/${id}`) history.replaceState(history.state, '', `/orders/${id}`);
    if (changed) void fetchOrder(id);
    if (focus) {
      requestAnimationFrame(() => (selectRef.current ?? headRef.current)?.focus());
    }
  };

  const focusRow = () => {
    requestAnimationFrame(() => listRef.current?.querySelector<HTMLElement>('tr[aria-selected="true"]')?.focus());
  };

  useEffect(() => {
    const linked = idFromPath();
    if (linked) {
      selectedId.value = linked;
      void fetchOrder(linked);
    }
    void loadOrders();
    void loadPeople();
    const offs = [
      onMessage('order.assigned', (m) => receiveAssigned(m.order as AssignedSummary, String(m.reason ?? ''))),
      onMessage('order.status', (m) => receiveStatus(m.order as Order)),
      // Back after a drop: catch up on what the socket missed.
      onMessage('ws.open', () => void loadOrders()),
    ];
    return () => offs.forEach((off) => off());
  }, []);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
      const target = e.target as HTMLElement | null;
      if (e.key === 'Escape') {
        if (target && target.closest('.mgr-details')) {
          (target as HTMLElement).blur?.();
          focusRow();
        }
        return;
      }
      if (isTyping(target)) return;
      const inList = !target || target === document.body || !!target.closest?.('.mgr-list');
      const rows = visible.value;
      const at = rows.findIndex((o) => o.id === selectedId.value);
      const move = (step: number) => {
        if (!rows.length) return;
        const next = at < 0 ? (step > 0 ? 0 : rows.length - 1) : Math.min(rows.length - 1, Math.max(0, at + step));
        open(rows[next].id, false);
        focusRow();
      };
      if (e.key === 'j' || (e.key === 'ArrowDown' && inList)) {
        e.preventDefault();
        move(1);
      } else if (e.key === 'k' || (e.key === 'ArrowUp' && inList)) {
        e.preventDefault();
        move(-1);
      } else if (e.key === 'Enter' && inList && selectedId.value !== null) {
        e.preventDefault();
        open(selectedId.value, true);
      } else if (e.key === '/') {
        e.preventDefault();
        searchRef.current?.focus();
        searchRef.current?.select();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  const order = selected.value;
  const missing = selectedId.value !== null && !order ? detailError.value : null;
  return (
    <div class="mgr-inbox">
      <section class="panel mgr-left" aria-label={t('manager.title')}>
        <header class="panel-head">
          <h1 class="mgr-title">{t('manager.title')}</h1>
          <FilterActions />
        </header>
        <OrderFilters searchRef={searchRef} />
        <div ref={listRef} class="mgr-scroll">
          <OrderList onOpen={open} />
        </div>
        <footer class="mgr-foot muted">
          <OrderCount />
          <span class="mgr-keys">
            <kbd>j</kbd>/<kbd>k</kbd> {t('manager.keys.move')} · <kbd>Enter</kbd> {t('manager.keys.open')} · <kbd>Esc</kbd> {t('manager.keys.back')}
          </span>
        </footer>
      </section>
      <section class="panel mgr-right" aria-label={t('manager.detailsLabel')}>
        <div class="panel-body mgr-scroll">
          {order ? (
            <OrderDetails order={order} selectRef={selectRef} headRef={headRef} />
          ) : missing ? (
            <p class="error-note" role="alert">
              {t('manager.cannotOpen', { id: selectedId.value ?? '' })} {errorText(missing.error)}
            </p>
          ) : selectedId.value !== null ? (
            <p class="empty">{t('manager.loading')}</p>
          ) : (
            <p class="empty">{t('manager.pick')}</p>
          )}
        </div>
      </section>
      <Toasts onOpen={(id) => open(id, true)} />
    </div>
  );
}
