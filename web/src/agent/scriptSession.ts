// The call script's session as the server answers it (GET /api/agent/script,
// docs/call_scripts.md) and what the script panel shows of it, as pure
// decisions: which run is active, the action button's words, the keys that
// pick an answer, the path taken and what was done. No DOM, so tested alone.

export type StepKind = 'say' | 'ask' | 'collect' | 'action' | 'jump';
export type InputKind = 'text' | 'datetime' | 'phone';

export interface StepAction {
  kind: string; // create_order, open_case, schedule_callback, transfer, …
  outcome?: string;
  category?: string;
  number?: string;
  transfer?: { to: string; id: string | number; stay?: boolean };
  // consult_supervisor_then_transfer and a transfer that stays on the line: 'consult', then 'transfer'
  stage?: string;
}

export interface StepCollect {
  field: string;
  target: string;
  input?: InputKind | string;
  value?: string;
  label?: string;
}

export interface Step {
  id: string;
  kind: StepKind | string;
  text?: string;
  label?: string;
  options?: string[];
  ends?: boolean;
  collect?: StepCollect | null;
  action?: StepAction | null;
}

export interface PathItem {
  id: string;
  kind: string;
  text?: string;
}

export interface Run {
  code: string;
  kind: 'script' | 'situation' | string;
  name: string;
  version: number;
  language: string;
  step: Step | null;
  path: PathItem[];
  can_back: boolean;
  can_forward: boolean;
  ended: boolean;
}

export interface DoneItem {
  action: string;
  step?: string;
  case_id?: number;
  callback_id?: number;
  due_at?: string;
  outcome?: string;
  order_id?: number;
  number?: string;
  [key: string]: unknown;
}

export interface TrainingLine {
  text: string;
  at?: string;
}

export interface ScriptSession {
  call: number | null;
  live?: boolean;
  main?: Run | null;
  situation?: Run | null;
  values?: Record<string, string>;
  done?: DoneItem[];
  training?: { situation: string; lines: TrainingLine[] } | null;
}

export type Translate = (key: string, vars?: Record<string, string | number>) => string;

// The run the panel's controls work on: an open situation, else the main script.
export function activeRun(s: ScriptSession | null): { which: 'situation' | 'main'; run: Run } | null {
  if (!s || s.call === null || s.call === undefined) return null;
  if (s.situation) return { which: 'situation', run: s.situation };
  if (s.main) return { which: 'main', run: s.main };
  return null;
}

// The key that picks answer `index` of an ask step ('1'…'9'; none past the ninth).
export function optionKey(index: number): string | null {
  return index >= 0 && index < 9 ? String(index + 1) : null;
}

// The answer a pressed key picks, or null. Digits by the key's place (event.code)
// too, so the row of digits and the numeric keypad both work in any layout.
export function optionFromKey(e: { key: string; code?: string; altKey?: boolean; ctrlKey?: boolean; metaKey?: boolean }, count: number): number | null {
  if (e.altKey || e.ctrlKey || e.metaKey) return null;
  let digit = /^[1-9]$/.test(e.key) ? Number(e.key) : NaN;
  if (Number.isNaN(digit) && e.code) {
    const m = /^(?:Digit|Numpad)([1-9])$/.exec(e.code);
    if (m) digit = Number(m[1]);
  }
  if (Number.isNaN(digit) || digit > count) return null;
  return digit - 1;
}

function outcomeWord(outcome: string | undefined, tr: Translate): string {
  if (!outcome) return '';
  const key = `agent.script.outcome.${outcome}`;
  const word = tr(key);
  return word === key ? outcome : word;
}

function categoryWord(category: string | undefined, tr: Translate): string {
  if (!category) return '';
  const key = `agent.script.category.${category}`;
  const word = tr(key);
  return word === key ? category : word;
}

// Where a blind transfer goes, in words.
function transferTarget(a: StepAction, tr: Translate): string {
  const to = a.transfer?.to ?? '';
  const id = a.transfer?.id === undefined || a.transfer?.id === null ? '' : String(a.transfer.id);
  if (to === 'team_lead') return tr('agent.script.to.teamLead');
  if (to === 'agent') return tr('agent.script.to.agent', { id });
  if (to === 'specialist' || to === 'queue') {
    const key = `agent.script.to.named.${id}`;
    const named = tr(key);
    return named === key ? tr('agent.script.to.queue', { name: id }) : named;
  }
  return id || to;
}

// The words on an action step's button: what pressing it makes happen.
export function actionLabel(a: StepAction | null | undefined, tr: Translate): string {
  if (!a) return tr('agent.script.next');
  switch (a.kind) {
    case 'create_order':
      return tr('agent.script.action.create_order');
    case 'open_case':
      return a.category === 'quality'
        ? tr('agent.script.action.open_case_quality')
        : a.category
          ? tr('agent.script.action.open_case_of', { category: categoryWord(a.category, tr) })
          : tr('agent.script.action.open_case');
    case 'schedule_callback':
      return tr('agent.script.action.schedule_callback');
    case 'transfer':
      if (a.stage === 'consult') return tr('agent.script.action.transfer_stay', { to: transferTarget(a, tr) });
      if (a.stage === 'transfer') return tr('agent.script.action.hand_over');
      return tr('agent.script.action.transfer', { to: transferTarget(a, tr) });
    case 'consult_supervisor_then_transfer':
      return a.stage === 'transfer'
        ? tr('agent.script.action.transfer_number', { number: a.number || '112' })
        : tr('agent.script.action.consult');
    case 'requeue_at_head_and_alert':
      return tr('agent.script.action.requeue');
    case 'hold':
      return tr('agent.script.action.hold');
    case 'end_call':
      return a.outcome ? tr('agent.script.action.end_call_as', { outcome: outcomeWord(a.outcome, tr) }) : tr('agent.script.action.end_call');
    case 'return':
      return tr('agent.script.action.return');
    default:
      return tr('agent.script.action.do', { action: a.kind });
  }
}

