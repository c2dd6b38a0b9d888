// Moving a case on, with a comment (required to resolve or reopen). What was
// typed stays on an error and waits per case.
import { useState } from 'preact/hooks';
import type { Ref } from 'preact';
import { t } from '../core/i18n';
import { Button, ErrorNote } from '../core/ui';
import { caseNeedsComment, nextCaseStatuses, stepKey } from './caseFlow';
import { draftOf, moveCase, setDraft } from './store';
import type { Case, CaseStatus } from './types';

export function CaseStatusChange({ c, selectRef }: { c: Case; selectRef: Ref<HTMLSelectElement> }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ id: number; error: unknown } | null>(null);
  const [done, setDone] = useState<{ id: number; status: CaseStatus } | null>(null);
  const options = nextCaseStatuses(c.status);
  const draft = draftOf(c.id);
  const next = draft.next && options.includes(draft.next) ? draft.next : (options[0] ?? '');
  const required = next ? caseNeedsComment(c.status, next) : false;
  const shownError = error?.id === c.id ? error.error : null;

  if (!options.length) return <p class="muted">{t('cases.final')}</p>;

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!next || busy) return;
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const moved = await moveCase(c.id, next, draft.comment.trim());
      setDraft(c.id, { next: '', comment: '' });
      setDone({ id: c.id, status: moved.status });
    } catch (err) {
      setError({ id: c.id, error: err });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="cs-form" onSubmit={submit} noValidate aria-label={t('cases.change.title')}>
      <div class="cs-form-row">
        <label class="field">
          <span class="field-label">{t('cases.change.next')}</span>
          <select ref={selectRef} name="case-next-status" value={next} onChange={(e) => setDraft(c.id, { next: e.currentTarget.value as CaseStatus })}>
            {options.map((s) => (
              <option value={s}>{t(`cases.step.${stepKey(c.status, s)}`)}</option>
            ))}
          </select>
        </label>
        <label class="field cs-grow">
          <span class="field-label">{required ? t('cases.change.commentRequired') : t('cases.change.comment')}</span>
          <textarea
            name="case-comment"
            rows={2}
            value={draft.comment}
            placeholder={next === 'resolved' ? t('cases.change.howResolved') : required ? t('cases.change.whyReopen') : t('cases.change.commentHint')}
            aria-invalid={shownError ? true : undefined}
            onInput={(e) => setDraft(c.id, { comment: e.currentTarget.value })}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void submit(e);
            }}
          />
        </label>
      </div>
      <div class="cs-form-actions">
        <Button type="submit" kind="primary" data-testid="change-case-status" disabled={busy}>
          {busy ? t('cases.change.saving') : t(`cases.step.${stepKey(c.status, next as CaseStatus)}`)}
        </Button>
        <span class="muted cs-small">
          <kbd>Ctrl</kbd>+<kbd>Enter</kbd> {t('cases.change.ctrlEnter')}
        </span>
        {done?.id === c.id && !busy ? (
          <span class="cs-done" role="status">
            {t('cases.change.done', { status: t(`cases.status.${done.status}`) })}
          </span>
        ) : null}
      </div>
      {shownError ? (
        <div data-testid="case-status-error">
          <ErrorNote error={shownError} />
        </div>
      ) : null}
    </form>
  );
}
