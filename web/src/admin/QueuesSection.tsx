// Queues with every setting the API has (numbers, routing, service level,
// overflow, wrap-up...), and the company's skills.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../core/api';
import { t } from '../core/i18n';
import { Button, Empty, ErrorNote, Panel } from '../core/ui';
import type { Errors, Queue, QueueForm } from './forms';
import { emptyQueueForm, policies, queueBody, queueToForm, validateQueue } from './forms';
import { queueName, queues, reload, skillName, skills } from './data';
import { AdminError, AField, msgText, NewButton, Row, Split, submitWith, useForm, useShortcuts, focusForm } from './shared';

export default function QueuesSection({ edit, tenant }: { edit: boolean; tenant: number }) {
  const [selected, setSelected] = useState<number | null>(null);
  const [creating, setCreating] = useState(edit);
  const [loadError, setLoadError] = useState<unknown>(null);

  useEffect(() => {
    Promise.all([reload.queues(), reload.skills()]).catch(setLoadError);
  }, []);

  const openNew = () => {
    setSelected(null);
    setCreating(true);
    focusForm();
  };
  useShortcuts(edit ? openNew : null);

  const list = queues.value.filter((q) => q.tenant === tenant);
  const current = list.find((q) => q.id === selected) ?? null;

  return (
    <Split
      list={
        <div class="stack">
          <Panel title={t('admin.queues.title')} actions={edit ? <NewButton onClick={openNew} label={t('admin.queues.new')} /> : null}>
            <ErrorNote error={loadError} />
            {list.length === 0 ? (
              <Empty />
            ) : (
              <table class="grid">
                <thead>
                  <tr>
                    <th>{t('admin.queues.name')}</th>
                    <th>{t('admin.queues.numbers')}</th>
                    <th>{t('admin.queues.policy')}</th>
                    <th class="num">{t('admin.queues.priority')}</th>
                    <th>{t('admin.queues.skills')}</th>
                    <th>{t('admin.queues.sl')}</th>
                    <th>{t('admin.queues.overflow')}</th>
                  </tr>
                </thead>
                <tbody>
                  {list.map((q) => (
                    <Row selected={q.id === selected} onOpen={edit ? () => { setCreating(false); setSelected(q.id); } : undefined}>
                      <td>{q.name}</td>
                      <td>{q.numbers.join(', ') || '—'}</td>
                      <td>{t(`admin.policy.${q.policy}`)}</td>
                      <td class="num">{q.priority}</td>
                      <td>{q.required_skills.map((s) => `${skillName(s.skill)} ≥ ${s.min_level}`).join(', ') || '—'}</td>
                      <td>{t('admin.queues.sl_short', { p: q.sl_target_percent, s: q.sl_threshold_s })}</td>
                      <td>
                        {q.overflow?.kind === 'queue'
                          ? `→ ${queueName(q.overflow.queue)}`
                          : q.overflow?.kind === 'callback'
                            ? t('admin.queues.overflow_callback')
                            : '—'}
                      </td>
                    </Row>
                  ))}
                </tbody>
              </table>
            )}
          </Panel>
          <SkillsPanel tenant={tenant} edit={edit} />
        </div>
      }
      form={
        creating && edit ? (
          <QueueEditor key="new" queue={null} tenant={tenant} onDone={(q) => { setCreating(false); setSelected(q.id); }} onCancel={() => setCreating(false)} />
        ) : current && edit ? (
          <QueueEditor key={current.id} queue={current} tenant={tenant} onDone={() => undefined} onCancel={() => { setSelected(null); setCreating(edit); }} />
        ) : (
          <Panel>
            <p class="muted">{edit ? t('admin.queues.hint') : t('admin.read_only')}</p>
          </Panel>
        )
      }
    />
  );
}

