// One IVR menu's form: what reaches it (numbers), who answers in the end
// (the operator queue), its nodes with their keys, and the business hours.
// Checked before sending (ivr.ts); a refusal of the server is shown under
// the form and, when its words name a node or key, at that field too.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../core/api';
import { t } from '../core/i18n';
import { Button } from '../core/ui';
import type { Errors, Msg, Queue } from './forms';
import type { ActionForm, IvrMenu, KeyForm, MenuForm, NodeForm } from './ivr';
import {
  actionKinds, addKey, addNode, emptyMenuForm, isMissingNode, menuBody, menuNumbers, menuToForm,
  nextFreeKey, phoneKeys, problemField, removeNode, renameNode, validateMenu, weekDays, withHours,
} from './ivr';
import { queues, tenantName, tenants } from './data';
import { AField, msgText, useForm } from './shared';
import { EditorForm, FormActions, saveRecord, useEditor } from './editor';

export const MENUS = '/api/ivr/menus';
const NODE_IDS = 'ivr-node-ids';
const ZONES = 'ivr-zones';
const zones: string[] = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];

type Change<T> = (patch: Partial<T>) => void;

const typed = (e: Event) => (e.target as HTMLInputElement).value;

export function IvrEditor({ menu, tenant, onDone, onCancel, onDeleted }: {
  menu: IvrMenu | null;
  tenant: number;
  onDone: (saved: IvrMenu) => Promise<void>;
  onCancel: () => void;
  onDeleted: () => Promise<void>;
}) {
  const creating = menu === null;
  const owner = menu?.tenant ?? tenant;
  const { form, setForm, set, text, choice } = useForm<MenuForm>(menu ? menuToForm(menu) : emptyMenuForm());
  const ed = useEditor(creating);
  // The field the server's refusal is about, with its words.
  const [refused, setRefused] = useState<{ field: string; text: string } | null>(null);
  const errors: Errors = refused ? { ...ed.errors, [refused.field]: { key: 'admin.ivr.v.server', vars: { text: refused.text } } } : ed.errors;
  const ownQueues = queues.value.filter((q) => q.tenant === owner);
  const ids = form.nodes.map((n) => n.id.trim()).filter((id, i, all) => id && all.indexOf(id) === i);

  useEffect(() => {
    if (!refused) return;
    const field = ed.formRef.current?.querySelector<HTMLElement>('.admin-invalid input, .admin-invalid select, .admin-invalid textarea');
    field?.focus();
  }, [refused]);

  const save = (e: Event) => {
    e.preventDefault();
    setRefused(null);
    void ed.submit(validateMenu(form), async () => {
      try {
        await onDone(await saveRecord<IvrMenu>(MENUS, menu?.id, menuBody(form, owner)));
      } catch (err) {
        const field = err instanceof ApiError ? problemField(err.status, err.detail, form) : null;
        if (field) setRefused({ field, text: (err as ApiError).detail });
        throw err;
      }
    });
  };

  const setNode = (i: number, patch: Partial<NodeForm>) =>
    setForm((f) => ({ ...f, nodes: f.nodes.map((n, j) => (j === i ? { ...n, ...patch } : n)) }));
  const setKey = (i: number, j: number, patch: Partial<KeyForm>) =>
    setForm((f) => ({
      ...f,
      nodes: f.nodes.map((n, x) => (x === i ? { ...n, keys: n.keys.map((k, y) => (y === j ? { ...k, ...patch } : k)) } : n)),
    }));
  const numbers = menuNumbers(form);

  return (
    <EditorForm title={creating ? t('admin.ivr.new') : t('admin.ivr.edit', { name: menu!.name })} formRef={ed.formRef} onSubmit={save}>
      {tenants.value.length > 1 ? <p class="muted">{t('admin.ivr.company', { name: tenantName(owner) })}</p> : null}
      <div class="row">
        <AField label={t('admin.ivr.name')} error={errors.name} class="ivr-grow">
          <input {...text('name')} />
        </AField>
        <AField label={t('admin.ivr.language')} hint={t('admin.ivr.language_hint')}>
          <select {...choice('language')}>
            <option value="ru">{t('admin.ivr.language.ru')}</option>
            <option value="en">{t('admin.ivr.language.en')}</option>
          </select>
        </AField>
      </div>
      <AField label={t('admin.ivr.numbers')} error={errors.numbers} hint={t('admin.ivr.numbers_hint')}>
        <input {...text('numbers')} />
      </AField>
      {numbers.length > 0 ? (
        <p class="admin-chips" data-testid="ivr-numbers">
          {numbers.map((n) => (
            <span class="badge ivr-chip">
              {n}
              <button type="button" aria-label={t('admin.ivr.remove_number', { number: n })} onClick={() => set('numbers', numbers.filter((x) => x !== n).join(', '))}>
                ×
              </button>
            </span>
          ))}
        </p>
      ) : null}
      <div class="row">
        <AField label={t('admin.ivr.operator_queue')} error={errors.operator_queue} hint={t('admin.ivr.operator_queue_hint')} class="ivr-grow">
          <QueueSelect name="operator_queue" value={form.operator_queue} queues={ownQueues} onChange={(q) => set('operator_queue', q)} />
        </AField>
        <AField label={t('admin.ivr.start')} error={errors.start} hint={t('admin.ivr.start_hint')} class="ivr-grow">
          <select {...choice('start')}>
            {ids.includes(form.start.trim()) ? null : <option value={form.start}>—</option>}
            {ids.map((id) => (
              <option value={id}>{id}</option>
            ))}
          </select>
        </AField>
      </div>
      <AField label={t('admin.ivr.invalid_say')} hint={t('admin.ivr.invalid_say_hint')}>
        <input {...text('invalid_say')} />
      </AField>

      <h3 class="ivr-heading">{t('admin.ivr.nodes')}</h3>
      <p class="field-hint">{t('admin.ivr.nodes_hint')}</p>
      <datalist id={NODE_IDS}>
        {ids.map((id) => (
          <option value={id} />
        ))}
      </datalist>
      {form.nodes.map((node, i) => (
        <NodeFields
          node={node}
          at={`nodes.${i}`}
          start={node.id.trim() === form.start.trim()}
          form={form}
          errors={errors}
          queues={ownQueues}
          onChange={(patch) => setNode(i, patch)}
          onKey={(j, patch) => setKey(i, j, patch)}
          onRenamed={(from, to) => setForm((f) => renameNode(f, from, to))}
          onRemove={form.nodes.length > 1 ? () => setForm((f) => removeNode(f, i)) : undefined}
        />
      ))}
      <Button onClick={() => setForm(addNode)} data-testid="ivr-add-node">{t('admin.ivr.add_node')}</Button>

      <HoursFields form={form} setForm={setForm} errors={errors} queues={ownQueues} />

      <FormActions
        error={ed.error}
        busy={ed.busy}
        notice={ed.saved ? t('admin.ivr.saved') : null}
        creating={creating}
        onCancel={onCancel}
        deleteQuestion={t('admin.ivr.delete_q')}
        onDelete={() => void ed.remove(`${MENUS}/${menu!.id}`, onDeleted)}
      />
    </EditorForm>
  );
}

