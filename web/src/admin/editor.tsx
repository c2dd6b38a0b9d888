// What every administration form shares: the check messages, the server's
// error, "busy" while a request runs, "saved", and the row of buttons.
import type { ComponentChildren, RefObject } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { api } from '../core/api';
import { t } from '../core/i18n';
import { Button, Panel } from '../core/ui';
import type { Errors } from './forms';
import { AdminError, ConfirmButton, Invalid, useForm } from './shared';

// Runs one request at a time, keeping its error for the screen.
export function useAction() {
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const run = async (work: () => Promise<void>): Promise<boolean> => {
    setBusy(true);
    setError(null);
    try {
      await work();
      return true;
    } catch (e) {
      setError(e);
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { error, setError, busy, setBusy, run };
}

// A record's form: submit() checks, then sends; an update that went through
// says "saved" (a creation moves on to the new record instead).
export function useEditor(creating: boolean) {
  const action = useAction();
  const [errors, setErrors] = useState<Errors>({});
  const [saved, setSaved] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const submit = async (checks: Errors, send: () => Promise<void>): Promise<boolean> => {
    setSaved(false);
    setErrors(checks);
    if (Object.keys(checks).length > 0) {
      action.setError(new Invalid());
      // Focus the first field that needs attention.
      const form = formRef.current;
      setTimeout(() => form?.querySelector<HTMLElement>('.admin-invalid input, .admin-invalid select, .admin-invalid textarea')?.focus(), 0);
      return false;
    }
    const ok = await action.run(send);
    if (ok && !creating) setSaved(true);
    return ok;
  };
  const remove = (path: string, after?: () => Promise<void>) =>
    action.run(async () => {
      await api.del(path);
      await after?.();
    });
  return { ...action, errors, saved, setSaved, formRef, submit, remove };
}

// POST to the collection for a new record, PUT to the record for an old one.
export function saveRecord<T>(collection: string, id: number | undefined, body: unknown): Promise<T> {
  return id === undefined ? api.post<T>(collection, body) : api.put<T>(`${collection}/${id}`, body);
}

// A catalogue record's form: its fields, check, save (create or update) and
// delete against the collection.
export function useRecordForm<T extends { id: number }, F extends object>({ collection, record, tenant, toForm, empty, validate, body, onDone, onDeleted }: {
  collection: string;
  record: T | null;
  tenant: number;
  toForm: (record: T) => F;
  empty: () => F;
  validate: (form: F) => Errors;
  body: (form: F, tenant: number) => unknown;
  onDone: (saved: T) => Promise<void> | void;
  onDeleted?: () => Promise<void>;
}) {
  const creating = record === null;
  const fields = useForm<F>(record ? toForm(record) : empty());
  const ed = useEditor(creating);
  const save = (e: Event) => {
    e.preventDefault();
    void ed.submit(validate(fields.form), async () => {
      await onDone(await saveRecord<T>(collection, record?.id, body(fields.form, tenant)));
    });
  };
  const remove = () => void ed.remove(`${collection}/${record!.id}`, onDeleted);
  return { ...fields, ...ed, creating, save, remove };
}

// The panel with the section's form (found by tests as admin-form).
export function EditorForm({ title, formRef, onSubmit, children }: {
  title: string;
  formRef: RefObject<HTMLFormElement>;
  onSubmit: (e: Event) => void;
  children: ComponentChildren;
}) {
  return (
    <Panel title={title}>
      <form ref={formRef} data-testid="admin-form" onSubmit={onSubmit} noValidate>
        {children}
      </form>
    </Panel>
  );
}

// The error, the "saved" note and the buttons under a form.
export function FormActions({ error, busy, notice, creating, submitLabel, cancelLabel, onCancel, deleteQuestion, onDelete, buttons = true }: {
  error: unknown;
  busy: boolean;
  notice?: string | null;
  creating: boolean;
  submitLabel?: string;
  cancelLabel?: string;
  onCancel: () => void;
  deleteQuestion?: string;
  onDelete?: () => void;
  buttons?: boolean;
}) {
  return (
    <>
      <AdminError error={error} />
      {notice && !error ? <p class="notice" role="status">{notice}</p> : null}
      {buttons ? (
        <div class="admin-actions">
          <Button kind="primary" type="submit" disabled={busy} data-testid="admin-save">
            {submitLabel ?? (creating ? t('core.create') : t('core.save'))}
          </Button>
          <Button onClick={onCancel}>{cancelLabel ?? t('core.cancel')}</Button>
          {!creating && onDelete ? <ConfirmButton label={t('core.delete')} confirm={deleteQuestion ?? ''} onConfirm={onDelete} disabled={busy} /> : null}
        </div>
      ) : null}
    </>
  );
}
