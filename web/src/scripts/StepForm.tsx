// One step of the script as a form: its id (renaming keeps every link to it),
// its kind, its texts, where it leads, the action's parameters — and the
// validator's problems with it, right at the top.
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../core/i18n';
import { Badge, Button, Field } from '../core/ui';
import {
  addOption,
  changeAction,
  changeKind,
  hasNext,
  isTerminal,
  removeOption,
  setOption,
  type Reference,
  type RenameError,
} from './model';
import { KNOWN_PLACEHOLDERS } from './preview';
import {
  ACTION_KINDS,
  COLLECT_INPUTS,
  COLLECT_TARGETS,
  STEP_KINDS,
  TRANSFER_TARGETS,
  type ActionKind,
  type CollectInput,
  type CollectTarget,
  type Queue,
  type Step,
  type StepKind,
  type TransferTo,
} from './types';

// The value of a target select that asks for a new, empty step.
export const NEW_STEP = '+new'; // '+' is never part of a step id

export interface StepFormProps {
  id: string;
  step: Step;
  index: number;
  count: number;
  isStart: boolean;
  stepIds: string[];
  problems: string[];
  references: Reference[];
  readOnly: boolean;
  focus: boolean;
  categories: { code: string; label: string }[];
  queues: Queue[];
  onChange: (step: Step) => void;
  // Points `apply` at a new empty step (created after this one); returns its id.
  onNewTarget: (apply: (target: string) => Step) => void;
  onRename: (to: string) => RenameError | null;
  removeWarning: string; // what removing it would leave without a target ('' for nothing)
  onRemove: () => void;
  onMove: (by: -1 | 1) => void;
  onMakeStart: () => void;
  onFocused: () => void;
}

const OUTCOMES = [
  'sale',
  'resolved',
  'informed',
  'consultation',
  'callback',
  'complaint',
  'declined',
  'abusive',
  'silent_line',
  'under_age',
  'off_topic',
  'sales_offer',
  'wrong_person',
];
const FIELDS = [
  'caller_name',
  'callback_time',
  'callback_phone',
  'complaint_text',
  'incident_time',
  'order_number',
  'request_text',
  'questions',
  'purpose',
  'address',
  'city',
  'receiver',
  'delivery_date',
  'delivery_window',
  'items',
];

