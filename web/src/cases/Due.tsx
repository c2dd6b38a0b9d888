// The due time with its mark: overdue (red), due within the hour (amber),
// escalated, or simply when.
import { dateTime } from '../core/format';
import { lang, t } from '../core/i18n';
import { Badge } from '../core/ui';
import { dueState, span } from './caseSla';
import type { Case } from './types';

export function spanText(ms: number): string {
  const { d, h, m } = span(ms);
  if (d) return t('cases.span.dh', { d, h });
  if (h) return t('cases.span.hm', { h, m });
  return t('cases.span.m', { m });
}

export function Due({ c, now, long }: { c: Case; now: number; long?: boolean }) {
  const state = dueState(c, now);
  const due = Date.parse(c.due_at);
  return (
    <span class={`cs-due cs-due-${state}`} data-due={state}>
      {state === 'overdue' ? (
        <Badge tone="bad">{t('cases.overdueBy', { span: spanText(now - due) })}</Badge>
      ) : state === 'soon' ? (
        <Badge tone="warn">{t('cases.dueIn', { span: spanText(due - now) })}</Badge>
      ) : state === 'ok' ? (
        <span>{t('cases.dueIn', { span: spanText(due - now) })}</span>
      ) : null}
      {long || state === 'done' ? <span class="muted"> {t('cases.dueAt', { at: dateTime(c.due_at, lang.value) })}</span> : null}
      {c.escalated_at ? <> <Badge tone="bad">{t('cases.escalated')}</Badge></> : null}
    </span>
  );
}
