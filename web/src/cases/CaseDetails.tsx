// One case: what happened, for whom, where it went and by when, what to do
// next, and its history with comments.
import type { Ref } from 'preact';
import { dateTime } from '../core/format';
import { lang, t } from '../core/i18n';
import { me } from '../core/session';
import { mayVisit } from '../core/nav';
import { ErrorNote } from '../core/ui';
import { CaseStatusBadge, departmentName } from './CaseList';
import { CaseStatusChange } from './CaseStatusChange';
import { Due } from './Due';
import { customerNames, detailError, labels, now, people } from './store';
import type { Case } from './types';

function who(id: number | null | undefined): string {
  if (id === null || id === undefined) return t('cases.bySystem');
  if (id === me.value?.id) return t('cases.byYou');
  return people.value[id] ?? t('cases.userNo', { id });
}

export function CaseDetails({ c, selectRef, headRef }: { c: Case; selectRef: Ref<HTMLSelectElement>; headRef: Ref<HTMLHeadingElement> }) {
  const l = lang.value;
  const role = me.value?.role;
  const mayWork = role === 'qa' || role === 'manager' || role === 'office_manager' || role === 'supervisor' || role === 'admin';
  const err = detailError.value?.id === c.id ? detailError.value.error : null;
  const customer = c.customer_id ? customerNames.value[c.customer_id] : null;
  return (
    <article class="cs-details" data-testid="case-details" data-case-id={c.id} aria-labelledby="cs-details-title">
      <header class="cs-details-head">
        <h2 id="cs-details-title" ref={headRef} tabIndex={-1}>
          {t('cases.case', { id: c.id })}
        </h2>
        <span data-testid="case-details-status" data-status={c.status}>
          <CaseStatusBadge status={c.status} />
        </span>
        <Due c={c} now={now.value} long />
      </header>
      <ErrorNote error={err} />
      <h3 class="cs-summary">
        <span class="cs-kind">{t(`cases.kind.${c.kind}`)}</span> {c.summary}
      </h3>
      <dl class="cs-facts">
        <dt>{t('cases.category')}</dt>
        <dd>{labels.value[c.category] ?? c.category}</dd>
        <dt>{t('cases.department')}</dt>
        <dd>{departmentName(c.department_id)}</dd>
        {c.customer_id ? (
          <>
            <dt>{t('cases.customer')}</dt>
            <dd>{customer ?? t('cases.customerNo', { id: c.customer_id })}</dd>
          </>
        ) : null}
        {c.order_id ? (
          <>
            <dt>{t('cases.order')}</dt>
            <dd>{role && mayVisit(role, '/orders') ? <a href={`/orders/${c.order_id}`}>{t('cases.orderNo', { id: c.order_id })}</a> : t('cases.orderNo', { id: c.order_id })}</dd>
          </>
        ) : null}
        {c.call_id ? (
          <>
            <dt>{t('cases.call')}</dt>
            <dd>{t('cases.callNo', { id: c.call_id })}</dd>
          </>
        ) : null}
        {c.created_at ? (
          <>
            <dt>{t('cases.opened')}</dt>
            <dd>{t('cases.openedBy', { at: dateTime(c.created_at, l), who: who(c.created_by) })}</dd>
          </>
        ) : null}
        {c.escalated_at ? (
          <>
            <dt>{t('cases.escalatedAt')}</dt>
            <dd>{dateTime(c.escalated_at, l)}</dd>
          </>
        ) : null}
      </dl>
      {c.details ? <p class="cs-text">{c.details}</p> : c.partial ? <p class="muted">{t('cases.loading')}</p> : null}

      {mayWork ? <CaseStatusChange c={c} selectRef={selectRef} /> : null}

      <section>
        <h3 class="cs-h">{t('cases.history')}</h3>
        {c.history.length ? (
          <ol class="cs-history">
            {[...c.history].reverse().map((h) => (
              <li>
                <div>
                  <CaseStatusBadge status={h.status} /> <span class="muted">{dateTime(h.at, l)} · {who(h.by)}</span>
                </div>
                {h.comment ? <p class="cs-comment">{h.comment}</p> : null}
              </li>
            ))}
          </ol>
        ) : (
          <p class="muted">{t('cases.noHistory')}</p>
        )}
      </section>
    </article>
  );
}