export function StepForm(p: StepFormProps) {
  const root = useRef<HTMLElement>(null);
  const [confirming, setConfirming] = useState(false);
  const removeYes = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (confirming) removeYes.current?.focus();
  }, [confirming]);
  const { step } = p;
  const set = (patch: Partial<Step>) => p.onChange({ ...step, ...patch });

  useEffect(() => {
    if (!p.focus || !root.current) return;
    root.current.scrollIntoView({ block: 'nearest' });
    // A blank (new) step is named first; another opens at its first field.
    const blank = !step.text && !step.label && !p.readOnly;
    const target = blank ? null : root.current.querySelector<HTMLElement>('textarea, .sc-step-body input, .sc-step-body select');
    const id = root.current.querySelector<HTMLInputElement>('input[name=step-id]');
    if (target) target.focus();
    else {
      id?.focus();
      id?.select();
    }
    p.onFocused();
  }, [p.focus]);

  const problemId = `sc-problems-${p.id}`;
  const refsText = p.references.length
    ? t('scripts.step.reached_from', { list: p.references.map((r) => describeRef(r)).join(', ') })
    : p.isStart
      ? t('scripts.step.is_start')
      : t('scripts.step.no_way_in');
  const refs = (
    <p class="sc-refs muted" title={refsText}>
      {refsText}
    </p>
  );
  const ends = isTerminal(step);
  return (
    <section
      ref={root}
      class={`sc-step ${p.problems.length ? 'has-problem' : ''} ${p.isStart ? 'is-start' : ''}`}
      data-testid="step-form"
      data-step={p.id}
      id={`sc-step-${p.id}`}
      aria-label={t('scripts.step.aria', { id: p.id })}
      aria-describedby={p.problems.length ? problemId : undefined}
    >
      <header class="sc-step-head">
        <StepId id={p.id} readOnly={p.readOnly} onRename={p.onRename} />
        <label class="sc-inline">
          <span class="sr-only">{t('scripts.step.kind')}</span>
          <select
            name="step-kind"
            value={step.kind}
            disabled={p.readOnly}
            onChange={(e) => p.onChange(changeKind(step, (e.target as HTMLSelectElement).value as StepKind))}
          >
            {STEP_KINDS.map((k) => (
              <option value={k}>{t(`scripts.stepkind.${k}`)}</option>
            ))}
          </select>
        </label>
        {p.isStart ? <Badge tone="ok">{t('scripts.step.start')}</Badge> : null}
        {ends ? <Badge tone="end">{t('scripts.step.ends')}</Badge> : null}
        {!p.readOnly ? (
          <div class="sc-step-tools">
            {!p.isStart ? (
              <Button class="sc-small" onClick={p.onMakeStart}>
                {t('scripts.step.make_start')}
              </Button>
            ) : null}
            <Button class="sc-small" onClick={() => p.onMove(-1)} disabled={p.index === 0} aria-label={t('scripts.step.up')} title={t('scripts.step.up')}>
              ↑
            </Button>
            <Button class="sc-small" onClick={() => p.onMove(1)} disabled={p.index === p.count - 1} aria-label={t('scripts.step.down')} title={t('scripts.step.down')}>
              ↓
            </Button>
            <Button
              class="sc-small sc-remove"
              onClick={() => (p.removeWarning ? setConfirming(true) : p.onRemove())}
              aria-label={t('scripts.step.remove_aria', { id: p.id })}
              aria-expanded={p.removeWarning ? confirming : undefined}
            >
              {t('scripts.step.remove')}
            </Button>
          </div>
        ) : null}
      </header>
      {confirming && p.removeWarning ? (
        <div class="notice sc-ask" role="alert">
          <span>{p.removeWarning}</span>
          <button type="button" class="btn btn-danger sc-small" ref={removeYes} onClick={p.onRemove}>
            {t('scripts.step.remove_yes')}
          </button>
          <Button class="sc-small" onClick={() => setConfirming(false)}>
            {t('scripts.cancel')}
          </Button>
        </div>
      ) : null}
      {p.problems.length ? (
        <ul class="sc-step-problems" id={problemId}>
          {p.problems.map((m) => (
            <li class="sc-problem" data-testid="step-problem" role="alert">
              {m}
            </li>
          ))}
        </ul>
      ) : null}
      <fieldset class="sc-step-body" disabled={p.readOnly}>
        <legend class="sr-only">{p.id}</legend>
        <Body {...p} set={set} foot={refs} />
      </fieldset>
    </section>
  );
}

function describeRef(r: Reference): string {
  if (r.where === 'start') return t('scripts.ref.start');
  if (r.where === 'option') return t('scripts.ref.option', { step: r.from, n: (r.option ?? 0) + 1 });
  return r.from;
}

function StepId({ id, readOnly, onRename }: { id: string; readOnly: boolean; onRename: (to: string) => RenameError | null }) {
  const [value, setValue] = useState(id);
  const [error, setError] = useState<RenameError | null>(null);
  useEffect(() => {
    setValue(id);
    setError(null);
  }, [id]);
  const commit = () => {
    const to = value.trim();
    if (to === id) return setError(null);
    setError(onRename(to));
  };
  return (
    <span class="sc-step-id">
      <label class="sc-inline">
        <span class="sr-only">{t('scripts.step.id')}</span>
        <input
          name="step-id"
          class="sc-id-input"
          value={value}
          readOnly={readOnly}
          aria-invalid={error ? 'true' : undefined}
          onInput={(e) => setValue((e.target as HTMLInputElement).value)}
          onBlur={commit}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              commit();
            } else if (e.key === 'Escape') {
              setValue(id);
              setError(null);
            }
          }}
        />
      </label>
      {error ? (
        <span class="sc-id-error" role="alert">
          {t(`scripts.rename.${error}`)}
        </span>
      ) : null}
    </span>
  );
}

