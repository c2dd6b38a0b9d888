// One order in full: what to do next first, then the customer and the
// delivery, the receivers and their rights, the lines and money, the history.
import type { Ref } from 'preact';
import { dateTime, money } from '../core/format';
import { lang, t } from '../core/i18n';
import { me } from '../core/session';
import { Badge, ErrorNote } from '../core/ui';
import { daysFrom, dayLabel } from './dates';
import { canReassign } from './orderFlow';
import { orderMoney } from './orderMoney';
import { StatusBadge } from './OrderList';
import { managerName, Reassign } from './Reassign';
import { StatusChange } from './StatusChange';
import { customers, detailError, people } from './store';
import type { Order } from './types';

function Yes({ on, label }: { on: boolean; label: string }) {
  return on ? <Badge tone="ok">{label}</Badge> : <span class="mgr-no">{label}</span>;
}

function who(id: number | null): string {
  if (id === null) return t('manager.bySystem');
  if (id === me.value?.id) return t('manager.byYou');
  return people.value[id] ?? t('manager.userNo', { id });
}

function Customer({ order }: { order: Order }) {
  const c = customers.value[order.customer_id];
  if (c === undefined) return <p class="muted">{t('manager.loading')}</p>;
  if (c === null) return <p class="muted">{t('manager.customerNo', { id: order.customer_id })}</p>;
  return (
    <div class="mgr-customer">
      <div class="mgr-cust-name">
        <b>{c.name || t('manager.customerNo', { id: c.id })}</b>{' '}
        <span class="muted">{t(`manager.kind.${c.kind}`)}</span>
      </div>
      {c.phones.map((p) => (
        <div>
          <a href={`tel:${p.number}`}>{p.display || p.number}</a>
          {p.label ? <span class="muted"> {p.label}</span> : null}
        </div>
      ))}
      {c.emails.map((e) => (
        <div class="muted">{e}</div>
      ))}
    </div>
  );
}