function NumberField({ form, set, errors, field, label, hint }: {
  form: QueueForm;
  set: <K extends keyof QueueForm>(k: K, v: QueueForm[K]) => void;
  errors: Errors;
  field: keyof QueueForm;
  label: string;
  hint?: string;
}) {
  return (
    <AField label={label} error={errors[field]} hint={hint}>
      <input name={field} inputMode="numeric" value={form[field] as string} onInput={(e) => set(field, (e.target as HTMLInputElement).value as never)} />
    </AField>
  );
}

function QueueEditor({ queue, tenant, onDone, onCancel }: {
  queue: Queue | null;
  tenant: number;
  onDone: (q: Queue) => void;
  onCancel: () => void;
}) {
  const creating = queue === null;
  const { form, set } = useForm<QueueForm>(queue ? queueToForm(queue) : emptyQueueForm());
  const [errors, setErrors] = useState<Errors>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const tenantSkills = skills.value.filter((s) => s.tenant === tenant);
  const otherQueues = queues.value.filter((q) => q.tenant === tenant && q.id !== queue?.id);

  const save = async (e: Event) => {
    e.preventDefault();
    setSaved(false);
    const ok = await submitWith(validateQueue(form, queue?.id), setErrors, setBusy, setError, formRef.current, async () => {
      const saved = creating
        ? await api.post<Queue>('/api/queues', queueBody(form, tenant))
        : await api.put<Queue>(`/api/queues/${queue!.id}`, queueBody(form));
      await reload.queues();
      onDone(saved);
    });
    if (ok && !creating) setSaved(true);
  };

  const setSkill = (i: number, patch: Partial<{ skill: string; min_level: string }>) =>
    set('skills', form.skills.map((s, j) => (j === i ? { ...s, ...patch } : s)));

  const n = (field: keyof QueueForm, label: string, hint?: string) => (
    <NumberField form={form} set={set} errors={errors} field={field} label={label} hint={hint} />
  );

  return (
    <Panel title={creating ? t('admin.queues.new') : t('admin.queues.edit', { name: queue!.name })}>
      <form ref={formRef} data-testid="admin-form" onSubmit={save} noValidate>
        <AField label={t('admin.queues.name')} error={errors.name}>
          <input name="name" value={form.name} onInput={(e) => set('name', (e.target as HTMLInputElement).value)} />
        </AField>
        <AField label={t('admin.queues.numbers')} hint={t('admin.queues.numbers_hint')}>
          <textarea name="numbers" rows={2} value={form.numbers} onInput={(e) => set('numbers', (e.target as HTMLTextAreaElement).value)} />
        </AField>
        <div class="admin-grid3">
          <AField label={t('admin.queues.policy')}>
            <select name="policy" value={form.policy} onChange={(e) => set('policy', (e.target as HTMLSelectElement).value as QueueForm['policy'])}>
              {policies.map((p) => (
                <option value={p}>{t(`admin.policy.${p}`)}</option>
              ))}
            </select>
          </AField>
          {n('priority', t('admin.queues.priority'), t('admin.queues.priority_hint'))}
          {n('ring_timeout_s', t('admin.queues.ring_timeout'))}
        </div>
        <fieldset class="admin-fieldset">
          <legend class="field-label">{t('admin.queues.skills')}</legend>
          {form.skills.map((s, i) => (
            <div class="row admin-skill-row">
              <AField label={t('admin.queues.skill')} error={errors[`skills.${i}`]}>
                <select value={s.skill} onChange={(e) => setSkill(i, { skill: (e.target as HTMLSelectElement).value })}>
                  <option value="">—</option>
                  {tenantSkills.map((k) => (
                    <option value={String(k.id)}>{k.name}</option>
                  ))}
                </select>
              </AField>
              <AField label={t('admin.queues.min_level')} error={errors[`skills.${i}.level`]}>
                <input inputMode="numeric" value={s.min_level} onInput={(e) => setSkill(i, { min_level: (e.target as HTMLInputElement).value })} />
              </AField>
              <Button onClick={() => set('skills', form.skills.filter((_, j) => j !== i))} aria-label={`${t('admin.remove')} ${i + 1}`}>
                {t('admin.remove')}
              </Button>
            </div>
          ))}
          <Button onClick={() => set('skills', [...form.skills, { skill: '', min_level: '1' }])}>{t('admin.queues.add_skill')}</Button>
        </fieldset>
        <div class="admin-grid3">
          {n('sl_threshold_s', t('admin.queues.sl_threshold'))}
          {n('sl_target_percent', t('admin.queues.sl_target'))}
          {n('short_abandon_s', t('admin.queues.short_abandon'))}
          {n('max_wait_s', t('admin.queues.max_wait'), t('admin.queues.zero_none'))}
          {n('max_callers', t('admin.queues.max_callers'), t('admin.queues.zero_none'))}
          {n('announce_every_s', t('admin.queues.announce'), t('admin.queues.zero_none'))}
          {n('wrap_up_s', t('admin.queues.wrap_up'))}
        </div>
        <div class="row">
          <AField label={t('admin.queues.overflow')} hint={t('admin.queues.overflow_hint')}>
            <select name="overflow" value={form.overflow} onChange={(e) => set('overflow', (e.target as HTMLSelectElement).value as QueueForm['overflow'])}>
              <option value="none">{t('admin.queues.overflow_none')}</option>
              <option value="queue">{t('admin.queues.overflow_queue')}</option>
              <option value="callback">{t('admin.queues.overflow_callback')}</option>
            </select>
          </AField>
          {form.overflow === 'queue' ? (
            <AField label={t('admin.queues.overflow_to')} error={errors.overflow_queue}>
              <select name="overflow_queue" value={form.overflow_queue} onChange={(e) => set('overflow_queue', (e.target as HTMLSelectElement).value)}>
                <option value="">—</option>
                {otherQueues.map((q) => (
                  <option value={String(q.id)}>{q.name}</option>
                ))}
              </select>
            </AField>
          ) : null}
        </div>
        <AdminError error={error} />
        {saved && !error ? <p class="notice" role="status">{t('admin.queues.saved')}</p> : null}
        <div class="admin-actions">
          <Button kind="primary" type="submit" disabled={busy} data-testid="admin-save">{creating ? t('core.create') : t('core.save')}</Button>
          <Button onClick={onCancel}>{t('core.cancel')}</Button>
        </div>
      </form>
    </Panel>
  );
}