type BodyProps = StepFormProps & { set: (patch: Partial<Step>) => void; foot: preact.JSX.Element };

function Body(p: BodyProps) {
  const { step, set } = p;
  // Where the step leads, with the steps that lead here beside it.
  const target = (label: string, value: string | undefined, apply: (v: string) => Step, hint?: string) => (
    <div class="sc-foot">
      <TargetSelect
        label={label}
        value={value ?? ''}
        self={p.id}
        stepIds={p.stepIds}
        hint={hint}
        onChange={(v) => (v === NEW_STEP ? p.onNewTarget(apply) : p.onChange(apply(v)))}
      />
      {p.foot}
    </div>
  );
  switch (step.kind) {
    case 'say':
      return (
        <>
          <TextArea readOnly={p.readOnly} label={t('scripts.field.say_text')} value={step.text ?? ''} onInput={(text) => set({ text })} />
          {target(t('scripts.field.next'), step.next, (next) => ({ ...step, next }))}
        </>
      );
    case 'ask':
      return (
        <>
          <TextArea readOnly={p.readOnly} label={t('scripts.field.question')} value={step.text ?? ''} onInput={(text) => set({ text })} />
          <div class="sc-options" role="group" aria-label={t('scripts.field.options')}>
            <div class="sc-option sc-option-head" aria-hidden="true">
              <span class="sc-option-n" />
              <span class="field-label sc-grow">{t('scripts.field.options')}</span>
              <span class="field-label sc-option-to">{t('scripts.field.option_to')}</span>
              <span class="sc-option-x" />
            </div>
            {(step.options ?? []).map((o, i) => (
              <div class="sc-option">
                <span class="sc-option-n" aria-hidden="true">
                  {i + 1}
                </span>
                <input
                  class="sc-grow"
                  aria-label={t('scripts.field.option_label', { n: i + 1 })}
                  value={o.label}
                  onInput={(e) => p.onChange(setOption(step, i, { ...o, label: (e.target as HTMLInputElement).value }))}
                />
                <TargetSelect
                  label={t('scripts.field.option_next', { n: i + 1 })}
                  hideLabel
                  value={o.next ?? ''}
                  self={p.id}
                  stepIds={p.stepIds}
                  onChange={(v) =>
                    v === NEW_STEP
                      ? p.onNewTarget((next) => setOption(step, i, { ...o, next }))
                      : p.onChange(setOption(step, i, { ...o, next: v }))
                  }
                />
                {p.readOnly ? (
                  <span class="sc-option-x" />
                ) : (
                  <Button
                    class="sc-small sc-option-x"
                    onClick={() => p.onChange(removeOption(step, i))}
                    aria-label={t('scripts.field.option_remove', { n: i + 1 })}
                    title={t('scripts.field.option_remove', { n: i + 1 })}
                  >
                    ✕
                  </Button>
                )}
              </div>
            ))}
            <div class="sc-foot">
              {p.readOnly ? null : (
                <Button class="sc-small" onClick={() => p.onChange(addOption(step))}>
                  {t('scripts.field.option_add')}
                </Button>
              )}
              {p.foot}
            </div>
          </div>
        </>
      );
    case 'collect':
      return (
        <>
          <TextArea readOnly={p.readOnly} label={t('scripts.field.collect_label')} value={step.label ?? ''} onInput={(label) => set({ label })} rows={1} />
          <div class="row">
            <Field label={t('scripts.field.field')} class="sc-grow">
              <input value={step.field ?? ''} list="sc-fields" onInput={(e) => set({ field: (e.target as HTMLInputElement).value })} />
            </Field>
            <Field label={t('scripts.field.target')}>
              <select value={step.target ?? 'call'} onChange={(e) => set({ target: (e.target as HTMLSelectElement).value as CollectTarget })}>
                {COLLECT_TARGETS.map((x) => (
                  <option value={x}>{t(`scripts.target.${x}`)}</option>
                ))}
              </select>
            </Field>
            <Field label={t('scripts.field.input')}>
              <select value={step.input ?? 'text'} onChange={(e) => set({ input: (e.target as HTMLSelectElement).value as CollectInput })}>
                {COLLECT_INPUTS.map((x) => (
                  <option value={x}>{t(`scripts.input.${x}`)}</option>
                ))}
              </select>
            </Field>
          </div>
          <datalist id="sc-fields">
            {FIELDS.map((f) => (
              <option value={f} />
            ))}
          </datalist>
          {target(t('scripts.field.next'), step.next, (next) => ({ ...step, next }))}
        </>
      );
    case 'action':
      return <ActionBody {...p} target={target} />;
    case 'jump':
      return target(t('scripts.field.jump_to'), step.to, (to) => ({ ...step, to }));
  }
}

