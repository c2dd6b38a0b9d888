// Moving an order on: only the steps the server's order flow allows from its
// status, with a comment (required to cancel). What was typed stays on an
// error, and waits per order while the manager looks at another one
// (the form itself is core/StatusChange.tsx).
import type { Ref } from 'preact';
import { t } from '../core/i18n';
import { StatusChange as StatusForm, type StatusChangeClasses } from '../core/StatusChange';
import { needsComment, nextStatuses } from './orderFlow';
import { changeStatus, draftOf, setDraft } from './store';
import type { Order, OrderStatus } from './types';

const classes: StatusChangeClasses = {
  form: 'mgr-status-form',
  row: 'mgr-status-row',
  grow: 'mgr-grow',
  actions: 'mgr-status-actions',
  hint: 'muted mgr-hint',
  done: 'mgr-done',
  final: 'muted mgr-final',
};

const names = { select: 'next-status', comment: 'status-comment', submitTestId: 'change-status', errorTestId: 'status-error' };

export function StatusChange({ order, selectRef }: { order: Order; selectRef: Ref<HTMLSelectElement> }) {
  return (
    <StatusForm<OrderStatus>
      id={order.id}
      options={nextStatuses(order.status)}
      draft={draftOf(order.id)}
      setDraft={(change) => setDraft(order.id, change)}
      save={(next, comment) => changeStatus(order.id, next, comment)}
      stepLabel={(s) => t(`manager.action.${s}`)}
      statusLabel={(s) => t(`manager.status.${s}`)}
      commentRequired={needsComment}
      placeholder={(s) => (needsComment(s) ? t('manager.change.whyCancel') : t('manager.change.commentHint'))}
      danger={(s) => s === 'cancelled'}
      words={{ title: t('manager.change.title'), commentRequired: t('manager.change.commentRequired'), final: t('manager.final') }}
      names={names}
      classes={classes}
      selectRef={selectRef}
    />
  );
}
