// Moving a case on, with a comment (required to resolve or reopen). What was
// typed stays on an error and waits per case (the form itself is
// core/StatusChange.tsx).
import type { Ref } from 'preact';
import { t } from '../core/i18n';
import { StatusChange, type StatusChangeClasses } from '../core/StatusChange';
import { caseNeedsComment, nextCaseStatuses, stepKey } from './caseFlow';
import { draftOf, moveCase, setDraft } from './store';
import type { Case, CaseStatus } from './types';

const classes: StatusChangeClasses = {
  form: 'cs-form',
  row: 'cs-form-row',
  grow: 'cs-grow',
  actions: 'cs-form-actions',
  hint: 'muted cs-small',
  done: 'cs-done',
  final: 'muted',
};

const names = { select: 'case-next-status', comment: 'case-comment', submitTestId: 'change-case-status', errorTestId: 'case-status-error' };

export function CaseStatusChange({ c, selectRef }: { c: Case; selectRef: Ref<HTMLSelectElement> }) {
  const required = (s: CaseStatus) => caseNeedsComment(c.status, s);
  return (
    <StatusChange<CaseStatus>
      id={c.id}
      options={nextCaseStatuses(c.status)}
      draft={draftOf(c.id)}
      setDraft={(change) => setDraft(c.id, change)}
      save={(next, comment) => moveCase(c.id, next, comment)}
      stepLabel={(s) => t(`cases.step.${stepKey(c.status, s)}`)}
      statusLabel={(s) => t(`cases.status.${s}`)}
      commentRequired={required}
      placeholder={(s) =>
        s === 'resolved' ? t('cases.change.howResolved') : required(s) ? t('cases.change.whyReopen') : t('cases.change.commentHint')
      }
      words={{ title: t('cases.change.title'), commentRequired: t('cases.change.commentRequired'), final: t('cases.final') }}
      names={names}
      classes={classes}
      selectRef={selectRef}
    />
  );
}
