// Queues with every setting the API has (numbers, routing, service level,
// overflow, wrap-up...), the queue's recording policy, and the company's skills.
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api } from '../core/api';
import { t } from '../core/i18n';
import { Button } from '../core/ui';
import type { Errors, Queue, QueueForm } from './forms';
import { emptyQueueForm, policies, queueBody, queueToForm, validateQueue } from './forms';
import { queueName, queues, reload, skillName, skills } from './data';
import { AField, Row, Split, useForm } from './shared';
import { ListPanel, sidePane, useSelection } from './section';
import { EditorForm, FormActions, useEditor } from './editor';
import { ChipsPanel } from './chips';
import { QueueRecording } from './QueueRecording';

export default function QueuesSection({ edit, tenant }: { edit: boolean; tenant: number }) {
  const sel = useSelection(edit);
  const [loadError, setLoadError] = useState<unknown>(null);

  useEffect(() => {
    Promise.all([reload.queues(), reload.skills()]).catch(setLoadError);
  }, []);

  const list = queues.value.filter((q) => q.tenant === tenant);
  const current = list.find((q) => q.id === sel.selected) ?? null;

  return (
    <Split
      list={
        <div class="stack">
          <ListPanel
            title={t('admin.queues.title')}
            newLabel={t('admin.queues.new')}
            onNew={sel.onNew}
            error={loadError}
            empty={list.length === 0}
            head={
              <>
                <th>{t('admin.queues.name')}</th>
                <th>{t('admin.queues.numbers')}</th>
                <th>{t('admin.queues.policy')}</th>
                <th class="num">{t('admin.queues.priority')}</th>
                <th>{t('admin.queues.skills')}</th>
                <th>{t('admin.queues.sl')}</th>
                <th>{t('admin.queues.overflow')}</th>
              </>
            }
          >
            {list.map((q) => (
              <Row selected={q.id === sel.selected} onOpen={edit ? () => sel.open(q.id) : undefined}>
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
          </ListPanel>
          <SkillsPanel tenant={tenant} edit={edit} />
        </div>
      }
      form={sidePane({
        edit,
        creating: sel.creating,
        current,
        hint: t('admin.queues.hint'),
        editor: (queue) => (
          <div class="stack">
            <QueueEditor key={queue?.id ?? 'new'} queue={queue} tenant={tenant} onDone={(q) => sel.open(q.id)} onCancel={sel.cancel} />
            {queue ? <QueueRecording key={queue.id} queue={queue} /> : null}
          </div>
        ),
      })}
    />
  );
}

function NumberField({ text, errors, field, label, hint }: {
  text: (k: keyof QueueForm & string) => JSX.HTMLAttributes<HTMLInputElement>;
  errors: Errors;
  field: keyof QueueForm & string;
  label: string;
  hint?: string;
}) {
  return (
    <AField label={label} error={errors[field]} hint={hint}>
      <input inputMode="numeric" {...text(field)} />
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
  const { form, set, text, choice } = useForm<QueueForm>(queue ? queueToForm(queue) : emptyQueueForm());
  const ed = useEditor(creating);
  const { errors } = ed;
  const tenantSkills = skills.value.filter((s) => s.tenant === tenant);
  const otherQueues = queues.value.filter((q) => q.tenant === tenant && q.id !== queue?.id);

  const save = (e: Event) => {
    e.preventDefault();
    void ed.submit(validateQueue(form, queue?.id), async () => {
      const saved = creating
        ? await api.post<Queue>('/api/queues', queueBody(form, tenant))
        : await api.put<Queue>(`/api/queues/${queue!.id}`, queueBody(form));
      await reload.queues();
      onDone(saved);
    });
  };

  const setSkill = (i: number, patch: Partial<{ skill: string; min_level: string }>) =>
    set('skills', form.skills.map((s, j) => (j === i ? { ...s, ...patch } : s)));

  const n = (field: keyof QueueForm & string, label: string, hint?: string) => (
    <NumberField text={text} errors={errors} field={field} label={label} hint={hint} />
  );

  return (
    <EditorForm title={creating ? t('admin.queues.new') : t('admin.queues.edit', { name: queue!.name })} formRef={ed.formRef} onSubmit={save}>
      <AField label={t('admin.queues.name')} error={errors.name}>
        <input {...text('name')} />
      </AField>
      <AField label={t('admin.queues.numbers')} hint={t('admin.queues.numbers_hint')}>
        <textarea rows={2} {...text('numbers')} />
      </AField>
      <div class="admin-grid3">
        <AField label={t('admin.queues.policy')}>
          <select {...choice('policy')}>
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
          <select {...choice('overflow')}>
            <option value="none">{t('admin.queues.overflow_none')}</option>
            <option value="queue">{t('admin.queues.overflow_queue')}</option>
            <option value="callback">{t('admin.queues.overflow_callback')}</option>
          </select>
        </AField>
        {form.overflow === 'queue' ? (
          <AField label={t('admin.queues.overflow_to')} error={errors.overflow_queue}>
            <select {...choice('overflow_queue')}>
              <option value="">—</option>
              {otherQueues.map((q) => (
                <option value={String(q.id)}>{q.name}</option>
              ))}
            </select>
          </AField>
        ) : null}
      </div>
      <FormActions error={ed.error} busy={ed.busy} notice={ed.saved ? t('admin.queues.saved') : null} creating={creating} onCancel={onCancel} />
    </EditorForm>
  );
}

function SkillsPanel({ tenant, edit }: { tenant: number; edit: boolean }) {
  return (
    <ChipsPanel
      title={t('admin.skills.title')}
      chips={skills.value.filter((s) => s.tenant === tenant).map((s) => s.name)}
      edit={edit}
      testid="admin-skill-form"
      newLabel={t('admin.skills.new')}
      addLabel={t('admin.skills.add')}
      onAdd={async (name) => {
        await api.post('/api/skills', { name, tenant });
        await reload.skills();
      }}
    />
  );
}