function Lines({ order }: { order: Order }) {
  const l = lang.value;
  const m = orderMoney(order);
  if (!m.lines.length) return <p class="muted">{order.partial ? t('manager.loading') : t('manager.noLines')}</p>;
  return (
    <table class="grid mgr-lines" data-testid="order-lines">
      <thead>
        <tr>
          <th>{t('manager.line.product')}</th>
          <th class="num">{t('manager.line.qty')}</th>
          <th class="num">{t('manager.line.price')}</th>
          <th class="num">{t('manager.line.discount')}</th>
          <th class="num">{t('manager.line.sum')}</th>
        </tr>
      </thead>
      <tbody>
        {m.lines.map((x) => (
          <tr key={x.key}>
            <td>
              {x.name} <span class="muted mgr-sku">{x.sku}</span>
              {x.gift ? <> <Badge tone="ok">{t('manager.line.gift')}</Badge></> : null}
              {x.reasons.length ? <div class="mgr-reasons">{x.reasons.join('; ')}</div> : null}
            </td>
            <td class="num">{x.quantity}</td>
            <td class="num">{money(x.unitPrice, l)}</td>
            <td class="num">{x.discount ? `−${money(x.discount, l)}` : '—'}</td>
            <td class="num">{money(x.total, l)}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th colSpan={4}>{t('manager.total.gross')}</th>
          <td class="num" data-testid="order-gross">{money(m.gross, l)}</td>
        </tr>
        <tr>
          <th colSpan={4}>
            {t('manager.total.discount')}
            {m.orderAdjustments.length ? <div class="mgr-reasons">{t('manager.total.orderWide', { names: m.orderAdjustments.map((a) => a.rule_name).join('; ') })}</div> : null}
          </th>
          <td class="num" data-testid="order-discount">{m.discount ? `−${money(m.discount, l)}` : '—'}</td>
        </tr>
        <tr class="mgr-grand">
          <th colSpan={4}>{t('manager.total.total')}</th>
          <td class="num" data-testid="order-total">{money(m.total, l)}</td>
        </tr>
        <tr>
          <th colSpan={4} class="muted">{t('manager.total.vat')}</th>
          <td class="num muted">{money(m.vat, l)}</td>
        </tr>
        <tr>
          <th colSpan={4}>{t('manager.total.due')}</th>
          <td class="num" data-testid="order-due">{money(m.amountDue, l)}</td>
        </tr>
      </tfoot>
    </table>
  );
}

function History({ order }: { order: Order }) {
  const l = lang.value;
  if (!order.history.length) return <p class="muted">{order.partial ? t('manager.loading') : t('manager.noHistory')}</p>;
  return (
    <ol class="mgr-history">
      {[...order.history].reverse().map((h) => (
        <li>
          <div>
            <StatusBadge status={h.status} /> <span class="muted">{dateTime(h.at, l)} · {who(h.by)}</span>
            {h.manager_id !== null && h.manager_id !== undefined ? (
              <span class="muted"> · {t('manager.history.manager', { name: managerName(h.manager_id) })}</span>
            ) : null}
          </div>
          {h.comment ? <p class="mgr-comment">{h.comment}</p> : null}
        </li>
      ))}
    </ol>
  );
}

export function OrderDetails({ order, selectRef, headRef }: { order: Order; selectRef: Ref<HTMLSelectElement>; headRef: Ref<HTMLHeadingElement> }) {
  const l = lang.value;
  const role = me.value?.role;
  const mayWork = role === 'manager' || role === 'supervisor' || role === 'admin';
  const mayAssign = role === 'supervisor' || role === 'admin';
  const d = order.delivery;
  const days = daysFrom(d.date, new Date());
  const err = detailError.value?.id === order.id ? detailError.value.error : null;
  return (
    <article class="mgr-details" data-testid="order-details" data-order-id={order.id} aria-labelledby="mgr-details-title">
      <header class="mgr-details-head">
        <h2 id="mgr-details-title" ref={headRef} tabIndex={-1}>
          {t('manager.order', { id: order.id })}
        </h2>
        <span data-testid="order-details-status" data-status={order.status}>
          <StatusBadge status={order.status} />
        </span>
        <span class="mgr-total">{money(order.total, l)}</span>
        <span class="muted mgr-manager">
          {t('manager.managerIs', { name: managerName(order.manager_id) })}
        </span>
      </header>
      <ErrorNote error={err} />

      {mayWork ? <StatusChange order={order} selectRef={selectRef} /> : null}
      {mayAssign && canReassign(order.status) ? <Reassign order={order} /> : null}

      <div class="mgr-two">
        <section>
          <h3>{t('manager.customer')}</h3>
          <Customer order={order} />
        </section>
        <section>
          <h3>{t('manager.delivery')}</h3>
          <div>
            <b>{dayLabel(d.date, l)}</b>
            {d.window_from ? ` ${d.window_from}–${d.window_to}` : ''}
            {days !== null && days >= -1 && days <= 1 ? <> <Badge tone={days < 0 ? 'bad' : 'warn'}>{t(`manager.day.${days + 1}`)}</Badge></> : null}
          </div>
          <div>{d.address || <span class="muted">{t('manager.noAddress')}</span>}</div>
          {d.region ? <div class="muted">{t('manager.region', { region: d.region })}</div> : null}
          <div class="mgr-flags">
            <Badge tone={order.payment_on_delivery ? 'warn' : 'neutral'}>
              {order.payment_on_delivery ? t('manager.payOnDelivery') : t('manager.prepaid')}
            </Badge>{' '}
            {order.documents_to_sign ? <Badge tone="warn">{t('manager.docsToSign')}</Badge> : null}
          </div>
          {order.note ? <p class="mgr-comment">{order.note}</p> : null}
        </section>
      </div>

      <section>
        <h3>{t('manager.receivers')}</h3>
        {order.receivers.length ? (
          <table class="grid mgr-receivers">
            <thead>
              <tr>
                <th>{t('manager.receiver.name')}</th>
                <th>{t('manager.receiver.phone')}</th>
                <th>{t('manager.receiver.rights')}</th>
              </tr>
            </thead>
            <tbody>
              {order.receivers.map((r) => (
                <tr>
                  <td>{r.name}</td>
                  <td>{r.phone ? <a href={`tel:${r.phone}`}>{r.phone}</a> : '—'}</td>
                  <td class="mgr-rights">
                    <Yes on={r.may_accept} label={t('manager.right.accept')} />{' '}
                    <Yes on={r.may_pay} label={t('manager.right.pay')} />{' '}
                    <Yes on={r.may_sign} label={t('manager.right.sign')} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p class="muted">{order.partial ? t('manager.loading') : t('manager.noReceivers')}</p>
        )}
      </section>

      <section>
        <h3>{t('manager.lines')}</h3>
        <Lines order={order} />
      </section>

      <section>
        <h3>{t('manager.history')}</h3>
        <History order={order} />
        {order.created_at ? (
          <p class="muted mgr-created">
            {t('manager.created', { at: dateTime(order.created_at, l), who: who(order.created_by ?? null) })}
          </p>
        ) : null}
      </section>
    </article>
  );
}
