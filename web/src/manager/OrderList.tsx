// The inbox's rows. The selected row is the one tab stop (j/k and the arrows
// move it); a click or Enter opens the order on the right.
import { useEffect, useRef } from 'preact/hooks';
import { lang, plural, t } from '../core/i18n';
import { money } from '../core/format';
import { Badge, ErrorNote } from '../core/ui';
import { shortDay } from './dates';
import { customerNames, fresh, loadError, loaded, orders, selectedId, visible } from './store';
import type { Order, OrderStatus } from './types';

export const statusTone: Record<OrderStatus, string> = {
  draft: 'neutral',
  confirmed: 'warn',
  assigned: 'mgr-assigned',
  in_fulfilment: 'mgr-fulfilment',
  delivered: 'ok',
  cancelled: 'bad',
  returned: 'bad',
};

export function StatusBadge({ status }: { status: OrderStatus }) {
  return <Badge tone={statusTone[status] ?? 'neutral'}>{t(`manager.status.${status}`)}</Badge>;
}

function Row({ order, selected, onOpen }: { order: Order; selected: boolean; onOpen: (id: number, focus: boolean) => void }) {
  const ref = useRef<HTMLTableRowElement>(null);
  useEffect(() => {
    if (selected) ref.current?.scrollIntoView({ block: 'nearest' });
  }, [selected]);
  const name = customerNames.value[order.customer_id];
  const l = lang.value;
  const d = order.delivery;
  return (
    <tr
      ref={ref}
      data-testid="order-row"
      data-order-id={order.id}
      class={`clickable ${selected ? 'selected' : ''} ${fresh.value.has(order.id) ? 'mgr-fresh' : ''}`}
      tabIndex={selected ? 0 : -1}
      aria-selected={selected}
      onClick={() => onOpen(order.id, false)}
      onDblClick={() => onOpen(order.id, true)}
    >
      <td class="num mgr-id">
        {order.id}
        {fresh.value.has(order.id) ? <span class="mgr-new">{t('manager.new')}</span> : null}
      </td>
      <td data-testid="order-row-status" data-status={order.status}>
        <StatusBadge status={order.status} />
      </td>
      <td class="mgr-cust">
        <div class="mgr-cut" title={name}>{name ?? <span class="muted">{t('manager.customerNo', { id: order.customer_id })}</span>}</div>
      </td>
      <td class="mgr-when">
        {shortDay(d.date, l)}
        {d.window_from ? <span class="muted"> {d.window_from}–{d.window_to}</span> : null}
      </td>
      <td class="mgr-where">
        <div class="mgr-cut" title={[d.region, d.address].filter(Boolean).join(' · ')}>
          {d.address || d.region}
        </div>
      </td>
      <td class="num">{money(order.total, l)}</td>
    </tr>
  );
}

export function OrderList({ onOpen }: { onOpen: (id: number, focus: boolean) => void }) {
  const rows = visible.value;
  const all = orders.value.length;
  return (
    <div class="mgr-list" id="mgr-list">
      <ErrorNote error={loadError.value} />
      {!loaded.value && !loadError.value ? <p class="empty">{t('manager.loading')}</p> : null}
      {loaded.value && rows.length === 0 ? (
        <p class="empty">{all ? t('manager.noneMatch') : t('manager.none')}</p>
      ) : null}
      {rows.length ? (
        <table class="grid mgr-table" aria-label={t('manager.listLabel')}>
          <thead>
            <tr>
              <th class="num">№</th>
              <th>{t('manager.col.status')}</th>
              <th>{t('manager.col.customer')}</th>
              <th>{t('manager.col.delivery')}</th>
              <th>{t('manager.col.address')}</th>
              <th class="num">{t('manager.col.total')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((o) => (
              <Row key={o.id} order={o} selected={o.id === selectedId.value} onOpen={onOpen} />
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}

export function OrderCount() {
  if (!loaded.value) return null;
  const n = visible.value.length;
  const all = orders.value.length;
  return (
    <span class="mgr-count" aria-live="polite">
      {n === all ? plural('manager.count', all) : t('manager.countOf', { n, all })}
    </span>
  );
}