function SkillsPanel({ tenant, edit }: { tenant: number; edit: boolean }) {
  const [name, setName] = useState('');
  const [check, setCheck] = useState<Errors>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const list = skills.value.filter((s) => s.tenant === tenant);

  const add = async (e: Event) => {
    e.preventDefault();
    if (!name.trim()) {
      setCheck({ name: { key: 'admin.v.required' } });
      return;
    }
    setCheck({});
    setBusy(true);
    setError(null);
    try {
      await api.post('/api/skills', { name: name.trim(), tenant });
      await reload.skills();
      setName('');
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Panel title={t('admin.skills.title')}>
      <p class="admin-chips">
        {list.map((s) => (
          <span class="badge">{s.name}</span>
        ))}
        {list.length === 0 ? <span class="muted">{t('core.none')}</span> : null}
      </p>
      {edit ? (
        <form class="admin-inline-form" data-testid="admin-skill-form" onSubmit={add} noValidate>
          <label class={`field ${check.name ? 'admin-invalid' : ''}`}>
            <span class="field-label">{t('admin.skills.new')}</span>
            <input value={name} onInput={(e) => setName((e.target as HTMLInputElement).value)} />
            {check.name ? <span class="admin-field-error">{msgText(check.name)}</span> : null}
          </label>
          <Button type="submit" disabled={busy}>{t('admin.skills.add')}</Button>
        </form>
      ) : null}
      <ErrorNote error={error} />
    </Panel>
  );
}
