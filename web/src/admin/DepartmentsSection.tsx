// Departments of the company (where cases are routed): list and create.
import { useState } from 'preact/hooks';
import { api } from '../core/api';
import { t } from '../core/i18n';
import type { Errors } from './forms';
import type { Department } from './data';
import { AField, Row, Split, useForm } from './shared';
import { HintPanel, ListPanel, useRemoteList, useSelection } from './section';
import { EditorForm, FormActions, useEditor } from './editor';

export function validateDepartment(f: { name: string; email: string }): Errors {
  const errors: Errors = {};
  if (!f.name.trim()) errors.name = { key: 'admin.v.required' };
  if (f.email.trim() && !/^[^\s@]+@[^\s@]+$/.test(f.email.trim())) errors.email = { key: 'admin.v.email' };
  return errors;
}

export default function DepartmentsSection({ edit, tenant }: { edit: boolean; tenant: number }) {
  const { list, loadError, load } = useRemoteList<Department>('/api/departments', (d) => d.tenant === tenant);
  const sel = useSelection(edit);
  const [fresh, setFresh] = useState<number | null>(null);

  return (
    <Split
      list={
        <ListPanel
          title={t('admin.departments.title')}
          newLabel={t('admin.departments.new')}
          onNew={sel.onNew}
          error={loadError}
          empty={list.length === 0}
          head={
            <>
              <th>{t('admin.departments.name')}</th>
              <th>{t('admin.departments.email')}</th>
            </>
          }
        >
          {list.map((d) => (
            <Row selected={d.id === fresh}>
              <td>{d.name}</td>
              <td>{d.email ?? '—'}</td>
            </Row>
          ))}
        </ListPanel>
      }
      form={
        edit && sel.creating ? (
          <DepartmentForm
            key={fresh ?? 0}
            tenant={tenant}
            created={fresh !== null}
            onDone={async (id) => {
              await load();
              setFresh(id);
            }}
            onCancel={sel.cancel}
          />
        ) : (
          <HintPanel text={edit ? t('admin.departments.hint') : t('admin.departments.hint_read')}>
            {fresh ? <p class="notice" role="status">{t('admin.created')}</p> : null}
          </HintPanel>
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
  const { form, text } = useForm({ name: '', email: '' });
  const ed = useEditor(true);

  const save = (e: Event) => {
    e.preventDefault();
    void ed.submit(validateDepartment(form), async () => {
      const body: Record<string, unknown> = { name: form.name.trim(), tenant };
      if (form.email.trim()) body.email = form.email.trim();
      const created = await api.post<{ id: number }>('/api/departments', body);
      await onDone(created.id);
    });
  };

  return (
    <EditorForm title={t('admin.departments.new')} formRef={ed.formRef} onSubmit={save}>
      <AField label={t('admin.departments.name')} error={ed.errors.name}>
        <input {...text('name')} />
      </AField>
      <AField label={t('admin.departments.email')} error={ed.errors.email} hint={t('admin.departments.email_hint')}>
        <input type="email" {...text('email')} />
      </AField>
      <FormActions error={ed.error} busy={ed.busy} notice={created ? t('admin.created') : null} creating onCancel={onCancel} />
      <p class="field-hint">{t('admin.departments.no_edit')}</p>
    </EditorForm>
  );
}
