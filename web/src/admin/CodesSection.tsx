// Disposition codes (the outcome an agent picks in wrap-up) and not-ready
// codes (why an agent is away): list, add, delete.
import { useState } from 'preact/hooks';
import { api } from '../core/api';
import { t } from '../core/i18n';
import { ErrorNote } from '../core/ui';
import type { Code, CodeForm } from './forms';
import { codeBody, notReadyReasons, validateCode } from './forms';
import { AField, ConfirmButton, Row, Split, useForm } from './shared';
import { HintPanel, ListPanel, useRemoteList, useSelection } from './section';
import { EditorForm, FormActions, useEditor } from './editor';

type Kind = Code['kind'];

export default function CodesSection({ edit, tenant }: { edit: boolean; tenant: number }) {
  const [kind, setKind] = useState<Kind>('disposition');
  const { list, loadError, load } = useRemoteList<Code>(`/api/codes?kind=${kind}`, (c) => c.tenant === tenant);
  const [rowError, setRowError] = useState<{ id: number; error: unknown } | null>(null);
  const sel = useSelection(edit);

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
        <ListPanel
          title={t('admin.codes.title')}
          newLabel={t('admin.codes.new')}
          onNew={sel.onNew}
          error={loadError}
          empty={list.length === 0}
          before={
            <div class="tabs" role="tablist">
              {(['disposition', 'not_ready'] as Kind[]).map((k) => (
                <button type="button" role="tab" aria-selected={kind === k} class={kind === k ? 'active' : ''} onClick={() => setKind(k)} data-testid="admin-code-kind" data-kind={k}>
                  {t(`admin.codes.kind.${k}`)}
                </button>
              ))}
            </div>
          }
          head={
            <>
              <th>{t('admin.codes.code')}</th>
              <th>{t('admin.codes.label')}</th>
              {kind === 'not_ready' ? <th>{t('admin.codes.reason')}</th> : null}
              {edit ? <th><span class="admin-sr-only">{t('core.delete')}</span></th> : null}
            </>
          }
        >
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
        </ListPanel>
      }
      form={
        edit && sel.creating ? (
          <CodeEditor
            key={kind}
            kind={kind}
            tenant={tenant}
            onDone={async (k) => {
              if (k !== kind) setKind(k);
              else await load();
            }}
            onCancel={sel.cancel}
          />
        ) : (
          <HintPanel text={edit ? t('admin.codes.hint') : t('admin.read_only')} />
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
  const { form, setForm, text, choice } = useForm<CodeForm>({ kind, code: '', label: '', reason: kind === 'not_ready' ? 'break' : '' });
  const ed = useEditor(true);

  const save = async (e: Event) => {
    e.preventDefault();
    const ok = await ed.submit(validateCode(form), async () => {
      await api.post('/api/codes', codeBody(form, tenant));
      await onDone(form.kind);
    });
    if (ok) {
      ed.setSaved(true);
      setForm({ ...form, code: '', label: '' });
      ed.formRef.current?.querySelector<HTMLInputElement>('input[name=code]')?.focus();
    }
  };

  return (
    <EditorForm title={t('admin.codes.new')} formRef={ed.formRef} onSubmit={save}>
      <AField label={t('admin.codes.kind')}>
        <select {...choice('kind')}>
          <option value="disposition">{t('admin.codes.kind.disposition')}</option>
          <option value="not_ready">{t('admin.codes.kind.not_ready')}</option>
        </select>
      </AField>
      <AField label={t('admin.codes.code')} error={ed.errors.code} hint={t('admin.codes.code_hint')}>
        <input {...text('code')} />
      </AField>
      <AField label={t('admin.codes.label')} error={ed.errors.label}>
        <input {...text('label')} />
      </AField>
      {form.kind === 'not_ready' ? (
        <AField label={t('admin.codes.reason')} hint={t('admin.codes.reason_hint')}>
          <select {...choice('reason')}>
            {notReadyReasons.map((r) => (
              <option value={r}>{t(`core.reason.${r}`)}</option>
            ))}
          </select>
        </AField>
      ) : null}
      <FormActions error={ed.error} busy={ed.busy} notice={ed.saved ? t('admin.created') : null} creating submitLabel={t('core.create')} cancelLabel={t('core.close')} onCancel={onCancel} />
    </EditorForm>
  );
}
