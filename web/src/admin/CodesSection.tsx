// Disposition codes (the outcome an agent picks in wrap-up) and not-ready
// codes (why an agent is away): list, add, delete.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../core/api';
import { t } from '../core/i18n';
import { Button, Empty, ErrorNote, Panel } from '../core/ui';
import type { Code, CodeForm, Errors } from './forms';
import { codeBody, notReadyReasons, validateCode } from './forms';
import { AdminError, AField, ConfirmButton, NewButton, Row, Split, submitWith, useForm, useShortcuts, focusForm } from './shared';

type Kind = Code['kind'];

export default function CodesSection({ edit, tenant }: { edit: boolean; tenant: number }) {
  const [kind, setKind] = useState<Kind>('disposition');
  const [list, setList] = useState<Code[]>([]);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [rowError, setRowError] = useState<{ id: number; error: unknown } | null>(null);
  const [creating, setCreating] = useState(edit);

  const load = () =>
    api
      .get<Code[]>(`/api/codes?kind=${kind}`)
      .then((all) => setList(all.filter((c) => c.tenant === tenant)))
      .catch(setLoadError);
  useEffect(() => {
    void load();
  }, [kind, tenant]);

  const openNew = () => {
    setCreating(true);
    focusForm();
  };
  useShortcuts(edit ? openNew : null);

  const remove = async (c: Code) => {
    setRowError(null);
    try {
      await api.del(`/api/codes/${c.id}`);
      await load();
    } catch (e) {
      setRowError({ id: c.id, error: e });
    }
  };

  return (
    <Split
      list={
        <Panel title={t('admin.codes.title')} actions={edit ? <NewButton onClick={openNew} label={t('admin.codes.new')} /> : null}>
          <div class="tabs" role="tablist">
            {(['disposition', 'not_ready'] as Kind[]).map((k) => (
              <button type="button" role="tab" aria-selected={kind === k} class={kind === k ? 'active' : ''} onClick={() => setKind(k)} data-testid="admin-code-kind" data-kind={k}>
                {t(`admin.codes.kind.${k}`)}
              </button>
            ))}
          </div>
          <ErrorNote error={loadError} />
          {list.length === 0 ? (
            <Empty />
          ) : (
            <table class="grid">
              <thead>
                <tr>
                  <th>{t('admin.codes.code')}</th>
                  <th>{t('admin.codes.label')}</th>
                  {kind === 'not_ready' ? <th>{t('admin.codes.reason')}</th> : null}
                  {edit ? <th><span class="admin-sr-only">{t('core.delete')}</span></th> : null}
                </tr>
              </thead>
              <tbody>
                {list.map((c) => (
                  <Row>
                    <td><code>{c.code}</code></td>
                    <td>
                      {c.label}
                      {rowError?.id === c.id ? <ErrorNote error={rowError.error} /> : null}
                    </td>
                    {kind === 'not_ready' ? <td>{c.reason ? t(`core.reason.${c.reason}`) : '—'}</td> : null}
                    {edit ? (
                      <td class="num">
                        <ConfirmButton label={t('core.delete')} confirm={t('admin.codes.delete_q')} onConfirm={() => remove(c)} />
                      </td>
                    ) : null}
                  </Row>
                ))}
              </tbody>
            </table>
          )}
        </Panel>
      }
      form={
        edit && creating ? (
          <CodeEditor
            key={kind}
            kind={kind}
            tenant={tenant}
            onDone={async (k) => {
              if (k !== kind) setKind(k);
              else await load();
            }}
            onCancel={() => setCreating(false)}
          />
        ) : (
          <Panel>
            <p class="muted">{edit ? t('admin.codes.hint') : t('admin.read_only')}</p>
          </Panel>
        )
      }
    />
  );
}

function CodeEditor({ kind, tenant, onDone, onCancel }: {
  kind: Kind;
  tenant: number;
  onDone: (k: Kind) => Promise<void>;
  onCancel: () => void;
}) {
  const { form, set, setForm } = useForm<CodeForm>({ kind, code: '', label: '', reason: kind === 'not_ready' ? 'break' : '' });
  const [errors, setErrors] = useState<Errors>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  const save = async (e: Event) => {
    e.preventDefault();
    setDone(false);
    const ok = await submitWith(validateCode(form), setErrors, setBusy, setError, formRef.current, async () => {
      await api.post('/api/codes', codeBody(form, tenant));
      await onDone(form.kind);
    });
    if (ok) {
      setDone(true);
      setForm({ ...form, code: '', label: '' });
      formRef.current?.querySelector<HTMLInputElement>('input[name=code]')?.focus();
    }
  };

  return (
    <Panel title={t('admin.codes.new')}>
      <form ref={formRef} data-testid="admin-form" onSubmit={save} noValidate>
        <AField label={t('admin.codes.kind')}>
          <select name="kind" value={form.kind} onChange={(e) => set('kind', (e.target as HTMLSelectElement).value as Kind)}>
            <option value="disposition">{t('admin.codes.kind.disposition')}</option>
            <option value="not_ready">{t('admin.codes.kind.not_ready')}</option>
          </select>
        </AField>
        <AField label={t('admin.codes.code')} error={errors.code} hint={t('admin.codes.code_hint')}>
          <input name="code" value={form.code} onInput={(e) => set('code', (e.target as HTMLInputElement).value)} />
        </AField>
        <AField label={t('admin.codes.label')} error={errors.label}>
          <input name="label" value={form.label} onInput={(e) => set('label', (e.target as HTMLInputElement).value)} />
        </AField>
        {form.kind === 'not_ready' ? (
          <AField label={t('admin.codes.reason')} hint={t('admin.codes.reason_hint')}>
            <select name="reason" value={form.reason} onChange={(e) => set('reason', (e.target as HTMLSelectElement).value)}>
              {notReadyReasons.map((r) => (
                <option value={r}>{t(`core.reason.${r}`)}</option>
              ))}
            </select>
          </AField>
        ) : null}
        <AdminError error={error} />
        {done && !error ? <p class="notice" role="status">{t('admin.created')}</p> : null}
        <div class="admin-actions">
          <Button kind="primary" type="submit" disabled={busy} data-testid="admin-save">{t('core.create')}</Button>
          <Button onClick={onCancel}>{t('core.close')}</Button>
        </div>
      </form>
    </Panel>
  );
}
