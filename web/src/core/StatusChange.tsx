// Moving a record (an order, a case) to its next status: a choice of the
// steps its flow allows, a comment (required for some steps), save with the
// button or Ctrl+Enter in the comment. The draft lives in the area's store so
// what was typed survives an error and waits per record while another one is
// open; the error and "done" shown belong to the record they came from.
// The area gives the words for its steps, the names and test ids of the
// controls, and its CSS classes.
import type { Ref } from 'preact';
import { useId, useState } from 'preact/hooks';
import { t } from './i18n';
import { Button, ErrorNote } from './ui';

export interface StatusDraft<S extends string> {
  next: S | '';
  comment: string;
}

export interface StatusChangeClasses {
  form: string;
  row: string; // the select and the comment side by side
  grow: string; // the comment's field, taking the room left
  actions: string;
  hint: string;
  done: string;
  final: string; // the note shown when no step is left
}

export interface StatusChangeProps<S extends string> {
  id: number;
  options: readonly S[]; // the allowed next statuses, the usual one first
  draft: StatusDraft<S>;
  setDraft: (change: Partial<StatusDraft<S>>) => void;
  // Saves the step; resolves to the record as the server has it now.
  save: (next: S, comment: string) => Promise<{ status: S }>;
  stepLabel: (next: S) => string; // the option and the button: "Cancel", "Reopen"
  statusLabel: (status: S) => string; // in "Done: now «…»"
  commentRequired: (next: S) => boolean;
  placeholder: (next: S) => string;
  danger?: (next: S) => boolean; // the button in red
  words: { title: string; commentRequired: string; final: string };
  names: { select: string; comment: string; submitTestId: string; errorTestId: string };
  classes: StatusChangeClasses;
  selectRef?: Ref<HTMLSelectElement>;
}

export function StatusChange<S extends string>(p: StatusChangeProps<S>) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ id: number; error: unknown } | null>(null);
  const [done, setDone] = useState<{ id: number; status: S } | null>(null);
  const errorId = useId();
  const { id, options, draft, classes } = p;
  const next: S | '' = draft.next && options.includes(draft.next) ? draft.next : (options[0] ?? '');
  const required = next ? p.commentRequired(next) : false;
  const shownError = error?.id === id ? error.error : null;

  if (!next) return <p class={classes.final}>{p.words.final}</p>;

  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const moved = await p.save(next, draft.comment.trim());
      p.setDraft({ next: '', comment: '' });
      setDone({ id, status: moved.status });
    } catch (err) {
      setError({ id, error: err });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class={classes.form} onSubmit={submit} noValidate aria-label={p.words.title}>
      <div class={classes.row}>
        <label class="field">
          <span class="field-label">{t('core.change.next')}</span>
          <select ref={p.selectRef} name={p.names.select} value={next} onChange={(e) => p.setDraft({ next: e.currentTarget.value as S })}>
            {options.map((s) => (
              <option value={s}>{p.stepLabel(s)}</option>
            ))}
          </select>
        </label>
        <label class={`field ${classes.grow}`}>
          <span class="field-label">{required ? p.words.commentRequired : t('core.change.comment')}</span>
          <textarea
            name={p.names.comment}
            rows={2}
            value={draft.comment}
            placeholder={p.placeholder(next)}
            aria-invalid={shownError ? true : undefined}
            aria-describedby={shownError ? errorId : undefined}
            onInput={(e) => p.setDraft({ comment: e.currentTarget.value })}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void submit(e);
            }}
          />
        </label>
      </div>
      <div class={classes.actions}>
        <Button type="submit" kind={p.danger?.(next) ? 'danger' : 'primary'} data-testid={p.names.submitTestId} disabled={busy}>
          {busy ? t('core.change.saving') : p.stepLabel(next)}
        </Button>
        <span class={classes.hint}>
          <kbd>Ctrl</kbd>+<kbd>Enter</kbd> {t('core.change.ctrlEnter')}
        </span>
        {done?.id === id && !busy ? (
          <span class={classes.done} role="status">
            {t('core.change.done', { status: p.statusLabel(done.status) })}
          </span>
        ) : null}
      </div>
      {shownError ? (
        <div data-testid={p.names.errorTestId}>
          <ErrorNote error={shownError} id={errorId} />
        </div>
      ) : null}
    </form>
  );
}
