// The manager's orders inbox (/orders, /orders/<id>): the list with filters
// on the left, the open order on the right, new assignments arriving live.
// Keyboard: j/k or ↓/↑ move, Enter goes to the order's actions, Esc back to
// the list, / to the search.
import { useEffect } from 'preact/hooks';
import { t } from '../core/i18n';
import { InboxLayout, useInbox } from '../core/InboxLayout';
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

// The address follows the open order quietly (so a reload or a shared link
// opens the same one).
function followAddress(id: number): void {
  if (location.pathname !== `/orders/${id}`) history.replaceState(history.state, '', `/orders/${id}`);
}

export default function OrdersInbox() {
  const inbox = useInbox({ rows: visible, selectedId, fetch: fetchOrder, onSelect: followAddress, selectSearch: true });

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

  const order = selected.value;
  return (
    <InboxLayout
      prefix="mgr"
      inbox={inbox}
      title={t('manager.title')}
      detailsLabel={t('manager.detailsLabel')}
      actions={<FilterActions />}
      filters={<OrderFilters searchRef={inbox.searchRef} />}
      list={<OrderList onOpen={inbox.open} />}
      count={<OrderCount />}
      record={order ? <OrderDetails order={order} selectRef={inbox.selectRef} headRef={inbox.headRef} /> : null}
      selectedId={selectedId.value}
      detailError={detailError.value}
      cannotOpen={(id) => t('manager.cannotOpen', { id })}
      pick={t('manager.pick')}
    >
      <Toasts onOpen={(id) => inbox.open(id, true)} />
    </InboxLayout>
  );
}