function QueueSelect({ name, value, queues, onChange, label }: {
  name: string;
  value: string;
  queues: Queue[];
  onChange: (id: string) => void;
  label?: string;
}) {
  const known = !value || queues.some((q) => String(q.id) === value);
  return (
    <select name={name} value={value} aria-label={label} onChange={(e) => onChange(typed(e))}>
      <option value="">—</option>
      {known ? null : <option value={value}>#{value}</option>}
      {queues.map((q) => (
        <option value={String(q.id)}>{q.name}</option>
      ))}
    </select>
  );
}

// A table cell with its control's check message underneath.
function Cell({ error, hint, children }: { error?: Msg; hint?: string; children: ComponentChildren }) {
  return (
    <td class={error ? 'admin-invalid' : ''}>
      {children}
      {error ? <span class="admin-field-error">{msgText(error)}</span> : hint ? <span class="field-hint">{hint}</span> : null}
    </td>
  );
}

function KindSelect({ value, onChange, none, label }: { value: ActionForm['kind']; onChange: (k: ActionForm['kind']) => void; none?: string; label?: string }) {
  return (
    <select name="kind" value={value} aria-label={label} onChange={(e) => onChange(typed(e) as ActionForm['kind'])}>
      {none !== undefined ? <option value="">{none}</option> : value === '' ? <option value="">—</option> : null}
      {actionKinds.map((k) => (
        <option value={k}>{t(`admin.ivr.kind.${k}`)}</option>
      ))}
    </select>
  );
}

// Where an action leads: a queue for queue and callback, a node for menu.
function TargetControl({ action, onChange, queues, label }: { action: ActionForm; onChange: Change<ActionForm>; queues: Queue[]; label: string }) {
  if (action.kind === 'queue' || action.kind === 'callback') {
    return <QueueSelect name="queue" value={action.queue} queues={queues} label={label} onChange={(queue) => onChange({ queue })} />;
  }
  if (action.kind === 'menu') {
    return <input name="node" list={NODE_IDS} value={action.node} aria-label={label} onInput={(e) => onChange({ node: typed(e) })} />;
  }
  return <span class="muted">—</span>;
}

function missingHint(form: MenuForm, a: ActionForm): string | undefined {
  return isMissingNode(form, a) ? t('admin.ivr.no_such_node', { node: a.node.trim() }) : undefined;
}

function NodeFields({ node, at, start, form, errors, queues, onChange, onKey, onRenamed, onRemove }: {
  node: NodeForm;
  at: string;
  start: boolean;
  form: MenuForm;
  errors: Errors;
  queues: Queue[];
  onChange: Change<NodeForm>;
  onKey: (j: number, patch: Partial<KeyForm>) => void;
  onRenamed: (from: string, to: string) => void;
  onRemove?: () => void;
}) {
  const named = useRef(node.id); // the name when the field was entered
  const used = node.keys.map((k) => k.key);
  const cell = (j: number, part: string) => errors[`${at}.keys.${j}.${part}`];
  return (
    <fieldset class="admin-fieldset ivr-node" data-testid="ivr-node" data-node={node.id}>
      <legend class="field-label">
        {t('admin.ivr.node_title', { node: node.id.trim() || '…' })}
        {start ? <span class="badge ivr-start"> {t('admin.ivr.start_badge')}</span> : null}
      </legend>
      <div class="row">
        <AField label={t('admin.ivr.node_id')} error={errors[`${at}.id`]} hint={t('admin.ivr.node_id_hint')} class="ivr-grow">
          <input
            name="node-id"
            value={node.id}
            onFocus={() => (named.current = node.id)}
            onInput={(e) => onChange({ id: typed(e) })}
            onChange={(e) => {
              onRenamed(named.current, typed(e));
              named.current = typed(e);
            }}
          />
        </AField>
        <AField label={t('admin.ivr.timeout')} error={errors[`${at}.timeout_s`]}>
          <input name="timeout_s" class="admin-num" inputMode="numeric" value={node.timeout_s} onInput={(e) => onChange({ timeout_s: typed(e) })} />
        </AField>
        <AField label={t('admin.ivr.retries')} error={errors[`${at}.retries`]}>
          <input name="retries" class="admin-num" inputMode="numeric" value={node.retries} onInput={(e) => onChange({ retries: typed(e) })} />
        </AField>
      </div>
      <AField label={t('admin.ivr.node_say')} error={errors[`${at}.say`]} hint={t('admin.ivr.node_say_hint')}>
        <textarea name="node-say" rows={2} value={node.say} onInput={(e) => onChange({ say: typed(e) })} />
      </AField>
      <div class={`ivr-keys-head ${errors[`${at}.keys`] ? 'admin-invalid' : ''}`}>
        <span class="field-label">{t('admin.ivr.keys')}</span>
        {errors[`${at}.keys`] ? <span class="admin-field-error">{msgText(errors[`${at}.keys`])}</span> : null}
      </div>
      {node.keys.length > 0 ? (
        <table class="grid admin-compact ivr-keys">
          <thead>
            <tr>
              <th>{t('admin.ivr.key')}</th>
              <th>{t('admin.ivr.action')}</th>
              <th>{t('admin.ivr.target')}</th>
              <th>{t('admin.ivr.topic')}</th>
              <th>{t('admin.ivr.say')}</th>
              <th><span class="admin-sr-only">{t('admin.remove')}</span></th>
            </tr>
          </thead>
          <tbody>
            {node.keys.map((k, j) => {
              const label = (what: string) => `${t('admin.ivr.key')} ${k.key}: ${what}`;
              return (
                <tr data-testid="ivr-key" data-key={k.key}>
                  <Cell error={cell(j, 'key')}>
                    <select name="key" value={k.key} aria-label={label(t('admin.ivr.key'))} onChange={(e) => onKey(j, { key: typed(e) })}>
                      {phoneKeys.filter((p) => p === k.key || !used.includes(p)).map((p) => (
                        <option value={p}>{p}</option>
                      ))}
                    </select>
                  </Cell>
                  <Cell error={cell(j, 'kind')}>
                    <KindSelect value={k.kind} label={label(t('admin.ivr.action'))} onChange={(kind) => onKey(j, { kind })} />
                  </Cell>
                  <Cell error={cell(j, 'target')} hint={missingHint(form, k)}>
                    <TargetControl action={k} queues={queues} label={label(t('admin.ivr.target'))} onChange={(patch) => onKey(j, patch)} />
                  </Cell>
                  <Cell>
                    {k.kind === 'message' ? (
                      <span class="muted">—</span>
                    ) : (
                      <input name="topic" value={k.topic} aria-label={label(t('admin.ivr.topic'))} onInput={(e) => onKey(j, { topic: typed(e) })} />
                    )}
                  </Cell>
                  <Cell error={cell(j, 'say')}>
                    <input name="say" value={k.say} aria-label={label(t('admin.ivr.say'))} onInput={(e) => onKey(j, { say: typed(e) })} />
                  </Cell>
                  <td>
                    <Button kind="plain" aria-label={label(t('admin.remove'))} onClick={() => onChange({ keys: node.keys.filter((_, y) => y !== j) })}>
                      ×
                    </Button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
      <div class="admin-actions ivr-node-actions">
        <Button onClick={() => onChange(addKey(node))} disabled={nextFreeKey(node) === null} data-testid="ivr-add-key">
          {t('admin.ivr.add_key')}
        </Button>
        {onRemove ? (
          <Button kind="plain" onClick={onRemove} data-testid="ivr-remove-node">
            {t('admin.ivr.remove_node')}
          </Button>
        ) : null}
      </div>
      <ActionFields
        legend={t('admin.ivr.fallback')}
        hint={t('admin.ivr.fallback_hint')}
        none={t('admin.ivr.fallback_default')}
        action={node.fallback}
        at={`${at}.fallback`}
        form={form}
        errors={errors}
        queues={queues}
        onChange={(patch) => onChange({ fallback: { ...node.fallback, ...patch } })}
        testid="ivr-fallback"
      />
    </fieldset>
  );
}

// An action outside the key table: a node's fallback, the out-of-hours one.
function ActionFields({ legend, hint, none, action, at, form, errors, queues, onChange, testid }: {
  legend: string;
  hint: string;
  none?: string;
  action: ActionForm;
  at: string;
  form: MenuForm;
  errors: Errors;
  queues: Queue[];
  onChange: Change<ActionForm>;
  testid: string;
}) {
  const targetError = errors[`${at}.target`];
  const targetHint = missingHint(form, action);
  return (
    <fieldset class="admin-fieldset ivr-action" data-testid={testid}>
      <legend class="field-label">{legend}</legend>
      <div class="row">
        <AField label={t('admin.ivr.action')} error={errors[`${at}.kind`]}>
          <KindSelect value={action.kind} none={none} onChange={(kind) => onChange({ kind })} />
        </AField>
        {action.kind === 'queue' || action.kind === 'callback' || action.kind === 'menu' ? (
          <AField label={t('admin.ivr.target')} error={targetError} hint={targetHint} class="ivr-grow">
            <TargetControl action={action} queues={queues} label={t('admin.ivr.target')} onChange={onChange} />
          </AField>
        ) : null}
        {action.kind && action.kind !== 'message' ? (
          <AField label={t('admin.ivr.topic')} class="ivr-grow">
            <input name="topic" value={action.topic} onInput={(e) => onChange({ topic: typed(e) })} />
          </AField>
        ) : null}
      </div>
      {action.kind ? (
        <AField label={t('admin.ivr.say')} error={errors[`${at}.say`]}>
          <input name="say" value={action.say} onInput={(e) => onChange({ say: typed(e) })} />
        </AField>
      ) : null}
      <p class="field-hint">{hint}</p>
    </fieldset>
  );
}

function HoursFields({ form, setForm, errors, queues }: {
  form: MenuForm;
  setForm: (update: (f: MenuForm) => MenuForm) => void;
  errors: Errors;
  queues: Queue[];
}) {
  const setHoliday = (k: number, patch: Partial<MenuForm['holidays'][number]>) =>
    setForm((f) => ({ ...f, holidays: f.holidays.map((h, x) => (x === k ? { ...h, ...patch } : h)) }));
  return (
    <fieldset class="admin-fieldset" data-testid="ivr-hours">
      <legend class="field-label">{t('admin.ivr.hours')}</legend>
      <label class="admin-check">
        <input type="checkbox" name="hours" checked={form.hours} onChange={(e) => setForm((f) => withHours(f, (e.target as HTMLInputElement).checked))} />
        {t('admin.ivr.hours_on')}
      </label>
      {form.hours ? (
        <>
          <div class="ivr-week">
            {weekDays.map((day) => (
              <AField label={t(`admin.ivr.day.${day}`)} error={errors[`week.${day}`]}>
                <input
                  name={`week-${day}`}
                  value={form.week[day]}
                  placeholder={t('admin.ivr.closed')}
                  onInput={(e) => {
                    const text = typed(e);
                    setForm((f) => ({ ...f, week: { ...f.week, [day]: text } }));
                  }}
                />
              </AField>
            ))}
          </div>
          <p class="field-hint">{t('admin.ivr.week_hint')}</p>
          <AField label={t('admin.ivr.time_zone')} error={errors.time_zone} hint={t('admin.ivr.time_zone_hint')}>
            <input
              name="time_zone"
              list={ZONES}
              value={form.time_zone}
              placeholder="Europe/Moscow"
              onInput={(e) => {
                const text = typed(e);
                setForm((f) => ({ ...f, time_zone: text }));
              }}
            />
          </AField>
          <datalist id={ZONES}>
            {zones.map((z) => (
              <option value={z} />
            ))}
          </datalist>
          <div class="field-label">{t('admin.ivr.holidays')}</div>
          {form.holidays.length > 0 ? (
            <table class="grid admin-compact ivr-holidays">
              <thead>
                <tr>
                  <th>{t('admin.ivr.holiday_date')}</th>
                  <th>{t('admin.ivr.holiday_open')}</th>
                  <th><span class="admin-sr-only">{t('admin.remove')}</span></th>
                </tr>
              </thead>
              <tbody>
                {form.holidays.map((h, k) => (
                  <tr data-testid="ivr-holiday">
                    <Cell error={errors[`holidays.${k}.date`]}>
                      <input type="date" name="holiday-date" value={h.date} aria-label={t('admin.ivr.holiday_date')} onInput={(e) => setHoliday(k, { date: typed(e) })} />
                    </Cell>
                    <Cell error={errors[`holidays.${k}.open`]}>
                      <input name="holiday-open" value={h.open} placeholder={t('admin.ivr.closed')} aria-label={t('admin.ivr.holiday_open')} onInput={(e) => setHoliday(k, { open: typed(e) })} />
                    </Cell>
                    <td>
                      <Button kind="plain" aria-label={`${t('admin.remove')}: ${h.date || k + 1}`} onClick={() => setForm((f) => ({ ...f, holidays: f.holidays.filter((_, x) => x !== k) }))}>
                        ×
                      </Button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p class="muted">{t('admin.ivr.no_holidays')}</p>
          )}
          <Button onClick={() => setForm((f) => ({ ...f, holidays: [...f.holidays, { date: '', open: '' }] }))}>{t('admin.ivr.add_holiday')}</Button>
          <ActionFields
            legend={t('admin.ivr.out_of_hours')}
            hint={t('admin.ivr.out_of_hours_hint')}
            action={form.out_of_hours}
            at="out_of_hours"
            form={form}
            errors={errors}
            queues={queues}
            onChange={(patch) => setForm((f) => ({ ...f, out_of_hours: { ...f.out_of_hours, ...patch } }))}
            testid="ivr-out-of-hours"
          />
        </>
      ) : (
        <p class="muted">{t('admin.ivr.always_open')}</p>
      )}
    </fieldset>
  );
}
