// The order form: lines from the catalogue, delivery day, window and
// address, the receivers with their rights, payment, the live quote, the
// read-back and confirmation; then the order's number and live status.
import { lang, t } from '../core/i18n';
import { money } from '../core/format';
import { Button, ErrorNote, Field, Panel } from '../core/ui';
import type { LineForm, OrderForm, ReceiverForm } from './orderForm';
import { newReceiver } from './orderForm';
import {
  confirmed,
  customer,
  orderBusy,
  orderError,
  orderErrors,
  orderForm,
  quote,
  quoteError,
  readBackOpen,
} from './store';
import { confirmOrder, newOrder } from './orderActions';
import { QuoteView } from './QuoteView';
import { ReadBack } from './ReadBack';
import { focusSoon, labelOf } from './shortcuts';

function update(patch: Partial<OrderForm>) {
  orderForm.value = { ...orderForm.value, ...patch };
}

function setLine(i: number, patch: Partial<LineForm>) {
  const lines = orderForm.value.lines.slice();
  lines[i] = { ...lines[i], ...patch };
  update({ lines });
}

function setReceiver(i: number, patch: Partial<ReceiverForm>) {
  const receivers = orderForm.value.receivers.slice();
  receivers[i] = { ...receivers[i], ...patch };
  update({ receivers });
}

function FieldError({ name }: { name: string }) {
  const key = orderErrors.value[name];
  return key ? <span class="agent-field-error">{t(key)}</span> : null;
}

export function openReadBack(): void {
  readBackOpen.value = true;
  focusSoon('#agent-read-back-text');
}

function Confirmed() {
  const o = confirmed.value!;
  const l = lang.value;
  return (
    <div class="agent-confirmed" data-testid="order-confirmed" role="status">
      <p class="agent-confirmed-title">{t('agent.order.confirmedTitle', { id: o.id })}</p>
      <p>
        {t('agent.order.statusLabel')}{' '}
        <span class={`badge agent-status-${o.status}`} data-testid="order-status" data-status={o.status}>
          {t(`agent.orderStatus.${o.status}`)}
        </span>
      </p>
      <p class="muted">
        {t('agent.order.confirmedSums', { total: money(o.total, l), due: money(o.amount_due, l) })}
      </p>
      <p class="muted">{o.manager_id ? t('agent.order.manager', { name: o.manager_name || `№${o.manager_id}` }) : t('agent.order.noManager')}</p>
      <Button onClick={newOrder} data-testid="new-order">
        {t('agent.order.new')}
      </Button>
    </div>
  );
}

