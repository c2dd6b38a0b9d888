// The preview walks the draft like the operator's desk: answers pick the
// branch, jumps are passed over, the end and the broken links are named.
import { describe, expect, it } from 'vitest';
import { fromJson } from './model';
import { advance, back, canGoOn, keepWalk, segments, startWalk, view } from './preview';
import type { ScriptJson } from './types';

const script: ScriptJson = {
  tenant_id: 2,
  name: 'S',
  version: 1,
  language: 'ru',
  start: 'hop',
  steps: {
    hop: { kind: 'jump', to: 'greet' },
    greet: { kind: 'say', text: 'Hi {caller_name}, {company} here. {nonsense} {Upper}', next: 'q' },
    q: { kind: 'ask', text: 'Buy?', options: [{ label: 'Yes', next: 'end' }, { label: 'No', next: 'gone' }, { label: 'Later' }] },
    end: { kind: 'action', action: 'end_call', outcome: 'sale' },
  },
};
const d = fromJson(script);

describe('the preview walk', () => {
  it('starts past the jumps, goes on and follows the chosen answer to the end', () => {
    let w = startWalk(d);
    expect(w.path).toEqual(['hop', 'greet']);
    expect(view(d, w)).toMatchObject({ kind: 'step', id: 'greet' });
    expect(canGoOn(d, w)).toBe(true);
    w = advance(d, w);
    expect(view(d, w)).toMatchObject({ kind: 'step', id: 'q' });
    expect(canGoOn(d, w)).toBe(false); // an ask needs an answer
    expect(advance(d, w)).toBe(w);
    const end = advance(d, w, 0);
    expect(view(d, end)).toMatchObject({ kind: 'step', id: 'end', ends: true });
    expect(advance(d, end)).toBe(end);
  });

  it('names a link to a missing step and an answer that leads nowhere', () => {
    const w = advance(d, startWalk(d));
    expect(view(d, advance(d, w, 1))).toEqual({ kind: 'missing', id: 'gone' });
    expect(advance(d, w, 2)).toBe(w);
  });

  it('goes back over jumps but not before the first step', () => {
    let w = advance(d, startWalk(d));
    w = back(d, w);
    expect(w.path).toEqual(['hop', 'greet']);
    expect(back(d, w).path).toEqual(['hop', 'greet']);
  });

  it('stops on jumps that go round in a circle', () => {
    const loop = fromJson({ ...script, start: 'a', steps: { a: { kind: 'jump', to: 'b' }, b: { kind: 'jump', to: 'a' } } });
    expect(view(loop, startWalk(loop)).kind).toBe('loop');
    expect(view(fromJson({ ...script, start: '' }), startWalk(fromJson({ ...script, start: '' })))).toEqual({ kind: 'empty' });
  });

  it('keeps the walk across an edit as far as the links still hold', () => {
    const w = advance(d, advance(d, startWalk(d)), 0);
    expect(w.path).toEqual(['hop', 'greet', 'q', 'end']);
    const edited = fromJson({ ...script, steps: { ...script.steps, q: { kind: 'ask', text: 'Buy?', options: [{ label: 'Yes', next: 'greet' }] } } });
    expect(keepWalk(edited, w).path).toEqual(['hop', 'greet', 'q']);
    expect(keepWalk(fromJson({ ...script, start: 'greet' }), w).path).toEqual(['greet']);
  });
});

describe('placeholders', () => {
  it('are cut out of the text as the server reads them, known or not', () => {
    expect(segments('Hi {caller_name}, {company} here. {nonsense} {Upper}')).toEqual([
      { text: 'Hi ' },
      { placeholder: 'caller_name', known: true },
      { text: ', ' },
      { placeholder: 'company', known: true },
      { text: ' here. ' },
      { placeholder: 'nonsense', known: false },
      { text: ' {Upper}' },
    ]);
    expect(segments('{order.total} ₽')).toEqual([{ placeholder: 'order.total', known: true }, { text: ' ₽' }]);
    expect(segments('')).toEqual([]);
  });
});
