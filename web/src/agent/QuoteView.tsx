// The live quote under the order form: each line with the reason of every
// discount and promotion, the order discount, the totals and the promotions
// the caller does not get yet (to offer them).
import { lang, t } from '../core/i18n';
import { ErrorNote } from '../core/ui';
import type { Quote } from './types';
import { quoteView } from './quote';

export function QuoteView({ quote, error }: { quote: Quote | null; error: unknown }) {
  if (!quote) {
    return error ? (
      <div class="agent-quote">
        <ErrorNote error={error} />
      </div>
    ) : null;
  }
  const v = quoteView(quote, lang.value);
  return (
    <div class="agent-quote" data-testid="quote" aria-live="polite">
      <ErrorNote error={error} />
      <table class="grid agent-quote-table">
        <thead>
          <tr>
            <th>{t('agent.quote.item')}</th>
            <th class="num">{t('agent.quote.qty')}</th>
            <th class="num">{t('agent.quote.unit')}</th>
            <th class="num">{t('agent.quote.sum')}</th>
          </tr>
        </thead>
        <tbody>
          {v.rows.map((r) => (
            <>
              <tr class={r.gift ? 'agent-gift' : ''}>
                <td>
                  {r.gift ? <span class="badge badge-ok">{t('agent.quote.gift')}</span> : null} {r.name}{' '}
                  <span class="muted agent-small-text">{r.sku}</span>
                </td>
                <td class="num">{r.quantity}</td>
                <td class="num">{r.unitPrice}</td>
                <td class="num">
                  {r.reasons.length ? <s class="muted">{r.gross}</s> : null} {r.total}
                </td>
              </tr>
              {r.reasons.map((reason) => (
                <tr class="agent-reason-row">
                  <td colSpan={3} data-testid="quote-reason" class={`agent-reason agent-reason-${reason.source}`}>
                    {reason.source === 'promotion' ? t('agent.quote.promotion') : t('agent.quote.discount')}: {reason.text}
                  </td>
                  <td class="num agent-good">{reason.amount}</td>
                </tr>
              ))}
            </>
          ))}
          {v.orderReasons.map((reason) => (
            <tr class="agent-reason-row">
              <td colSpan={3} data-testid="quote-reason" class="agent-reason agent-reason-order">
                {t('agent.quote.orderDiscount')}: {reason.text}
              </td>
              <td class="num agent-good">{reason.amount}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          {v.discount ? (
            <>
              <tr>
                <td colSpan={3}>{t('agent.quote.gross')}</td>
                <td class="num">{v.gross}</td>
              </tr>
              <tr>
                <td colSpan={3}>{t('agent.quote.discountTotal')}</td>
                <td class="num agent-good">{v.discount}</td>
              </tr>
            </>
          ) : null}
          <tr class="agent-total">
            <td colSpan={3}>{t('agent.quote.total')}</td>
            <td class="num" data-testid="quote-total">
              {v.total}
            </td>
          </tr>
          <tr>
            <td colSpan={3} class="muted">
              {t('agent.quote.vat')}
            </td>
            <td class="num muted">{v.vat}</td>
          </tr>
        </tfoot>
      </table>
      {v.suggestions.length ? (
        <div class="agent-suggestions">
          <h3>{t('agent.quote.suggest')}</h3>
          {v.suggestions.map((s) => (
            <p class="notice" data-testid="quote-suggestion">
              <strong>{s.name}.</strong> {s.pitch}
            </p>
          ))}
        </div>
      ) : null}
    </div>
  );
}
