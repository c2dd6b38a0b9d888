// Moving an order on: only the steps the server's order flow allows from its
// status, with a comment (required to cancel). What was typed stays on an
// error, and waits per order while the manager looks at another one.
import { useState } from 'preact/hooks';
import type { Ref } from 'preact';
import { t } from '../core/i18n';
import { Button, ErrorNote } from '../core/ui';
import { needsComment, nextStatuses } from './orderFlow';
import { changeStatus, draftOf, setDraft } from './store';
import type { Order, OrderStatus } from './types';

export function StatusChange({ order, selectRef }: { order: Order; selectRef: Ref<HTMLSelectElement> }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ id: number; error: unknown } | null>(null);
  const [done, setDone] = useState<{ id: number; status: OrderStatus } | null>(null);
  const options = nextStatuses(order.status);
  const draft = draftOf(order.id);
  const next = draft.next && options.includes(draft.next) ? draft.next : (options[0] ?? '');
  const commentNeeded = needsComment(next);
  const shownError = error?.id === order.id ? error.error : null;

  if (!options.length) {
    return <p class="muted mgr-final">{t('manager.final')}</p>;
  }

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!next || busy) return;
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const moved = await changeStatus(order.id, next, draft.comment.trim());
      setDraft(order.id, { next: '', comment: '' });
      setDone({ id: order.id, status: moved.status });
    } catch (err) {
      setError({ id: order.id, error: err });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="mgr-status-form" onSubmit={submit} noValidate aria-label={t('manager.change.title')}>
      <div class="mgr-status-row">
        <label class="field">
          <span class="field-label">{t('manager.change.next')}</span>
          <select
            ref={selectRef}
            name="next-status"
            value={next}
            onChange={(e) => setDraft(order.id, { next: e.currentTarget.value as OrderStatus })}
          >
            {options.map((s) => (
              <option value={s}>{t(`manager.action.${s}`)}</option>
            ))}
          </select>
        </label>
        <label class="field mgr-grow">
          <span class="field-label">
            {commentNeeded ? t('manager.change.commentRequired') : t('manager.change.comment')}
          </span>
          <textarea
            name="status-comment"
            rows={2}
            value={draft.comment}
            aria-invalid={shownError ? true : undefined}
            aria-describedby={shownError ? 'mgr-status-error' : undefined}
            placeholder={commentNeeded ? t('manager.change.whyCancel') : t('manager.change.commentHint')}
            onInput={(e) => setDraft(order.id, { comment: e.currentTarget.value })}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void submit(e);
            }}
          />
        </label>
      </div>
      <div class="mgr-status-actions">
        <Button
          type="submit"
          kind={next === 'cancelled' ? 'danger' : 'primary'}
          data-testid="change-status"
          disabled={busy}
        >
          {busy ? t('manager.change.saving') : t(`manager.action.${next}`)}
        </Button>
        <span class="muted mgr-hint">
          <kbd>Ctrl</kbd>+<kbd>Enter</kbd> {t('manager.change.ctrlEnter')}
        </span>
        {done?.id === order.id && !busy ? (
          <span class="mgr-done" role="status">
            {t('manager.change.done', { status: t(`manager.status.${done.status}`) })}
          </span>
        ) : null}
      </div>
      {shownError ? (
        <div data-testid="status-error">
          <ErrorNote error={shownError} id="mgr-status-error" />
        </div>
      ) : null}
    </form>
  );
}