export function OrderPanel() {
  const f = orderForm.value;
  const c = customer.value;
  const errs = orderErrors.value;
  const busy = orderBusy.value;
  const l = lang.value;
  const hasClientErrors = Object.keys(errs).length > 0;
  return (
    <Panel title={t('agent.order.title')} class="agent-order">
      {confirmed.value ? (
        <Confirmed />
      ) : (
        <form
          data-testid="order-form"
          noValidate
          aria-label={t('agent.order.title')}
          onSubmit={(e) => {
            e.preventDefault();
            void confirmOrder();
          }}
        >
          {!c ? <p class={errs.customer ? 'agent-field-error' : 'muted'}>{t('agent.order.pickCustomer')}</p> : null}
          {f.lines.length === 0 ? (
            <p class={errs.lines ? 'agent-field-error' : 'muted'}>{t('agent.order.noLines')}</p>
          ) : (
            <table class="grid agent-lines">
              <thead>
                <tr>
                  <th>{t('agent.quote.item')}</th>
                  <th class="num">{t('agent.order.price')}</th>
                  <th>{t('agent.quote.qty')}</th>
                  <th>
                    <span class="visually-hidden">{t('agent.order.remove')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {f.lines.map((line, i) => (
                  <tr data-testid="order-line">
                    <td>
                      {line.name} <span class="muted agent-small-text">{line.sku}</span>
                    </td>
                    <td class="num">{money(line.priceToday, l)}</td>
                    <td>
                      <input
                        name="quantity"
                        class="agent-qty"
                        inputMode="numeric"
                        value={line.quantity}
                        aria-label={t('agent.order.quantityOf', { name: line.name })}
                        aria-invalid={!!errs[`quantity.${i}`]}
                        onInput={(e) => setLine(i, { quantity: (e.target as HTMLInputElement).value })}
                      />{' '}
                      <span class="muted">{line.unit}</span>
                      <FieldError name={`quantity.${i}`} />
                    </td>
                    <td>
                      <button
                        type="button"
                        class="btn btn-plain agent-small"
                        aria-label={t('agent.order.removeNamed', { name: line.name })}
                        onClick={() => update({ lines: f.lines.filter((_, j) => j !== i) })}
                      >
                        ✕
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <QuoteView quote={f.lines.length ? quote.value : null} error={quoteError.value} />

          <fieldset class="agent-fieldset">
            <legend>{t('agent.order.delivery')}</legend>
            <div class="row">
              <Field label={t('agent.order.date')}>
                <input type="date" name="delivery-date" value={f.date} aria-invalid={!!errs.date} onInput={(e) => update({ date: (e.target as HTMLInputElement).value })} />
                <FieldError name="date" />
              </Field>
              <Field label={t('agent.order.from')}>
                <input type="time" name="window-from" value={f.windowFrom} aria-invalid={!!errs.windowFrom} onInput={(e) => update({ windowFrom: (e.target as HTMLInputElement).value })} />
                <FieldError name="windowFrom" />
              </Field>
              <Field label={t('agent.order.to')}>
                <input type="time" name="window-to" value={f.windowTo} aria-invalid={!!errs.windowTo} onInput={(e) => update({ windowTo: (e.target as HTMLInputElement).value })} />
                <FieldError name="windowTo" />
              </Field>
            </div>
            <Field label={t('agent.order.address')}>
              <input
                name="delivery-address"
                list="agent-addresses"
                value={f.address}
                aria-invalid={!!errs.address}
                onInput={(e) => update({ address: (e.target as HTMLInputElement).value })}
              />
              <FieldError name="address" />
            </Field>
            <datalist id="agent-addresses">
              {(c?.addresses ?? []).map((a) => (
                <option value={a} />
              ))}
            </datalist>
          </fieldset>

          <fieldset class="agent-fieldset">
            <legend>{t('agent.order.receivers')}</legend>
            {f.receivers.map((r, i) => (
              <div class="agent-receiver" data-testid="receiver" role="group" aria-label={t('agent.order.receiverN', { n: i + 1 })}>
                <div class="row">
                  <Field label={t('agent.order.receiverName')}>
                    <input name="receiver-name" value={r.name} aria-invalid={!!errs[`receiver.${i}`]} onInput={(e) => setReceiver(i, { name: (e.target as HTMLInputElement).value })} />
                    <FieldError name={`receiver.${i}`} />
                  </Field>
                  <Field label={t('agent.order.receiverPhone')}>
                    <input name="receiver-phone" type="tel" value={r.phone} onInput={(e) => setReceiver(i, { phone: (e.target as HTMLInputElement).value })} />
                  </Field>
                  <button
                    type="button"
                    class="btn btn-plain agent-small agent-receiver-remove"
                    aria-label={t('agent.order.removeReceiver', { n: i + 1 })}
                    onClick={() => update({ receivers: f.receivers.filter((_, j) => j !== i) })}
                  >
                    ✕
                  </button>
                </div>
                <div class="agent-rights">
                  <label>
                    <input type="checkbox" name="may-accept" checked={r.may_accept} onChange={(e) => setReceiver(i, { may_accept: (e.target as HTMLInputElement).checked })} />{' '}
                    {t('agent.rights.mayAccept')}
                  </label>
                  <label>
                    <input type="checkbox" name="may-pay" checked={r.may_pay} onChange={(e) => setReceiver(i, { may_pay: (e.target as HTMLInputElement).checked })} />{' '}
                    {t('agent.rights.mayPay')}
                  </label>
                  <label>
                    <input type="checkbox" name="may-sign" checked={r.may_sign} onChange={(e) => setReceiver(i, { may_sign: (e.target as HTMLInputElement).checked })} />{' '}
                    {t('agent.rights.maySign')}
                  </label>
                </div>
              </div>
            ))}
            <div class="row agent-receiver-add">
              <Button
                data-testid="add-receiver"
                onClick={() => {
                  update({ receivers: [...f.receivers, newReceiver()] });
                  focusSoon('[data-testid="receiver"]:last-of-type input[name="receiver-name"]');
                }}
              >
                {t('agent.order.addReceiver')}
              </Button>
              {(c?.contacts ?? [])
                .filter((p) => !f.receivers.some((r) => r.name === p.name && r.phone === p.phone))
                .map((p) => (
                  <Button class="agent-small" onClick={() => update({ receivers: [...f.receivers, newReceiver(p)] })}>
                    + {p.name}
                  </Button>
                ))}
            </div>
          </fieldset>

          <fieldset class="agent-fieldset">
            <legend>{t('agent.order.payment')}</legend>
            <div class="agent-rights">
              <label>
                <input type="checkbox" name="payment-on-delivery" checked={f.paymentOnDelivery} onChange={(e) => update({ paymentOnDelivery: (e.target as HTMLInputElement).checked })} />{' '}
                {t('agent.order.payOnDelivery')}
                {f.paymentOnDelivery && quote.value ? <strong> — {money(quote.value.total, l)}</strong> : null}
              </label>
              <label>
                <input type="checkbox" name="documents-to-sign" checked={f.documentsToSign} onChange={(e) => update({ documentsToSign: (e.target as HTMLInputElement).checked })} />{' '}
                {t('agent.order.documents')}
              </label>
            </div>
            <Field label={t('agent.order.note')}>
              <textarea name="order-note" rows={2} value={f.note} onInput={(e) => update({ note: (e.target as HTMLTextAreaElement).value })} />
            </Field>
          </fieldset>

          {hasClientErrors || orderError.value ? (
            <div data-testid="order-error" class="agent-order-error">
              {hasClientErrors ? (
                <p class="error-note" role="alert">
                  {t('agent.order.fixFields')}
                </p>
              ) : null}
              <ErrorNote error={orderError.value} />
            </div>
          ) : null}
          <ReadBack />
          <div class="row agent-order-actions">
            <Button data-testid="read-back" onClick={() => (readBackOpen.value ? (readBackOpen.value = false) : openReadBack())} aria-expanded={readBackOpen.value} aria-keyshortcuts="Alt+B">
              {t('agent.order.readBack')} <kbd>{labelOf('readBack')}</kbd>
            </Button>
            <Button kind="primary" type="submit" data-testid="confirm-order" disabled={busy} aria-keyshortcuts="Alt+O">
              {busy ? t('agent.order.confirming') : t('agent.order.confirm')} <kbd>{labelOf('confirmOrder')}</kbd>
            </Button>
          </div>
        </form>
      )}
    </Panel>
  );
}