function ActionBody(p: BodyProps & { target: (label: string, value: string | undefined, apply: (v: string) => Step, hint?: string) => preact.JSX.Element }) {
  const { step, set } = p;
  const action = step.action ?? 'hold';
  const transferTo = (step.to || 'queue') as TransferTo;
  return (
    <>
      <div class="row">
        <Field label={t('scripts.field.action')} class="sc-grow">
          <select value={action} onChange={(e) => p.onChange(changeAction(step, (e.target as HTMLSelectElement).value as ActionKind))}>
            {ACTION_KINDS.map((a) => (
              <option value={a}>{t(`scripts.action.${a}`)}</option>
            ))}
          </select>
        </Field>
        {action === 'open_case' ? (
          <Field label={t('scripts.field.category')} class="sc-grow">
            <select value={step.category ?? ''} onChange={(e) => set({ category: (e.target as HTMLSelectElement).value })}>
              <option value="">{t('scripts.field.choose')}</option>
              {p.categories.map((c) => (
                <option value={c.code}>{c.label}</option>
              ))}
              {step.category && !p.categories.some((c) => c.code === step.category) ? <option value={step.category}>{step.category}</option> : null}
            </select>
          </Field>
        ) : null}
        {action === 'transfer' ? (
          <>
            <Field label={t('scripts.field.transfer_to')}>
              <select value={transferTo} onChange={(e) => set({ to: (e.target as HTMLSelectElement).value, id: '' })}>
                {TRANSFER_TARGETS.map((x) => (
                  <option value={x}>{t(`scripts.transfer.${x}`)}</option>
                ))}
              </select>
            </Field>
            {transferTo === 'queue' || transferTo === 'specialist' ? (
              <Field label={t(transferTo === 'queue' ? 'scripts.field.queue' : 'scripts.field.specialist')} class="sc-grow">
                <select value={step.id ?? ''} onChange={(e) => set({ id: (e.target as HTMLSelectElement).value })}>
                  <option value="">{t('scripts.field.choose')}</option>
                  {p.queues.map((q) => (
                    <option value={String(q.id)}>{q.name}</option>
                  ))}
                  {step.id && !p.queues.some((q) => String(q.id) === step.id) ? <option value={step.id}>{step.id}</option> : null}
                </select>
              </Field>
            ) : transferTo === 'agent' ? (
              <Field label={t('scripts.field.agent_id')}>
                <input value={step.id ?? ''} inputMode="numeric" onInput={(e) => set({ id: (e.target as HTMLInputElement).value })} />
              </Field>
            ) : null}
            <label class="admin-check" data-testid="step-stay">
              <input type="checkbox" checked={!!step.stay} onChange={(e) => set({ stay: (e.target as HTMLInputElement).checked || undefined })} />
              {t('scripts.field.stay')}
            </label>
          </>
        ) : null}
        {action === 'consult_supervisor_then_transfer' ? (
          <Field label={t('scripts.field.number')} hint={t('scripts.field.number_hint')}>
            <input value={step.number ?? ''} inputMode="tel" onInput={(e) => set({ number: (e.target as HTMLInputElement).value })} />
          </Field>
        ) : null}
        {action === 'end_call' ? (
          <Field label={t('scripts.field.outcome')} class="sc-grow">
            <input value={step.outcome ?? ''} list="sc-outcomes" onInput={(e) => set({ outcome: (e.target as HTMLInputElement).value })} />
            <datalist id="sc-outcomes">
              {OUTCOMES.map((o) => (
                <option value={o} />
              ))}
            </datalist>
          </Field>
        ) : null}
      </div>
      <p class="sc-action-note muted">{t(`scripts.action_note.${action}`)}</p>
      {hasNext(step)
        ? p.target(
            t('scripts.field.next'),
            step.next,
            (next) => ({ ...step, next }),
            action === 'transfer' || action === 'consult_supervisor_then_transfer' || action === 'requeue_at_head_and_alert'
              ? t('scripts.field.next_optional')
              : undefined,
          )
        : p.foot}
    </>
  );
}

