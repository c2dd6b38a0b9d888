// Editing the script keeps its links consistent: renaming moves every
// reference with the step, removing clears (and reports) the links to it,
// and the JSON written holds only the fields of each step's kind.
import { describe, expect, it } from 'vitest';
import {
  addStep,
  changeAction,
  changeKind,
  findStep,
  fromJson,
  graphOrder,
  parseImport,
  referencesTo,
  removeStep,
  renameStep,
  successors,
  toJson,
  type Draft,
} from './model';
import type { ScriptJson } from './types';

const json: ScriptJson = {
  tenant_id: 2,
  name: 'Complaint',
  version: 3,
  language: 'en',
  start: 'greet',
  steps: {
    greet: { kind: 'say', text: 'Hello, {caller_name}', next: 'category' },
    category: { kind: 'ask', text: 'About what?', options: [{ label: 'Courier', next: 'case' }, { label: 'Other', next: 'greet' }] },
    case: { kind: 'action', action: 'open_case', category: 'courier', next: 'bye' },
    bye: { kind: 'jump', to: 'end' },
    end: { kind: 'action', action: 'end_call', outcome: 'complaint' },
  },
};

function draft(): Draft {
  return fromJson(structuredClone(json));
}

describe('the JSON round trip', () => {
  it('gives back the script it read, steps in their order', () => {
    const out = toJson(draft());
    expect(out).toEqual(json);
    expect(Object.keys(out.steps)).toEqual(['greet', 'category', 'case', 'bye', 'end']);
  });

  it('writes only the fields of the step kind and leaves empty links out', () => {
    let d = draft();
    d = { ...d, steps: d.steps.map((s) => (s.id === 'case' ? { id: s.id, step: changeAction(s.step, 'end_call') } : s)) };
    const out = toJson(d).steps.case;
    expect(out).toEqual({ kind: 'action', action: 'end_call', outcome: '' });
    const say = toJson({ ...d, steps: [{ id: 'x', step: { kind: 'say', text: 't', next: '', options: [{ label: 'stray' }] } }] }).steps.x;
    expect(say).toEqual({ kind: 'say', text: 't' });
    const collect = toJson({ ...d, steps: [{ id: 'c', step: { kind: 'collect', label: 'When?', target: 'call', field: 'callback_time', input: 'text', next: 'n' } }] }).steps.c;
    expect(collect).toEqual({ kind: 'collect', label: 'When?', target: 'call', field: 'callback_time', next: 'n' });
    const returning = toJson({ ...d, steps: [{ id: 'r', step: { kind: 'action', action: 'return', next: 'greet' } }] }).steps.r;
    expect(returning).toEqual({ kind: 'action', action: 'return' });
  });
});

describe('graph order', () => {
  it('lists the steps as a call meets them, the unreachable last', () => {
    const d = fromJson({ ...json, steps: { stray: { kind: 'say', text: 'x' }, ...json.steps } });
    const sorted = { ...d, steps: [...d.steps].sort((a, b) => a.id.localeCompare(b.id)) };
    expect(graphOrder(sorted).steps.map((s) => s.id)).toEqual(['greet', 'category', 'case', 'bye', 'end', 'stray']);
  });
});

describe('renaming a step', () => {
  it('moves the start, next, options and jumps that named it', () => {
    const r = renameStep(draft(), 'greet', 'hello');
    if (!('draft' in r)) throw new Error(r.error);
    expect(r.draft.start).toBe('hello');
    expect(findStep(r.draft, 'hello')?.text).toBe('Hello, {caller_name}');
    expect(findStep(r.draft, 'category')?.options?.[1].next).toBe('hello');
    expect(referencesTo(r.draft, 'greet')).toEqual([]);
    const r2 = renameStep(r.draft, 'end', 'finish');
    if (!('draft' in r2)) throw new Error(r2.error);
    expect(findStep(r2.draft, 'bye')?.to).toBe('finish');
  });

  it('refuses a taken, empty or malformed name and changes nothing', () => {
    const d = draft();
    expect(renameStep(d, 'greet', 'end')).toEqual({ error: 'taken' });
    expect(renameStep(d, 'greet', '')).toEqual({ error: 'empty' });
    expect(renameStep(d, 'greet', 'say hi')).toEqual({ error: 'pattern' });
    expect(renameStep(d, 'nope', 'x')).toEqual({ error: 'missing' });
    expect(toJson(d)).toEqual(json);
  });
});

describe('removing a step', () => {
  it('clears every link to it and reports where they were', () => {
    const { draft: d, cleared } = removeStep(draft(), 'greet');
    expect(cleared).toEqual([
      { from: '', where: 'start' },
      { from: 'category', where: 'option', option: 1 },
    ]);
    expect(d.start).toBe('');
    expect(findStep(d, 'greet')).toBeUndefined();
    expect(findStep(d, 'category')?.options?.[1].next).toBe('');
    // No link is left pointing at a step that is gone.
    for (const { step } of d.steps) for (const next of successors(step)) expect(findStep(d, next)).toBeDefined();
  });

  it('clears a jump to it too', () => {
    const { draft: d, cleared } = removeStep(draft(), 'end');
    expect(cleared).toEqual([{ from: 'bye', where: 'jump' }]);
    expect(findStep(d, 'bye')).toEqual({ kind: 'jump', to: '' });
  });
});

describe('adding a step', () => {
  it('gives a fresh id, places it after the given step, and starts an empty script', () => {
    const a = addStep(draft(), 'say', 'greet');
    expect(a.id).toBe('step');
    expect(a.draft.steps.map((s) => s.id).slice(0, 3)).toEqual(['greet', 'step', 'category']);
    const b = addStep(a.draft, 'ask');
    expect(b.id).toBe('step_2');
    expect(findStep(b.draft, 'step_2')).toEqual({ kind: 'ask', text: '', options: [{ label: '', next: '' }] });
    const empty = addStep({ ...draft(), steps: [], start: '' }, 'say');
    expect(empty.draft.start).toBe(empty.id);
  });
});

describe('changing a step kind', () => {
  it('keeps the text and where it leads', () => {
    const say = findStep(draft(), 'greet')!;
    expect(changeKind(say, 'ask')).toEqual({ kind: 'ask', text: 'Hello, {caller_name}', options: [{ label: '', next: 'category' }] });
    expect(changeKind(say, 'collect')).toMatchObject({ kind: 'collect', label: 'Hello, {caller_name}', next: 'category' });
    expect(changeKind(findStep(draft(), 'bye')!, 'say')).toEqual({ kind: 'say', text: '', next: 'end' });
  });
});

describe('import', () => {
  it('reads a script, or the script inside an exported answer', () => {
    expect(parseImport(JSON.stringify(json))).toEqual({ json });
    expect(parseImport(JSON.stringify({ code: 'complaint', version: 3, script: json }))).toEqual({ json });
  });

  it('says what is wrong with text that is not a script', () => {
    expect(parseImport('{"steps": ')).toMatchObject({ error: 'json' });
    expect(parseImport('[1]')).toMatchObject({ error: 'shape' });
    expect(parseImport('{"steps": {"a": {"text": "no kind"}}}')).toEqual({ error: 'shape', detail: 'a' });
  });
});