// Whether the "transfer now without consult" button goes beside the action.
export function offersSkipConsult(a: StepAction | null | undefined): boolean {
  if (!a || a.stage !== 'consult') return false;
  return a.kind === 'consult_supervisor_then_transfer' || a.kind === 'transfer';
}

// The input type of a collect step.
export function inputType(c: StepCollect | null | undefined): 'text' | 'datetime-local' | 'tel' {
  if (c?.input === 'datetime') return 'datetime-local';
  if (c?.input === 'phone') return 'tel';
  return 'text';
}

// A datetime-local value (YYYY-MM-DDTHH:MM) from what the server holds, which
// may carry seconds or a zone; anything else is left as it is.
export function datetimeValue(v: string | undefined): string {
  if (!v) return '';
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})/.exec(v);
  return m ? `${m[1]}T${m[2]}` : v;
}

// The path taken, compact: the last `max` steps, with how many are folded
// before them, and which shown item is the current step.
export function pathView(run: Run, max = 6): { hidden: number; items: PathItem[]; current: number } {
  const path = run.path ?? [];
  const currentId = run.step?.id;
  let at = -1;
  for (let i = path.length - 1; i >= 0; i--) {
    if (path[i].id === currentId) {
      at = i;
      break;
    }
  }
  // Keep the current step in view when going back folded it away.
  let end = path.length;
  if (at >= 0 && at < end - max) end = at + 1;
  const start = Math.max(0, end - max);
  return { hidden: start, items: path.slice(start, end), current: at >= 0 ? at - start : -1 };
}

// A short form of a step's text for the path.
export function shortText(item: PathItem, chars = 36): string {
  const text = (item.text ?? '').replace(/\s+/g, ' ').trim();
  if (!text) return item.id;
  return text.length > chars ? `${text.slice(0, chars - 1)}…` : text;
}

// What was done, in words (a case's number, the callback's time, the outcome).
export function doneText(d: DoneItem, tr: Translate, when: (iso: string) => string = (s) => s): string {
  switch (d.action) {
    case 'open_case':
      return d.case_id ? tr('agent.script.done.case', { id: d.case_id }) : tr('agent.script.done.caseNoId');
    case 'schedule_callback':
      return d.due_at ? tr('agent.script.done.callback', { at: when(String(d.due_at)) }) : tr('agent.script.done.callbackNoTime');
    case 'end_call':
      return tr('agent.script.done.ended', { outcome: outcomeWord(d.outcome, tr) || '—' });
    case 'create_order':
      return d.order_id ? tr('agent.script.done.order', { id: d.order_id }) : tr('agent.script.done.orderNoId');
    case 'consult_supervisor_then_transfer':
    case 'consult':
      if (d.number) return tr('agent.script.done.transferred', { number: String(d.number) });
      for (const name of [d.with_name, d.queue_name]) {
        if (typeof name === 'string' && name) return tr('agent.script.done.consultedWith', { name });
      }
      return d.to ? tr('agent.script.done.consultedTarget') : tr('agent.script.done.consulted');
    case 'transfer':
      return typeof d.queue_name === 'string' && d.queue_name
        ? tr('agent.script.done.transferQueue', { name: d.queue_name })
        : tr('agent.script.done.transfer');
    case 'requeue_at_head_and_alert':
      return tr('agent.script.done.requeued');
    case 'hold':
      return tr('agent.script.done.hold');
    default:
      return d.action;
  }
}

// Whether placeholders the server could not fill ("[?name]") are in a text.
export function hasMissing(text: string | undefined): boolean {
  return !!text && /\[\?[\w.]+\]/.test(text);
}

// What the step area shows, decided once for the render.
export interface StepView {
  kind: 'say' | 'ask' | 'collect' | 'action' | 'ended' | 'none';
  text: string;
  options: { label: string; key: string | null }[];
  actionLabel: string;
  skipConsult: boolean;
  orderFirst: boolean; // create_order: take the order in the order panel first
  input: 'text' | 'datetime-local' | 'tel';
  label: string;
  value: string;
}

export function stepView(run: Run | null | undefined, tr: Translate): StepView {
  const base: StepView = {
    kind: 'none', text: '', options: [], actionLabel: '', skipConsult: false, orderFirst: false, input: 'text', label: '', value: '',
  };
  if (!run) return base;
  const step = run.step;
  if (run.ended || !step) return { ...base, kind: 'ended', text: step?.text ?? '' };
  const text = step.text ?? '';
  switch (step.kind) {
    case 'ask':
      return { ...base, kind: 'ask', text, options: (step.options ?? []).map((label, i) => ({ label, key: optionKey(i) })) };
    case 'collect': {
      const input = inputType(step.collect);
      const raw = step.collect?.value ?? '';
      return {
        ...base,
        kind: 'collect',
        text,
        input,
        label: step.collect?.label || step.label || text,
        value: input === 'datetime-local' ? datetimeValue(raw) : raw,
      };
    }
    case 'action':
      return {
        ...base,
        kind: 'action',
        text,
        actionLabel: actionLabel(step.action, tr),
        skipConsult: offersSkipConsult(step.action),
        orderFirst: step.action?.kind === 'create_order',
      };
    default:
      return { ...base, kind: 'say', text };
  }
}
