// The script being edited, and every change the editor makes to it, as pure
// functions (tested alone in model.test.ts). Steps are kept as an ordered
// list so the forms stay where the author put them (an object would move
// ids such as "1" to the front); toJson() writes the server's shape, with
// only the fields that belong to each step's kind.
import type { ActionKind, AskOption, Language, ScriptJson, Step, StepKind } from './types';

export interface StepEntry {
  id: string;
  step: Step;
}

// The script being edited: as stored, with its steps in the editor's order.
export type Draft = Omit<ScriptJson, 'steps'> & { steps: StepEntry[] };

// Where one step names another.
export interface Reference {
  from: string; // the step holding the reference ('' for the script's start)
  where: 'start' | 'next' | 'option' | 'jump';
  option?: number; // index of the option for 'option'
}

export const STEP_ID = /^[A-Za-z0-9_-]+$/;

// The actions that may end a script with no 'next' (see script.h IsTerminal).
const HANDS_OFF: ActionKind[] = ['transfer', 'consult_supervisor_then_transfer', 'requeue_at_head_and_alert'];

export function handsOff(action: ActionKind | undefined): boolean {
  return !!action && HANDS_OFF.includes(action);
}

// The script ends at this step (end_call, return, or a hand-off with no next).
export function isTerminal(step: Step): boolean {
  if (step.kind !== 'action') return false;
  if (step.action === 'end_call' || step.action === 'return') return true;
  return handsOff(step.action) && !step.next;
}

// Whether the step has a 'next' field at all.
export function hasNext(step: Step): boolean {
  if (step.kind === 'say' || step.kind === 'collect') return true;
  return step.kind === 'action' && step.action !== 'end_call' && step.action !== 'return';
}

// The steps `step` leads to, in the order written; empty references left out.
export function successors(step: Step): string[] {
  const out: string[] = [];
  if (step.kind === 'ask') {
    for (const o of step.options ?? []) if (o.next) out.push(o.next);
  } else if (step.kind === 'jump') {
    if (step.to) out.push(step.to);
  } else if (hasNext(step) && step.next) {
    out.push(step.next);
  }
  return out;
}

export function fromJson(json: ScriptJson): Draft {
  return {
    id: json.id,
    tenant_id: json.tenant_id,
    name: json.name ?? '',
    version: json.version ?? 1,
    language: json.language,
    start: json.start ?? '',
    steps: Object.entries(json.steps ?? {}).map(([id, step]) => ({ id, step: normalise(step) })),
  };
}

// A copy of `step` holding the fields of its kind, options copied.
function normalise(step: Step): Step {
  const copy: Step = { ...step };
  if (copy.options) copy.options = copy.options.map((o) => ({ ...o }));
  return copy;
}

function put(out: Record<string, unknown>, key: string, value: string | undefined): void {
  if (value !== undefined && value !== '') out[key] = value;
}

// One step in the server's shape: only the fields its kind reads, empty
// references left out (the validator then names the dead end).
export function stepToJson(step: Step): Step {
  const out: Record<string, unknown> = { kind: step.kind };
  switch (step.kind) {
    case 'say':
      out.text = step.text ?? '';
      put(out, 'next', step.next);
      break;
    case 'ask':
      out.text = step.text ?? '';
      out.options = (step.options ?? []).map((o) => {
        const option: Record<string, unknown> = { label: o.label ?? '' };
        put(option, 'next', o.next);
        return option;
      });
      break;
    case 'collect':
      out.label = step.label ?? '';
      out.target = step.target ?? 'call';
      out.field = step.field ?? '';
      if (step.input && step.input !== 'text') out.input = step.input;
      put(out, 'next', step.next);
      break;
    case 'action': {
      const action = step.action ?? 'hold';
      out.action = action;
      if (action === 'open_case') out.category = step.category ?? '';
      if (action === 'transfer') {
        out.to = step.to || 'queue';
        put(out, 'id', step.id);
      }
      if (action === 'consult_supervisor_then_transfer') out.number = step.number ?? '';
      if (action === 'end_call') out.outcome = step.outcome ?? '';
      if (action !== 'end_call' && action !== 'return') put(out, 'next', step.next);
      break;
    }
    case 'jump':
      put(out, 'to', step.to);
      break;
  }
  return out as unknown as Step;
}

export function toJson(draft: Draft): ScriptJson {
  const steps: Record<string, Step> = {};
  for (const entry of draft.steps) steps[entry.id] = stepToJson(entry.step);
  const json: ScriptJson = {
    tenant_id: draft.tenant_id,
    name: draft.name,
    version: draft.version,
    language: draft.language,
    start: draft.start,
    steps,
  };
  if (draft.id) json.id = draft.id;
  return json;
}

