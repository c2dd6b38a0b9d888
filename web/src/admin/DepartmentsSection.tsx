// Departments of the company (where cases are routed): list and create.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../core/api';
import { t } from '../core/i18n';
import { Button, Empty, ErrorNote, Panel } from '../core/ui';
import type { Errors } from './forms';
import type { Department } from './data';
import { AdminError, AField, NewButton, Row, Split, submitWith, useForm, useShortcuts, focusForm } from './shared';

export function validateDepartment(f: { name: string; email: string }): Errors {
  const errors: Errors = {};
  if (!f.name.trim()) errors.name = { key: 'admin.v.required' };
  if (f.email.trim() && !/^[^\s@]+@[^\s@]+$/.test(f.email.trim())) errors.email = { key: 'admin.v.email' };
  return errors;
}

export default function DepartmentsSection({ edit, tenant }: { edit: boolean; tenant: number }) {
  const [list, setList] = useState<Department[]>([]);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [creating, setCreating] = useState(edit);
  const [fresh, setFresh] = useState<number | null>(null);

  const load = () =>
    api
      .get<Department[]>('/api/departments')
      .then((all) => setList(all.filter((d) => d.tenant === tenant)))
      .catch(setLoadError);
  useEffect(() => {
    void load();
  }, [tenant]);

  const openNew = () => {
    setCreating(true);
    focusForm();
  };
  useShortcuts(edit ? openNew : null);

  return (
    <Split
      list={
        <Panel title={t('admin.departments.title')} actions={edit ? <NewButton onClick={openNew} label={t('admin.departments.new')} /> : null}>
          <ErrorNote error={loadError} />
          {list.length === 0 ? (
            <Empty />
          ) : (
            <table class="grid">
              <thead>
                <tr>
                  <th>{t('admin.departments.name')}</th>
                  <th>{t('admin.departments.email')}</th>
                </tr>
              </thead>
              <tbody>
                {list.map((d) => (
                  <Row selected={d.id === fresh}>
                    <td>{d.name}</td>
                    <td>{d.email ?? '—'}</td>
                  </Row>
                ))}
              </tbody>
            </table>
          )}
        </Panel>
      }
      form={
        edit && creating ? (
          <DepartmentForm
            key={fresh ?? 0}
            tenant={tenant}
            created={fresh !== null}
            onDone={async (id) => {
              await load();
              setFresh(id);
            }}
            onCancel={() => setCreating(false)}
          />
        ) : (
          <Panel>
            <p class="muted">{edit ? t('admin.departments.hint') : t('admin.departments.hint_read')}</p>
            {fresh ? <p class="notice" role="status">{t('admin.created')}</p> : null}
          </Panel>
        )
      }
    />
  );
}

function DepartmentForm({ tenant, created, onDone, onCancel }: {
  tenant: number;
  created: boolean;
  onDone: (id: number) => Promise<void>;
  onCancel: () => void;
}) {
  const { form, set } = useForm({ name: '', email: '' });
  const [errors, setErrors] = useState<Errors>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  const save = async (e: Event) => {
    e.preventDefault();
    await submitWith(validateDepartment(form), setErrors, setBusy, setError, formRef.current, async () => {
      const body: Record<string, unknown> = { name: form.name.trim(), tenant };
      if (form.email.trim()) body.email = form.email.trim();
      const created = await api.post<{ id: number }>('/api/departments', body);
      await onDone(created.id);
    });
  };

  return (
    <Panel title={t('admin.departments.new')}>
      <form ref={formRef} data-testid="admin-form" onSubmit={save} noValidate>
        <AField label={t('admin.departments.name')} error={errors.name}>
          <input name="name" value={form.name} onInput={(e) => set('name', (e.target as HTMLInputElement).value)} />
        </AField>
        <AField label={t('admin.departments.email')} error={errors.email} hint={t('admin.departments.email_hint')}>
          <input name="email" type="email" value={form.email} onInput={(e) => set('email', (e.target as HTMLInputElement).value)} />
        </AField>
        <AdminError error={error} />
        {created && !error ? <p class="notice" role="status">{t('admin.created')}</p> : null}
        <div class="admin-actions">
          <Button kind="primary" type="submit" disabled={busy} data-testid="admin-save">{t('core.create')}</Button>
          <Button onClick={onCancel}>{t('core.cancel')}</Button>
        </div>
        <p class="field-hint">{t('admin.departments.no_edit')}</p>
      </form>
    </Panel>
  );
}