// Where a step leads: one of the steps, nowhere yet, or a new empty step.
function TargetSelect({ label, value, self, stepIds, hint, hideLabel, onChange }: {
  label: string;
  value: string;
  self: string;
  stepIds: string[];
  hint?: string;
  hideLabel?: boolean;
  onChange: (value: string) => void;
}) {
  const missing = value && !stepIds.includes(value);
  const select = (
    <select name="target" value={value} aria-label={hideLabel ? label : undefined} onChange={(e) => onChange((e.target as HTMLSelectElement).value)}>
      <option value="">{t('scripts.field.nowhere')}</option>
      {stepIds.map((id) => (
        <option value={id}>{id === self ? t('scripts.field.self', { id }) : id}</option>
      ))}
      {missing ? <option value={value}>{t('scripts.field.missing', { id: value })}</option> : null}
      <option value={NEW_STEP}>{t('scripts.field.new_step')}</option>
    </select>
  );
  if (hideLabel) return <span class="sc-target sc-option-to">{select}</span>;
  return (
    <Field label={label} hint={hint} class="sc-target">
      {select}
    </Field>
  );
}

// A text with a picker that puts a placeholder where the caret is.
function TextArea({ label, value, onInput, rows = 2, readOnly }: { label: string; value: string; onInput: (v: string) => void; rows?: number; readOnly?: boolean }) {
  const area = useRef<HTMLTextAreaElement>(null);
  const insert = (name: string) => {
    const el = area.current;
    const token = `{${name}}`;
    const at = el ? el.selectionStart ?? value.length : value.length;
    const end = el ? el.selectionEnd ?? at : at;
    onInput(value.slice(0, at) + token + value.slice(end));
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(at + token.length, at + token.length);
    });
  };
  return (
    <div class="sc-text">
      <Field label={label}>
        <textarea ref={area} rows={rows} value={value} onInput={(e) => onInput((e.target as HTMLTextAreaElement).value)} />
      </Field>
      {readOnly ? null : (
        <label class="sc-insert">
          <span class="sr-only">{t('scripts.field.insert')}</span>
          <select
            value=""
            onChange={(e) => {
              const v = (e.target as HTMLSelectElement).value;
              (e.target as HTMLSelectElement).value = '';
              if (v) insert(v);
            }}
          >
            <option value="">{t('scripts.field.insert')}</option>
            {KNOWN_PLACEHOLDERS.map((n) => (
              <option value={n}>{`{${n}}`}</option>
            ))}
          </select>
        </label>
      )}
    </div>
  );
}