// The steps in the order a call meets them: depth first from the start,
// answers in their order; steps no path reaches come last, as they were.
// (The server keeps steps by id, so a loaded script reads alphabetically.)
export function graphOrder(draft: Draft): Draft {
  const byId = new Map(draft.steps.map((s) => [s.id, s]));
  const seen = new Set<string>();
  const out: StepEntry[] = [];
  const visit = (start: string) => {
    const stack = [start];
    while (stack.length) {
      const id = stack.pop()!;
      const entry = byId.get(id);
      if (!entry || seen.has(id)) continue;
      seen.add(id);
      out.push(entry);
      stack.push(...successors(entry.step).reverse());
    }
  };
  if (draft.start) visit(draft.start);
  for (const entry of draft.steps) if (!seen.has(entry.id)) out.push(entry);
  return { ...draft, steps: out };
}

export function findStep(draft: Draft, id: string): Step | undefined {
  return draft.steps.find((s) => s.id === id)?.step;
}

// Every place that names step `id`.
export function referencesTo(draft: Draft, id: string): Reference[] {
  const refs: Reference[] = [];
  if (draft.start === id) refs.push({ from: '', where: 'start' });
  for (const { id: from, step } of draft.steps) {
    if (step.kind === 'ask') {
      (step.options ?? []).forEach((o, i) => {
        if (o.next === id) refs.push({ from, where: 'option', option: i });
      });
    } else if (step.kind === 'jump') {
      if (step.to === id) refs.push({ from, where: 'jump' });
    } else if (hasNext(step) && step.next === id) {
      refs.push({ from, where: 'next' });
    }
  }
  return refs;
}

// `step` with every reference to `from` pointing to `to` ('' clears it).
function retarget(step: Step, from: string, to: string): Step {
  if (step.kind === 'ask') {
    if (!(step.options ?? []).some((o) => o.next === from)) return step;
    return { ...step, options: (step.options ?? []).map((o) => (o.next === from ? { ...o, next: to } : o)) };
  }
  if (step.kind === 'jump') return step.to === from ? { ...step, to } : step;
  if (hasNext(step) && step.next === from) return { ...step, next: to };
  return step;
}

// A step id not used yet: base, base_2, base_3, …
export function freshId(draft: Draft, base = 'step'): string {
  const taken = new Set(draft.steps.map((s) => s.id));
  const clean = base.replace(/[^A-Za-z0-9_-]/g, '_') || 'step';
  if (!taken.has(clean)) return clean;
  for (let n = 2; ; n++) if (!taken.has(`${clean}_${n}`)) return `${clean}_${n}`;
}

export function blankStep(kind: StepKind): Step {
  switch (kind) {
    case 'say':
      return { kind, text: '', next: '' };
    case 'ask':
      return { kind, text: '', options: [{ label: '', next: '' }] };
    case 'collect':
      return { kind, label: '', target: 'call', field: '', next: '' };
    case 'action':
      return { kind, action: 'hold', next: '' };
    case 'jump':
      return { kind, to: '' };
  }
}

// Adds a step after `after` (or at the end); the first step of an empty
// script becomes its start. Returns the draft and the new id.
export function addStep(draft: Draft, kind: StepKind = 'say', after?: string, id?: string): { draft: Draft; id: string } {
  const newId = id && STEP_ID.test(id) && !findStep(draft, id) ? id : freshId(draft);
  const entry = { id: newId, step: blankStep(kind) };
  const steps = [...draft.steps];
  const at = after === undefined ? -1 : steps.findIndex((s) => s.id === after);
  if (at < 0) steps.push(entry);
  else steps.splice(at + 1, 0, entry);
  return { draft: { ...draft, steps, start: draft.start || newId }, id: newId };
}

export type RenameError = 'empty' | 'pattern' | 'taken' | 'missing';

// Renames a step and every reference to it (the start included).
export function renameStep(draft: Draft, from: string, to: string): { draft: Draft } | { error: RenameError } {
  if (!findStep(draft, from)) return { error: 'missing' };
  if (to === from) return { draft };
  if (!to) return { error: 'empty' };
  if (!STEP_ID.test(to)) return { error: 'pattern' };
  if (findStep(draft, to)) return { error: 'taken' };
  return {
    draft: {
      ...draft,
      start: draft.start === from ? to : draft.start,
      steps: draft.steps.map((s) => ({ id: s.id === from ? to : s.id, step: retarget(s.step, from, to) })),
    },
  };
}

// Removes a step. References to it are cleared (so none leads to a missing
// step) and returned, so the editor can say which steps now need a new
// target; the validator names them as dead ends until then.
export function removeStep(draft: Draft, id: string): { draft: Draft; cleared: Reference[] } {
  const cleared = referencesTo(draft, id).filter((r) => r.from !== id);
  const steps = draft.steps.filter((s) => s.id !== id).map((s) => ({ id: s.id, step: retarget(s.step, id, '') }));
  return { draft: { ...draft, steps, start: draft.start === id ? '' : draft.start }, cleared };
}

// Replaces one step's body (the id stays).
export function updateStep(draft: Draft, id: string, step: Step): Draft {
  return { ...draft, steps: draft.steps.map((s) => (s.id === id ? { id, step } : s)) };
}

// Moves a step one place up (-1) or down (+1) in the list (order is for reading only).
export function moveStep(draft: Draft, id: string, by: -1 | 1): Draft {
  const at = draft.steps.findIndex((s) => s.id === id);
  const to = at + by;
  if (at < 0 || to < 0 || to >= draft.steps.length) return draft;
  const steps = [...draft.steps];
  [steps[at], steps[to]] = [steps[to], steps[at]];
  return { ...draft, steps };
}

// A step turned into another kind, keeping what still fits: the text (a
// say's text becomes an ask's question or a collect's label and back) and
// where it leads.
export function changeKind(step: Step, kind: StepKind): Step {
  if (step.kind === kind) return step;
  const text = step.text ?? step.label ?? '';
  const next = step.kind === 'ask' ? step.options?.find((o) => o.next)?.next ?? '' : step.kind === 'jump' ? step.to ?? '' : step.next ?? '';
  const fresh = blankStep(kind);
  switch (kind) {
    case 'say':
      return { ...fresh, text, next };
    case 'ask':
      return { ...fresh, text, options: [{ label: '', next }] };
    case 'collect':
      return { ...fresh, label: text, next };
    case 'action':
      return { ...fresh, next };
    case 'jump':
      return { ...fresh, to: next };
  }
}

// An action step switched to another action: the old action's parameters go,
// the new one's start empty; 'next' stays where the action has one.
export function changeAction(step: Step, action: ActionKind): Step {
  const out: Step = { kind: 'action', action };
  if (action === 'open_case') out.category = '';
  if (action === 'transfer') {
    out.to = 'queue';
    out.id = '';
  }
  if (action === 'consult_supervisor_then_transfer') out.number = '';
  if (action === 'end_call') out.outcome = '';
  if (action !== 'end_call' && action !== 'return') out.next = step.next ?? '';
  return out;
}

export function setOption(step: Step, index: number, option: AskOption): Step {
  const options = [...(step.options ?? [])];
  options[index] = option;
  return { ...step, options };
}

export function addOption(step: Step): Step {
  return { ...step, options: [...(step.options ?? []), { label: '', next: '' }] };
}

export function removeOption(step: Step, index: number): Step {
  return { ...step, options: (step.options ?? []).filter((_, i) => i !== index) };
}

// The skeleton of a new script: a greeting and the end of the call.
export function newDraft(tenant: number, language: Language, name: string, kind: 'script' | 'situation'): Draft {
  const last: Step = kind === 'situation' ? { kind: 'action', action: 'return' } : { kind: 'action', action: 'end_call', outcome: 'resolved' };
  return {
    tenant_id: tenant,
    name,
    version: 1,
    language,
    start: 'greet',
    steps: [
      { id: 'greet', step: { kind: 'say', text: '', next: 'end' } },
      { id: 'end', step: last },
    ],
  };
}

// Reading a script someone pasted or chose as a file. Only the outline is
// checked here (JSON, an object with steps by id); the server checks the
// rest and its words are shown. Returns the parsed script or what is wrong.
export type ImportResult = { json: ScriptJson } | { error: 'json' | 'shape'; detail: string };

export function parseImport(text: string): ImportResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { error: 'json', detail: e instanceof Error ? e.message : String(e) };
  }
  // An exported GET /api/scripts/{code} answer holds the script under "script".
  if (value && typeof value === 'object' && !Array.isArray(value) && 'script' in value && !('steps' in value)) {
    value = (value as { script: unknown }).script;
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) return { error: 'shape', detail: 'not an object' };
  const steps = (value as { steps?: unknown }).steps;
  if (!steps || typeof steps !== 'object' || Array.isArray(steps)) return { error: 'shape', detail: 'steps' };
  for (const [id, step] of Object.entries(steps as Record<string, unknown>)) {
    if (!step || typeof step !== 'object' || typeof (step as { kind?: unknown }).kind !== 'string') {
      return { error: 'shape', detail: id };
    }
  }
  return { json: value as ScriptJson };
}
