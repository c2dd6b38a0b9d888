// The validator's problems land at the step they name; the script's own
// problems and those of steps the draft no longer has go to the summary.
import { describe, expect, it } from 'vitest';
import { placeProblems, problemsIn, stepsWithProblems } from './problems';

describe('placing problems', () => {
  it('puts each problem at its step and the rest in the summary', () => {
    const placed = placeProblems(
      [
        { step: '', message: 'the script has no name' },
        { step: 'greet', message: 'the text is empty' },
        { step: 'greet', message: 'dead end' },
        { step: 'renamed_away', message: 'unreachable' },
        { step: 'end', message: 'end_call names no outcome' },
      ],
      ['greet', 'ask', 'end'],
    );
    expect(placed.byStep).toEqual({ greet: ['the text is empty', 'dead end'], end: ['end_call names no outcome'] });
    expect(placed.general).toEqual([
      { step: '', message: 'the script has no name' },
      { step: 'renamed_away', message: 'unreachable' },
    ]);
    expect(placed.count).toBe(5);
    expect(stepsWithProblems(placed, ['end', 'ask', 'greet'])).toEqual(['end', 'greet']);
  });

  it('reads the list from a validate answer or a refused publish, and nothing else', () => {
    expect(problemsIn({ problems: [{ step: 'a', message: 'm' }] })).toEqual([{ step: 'a', message: 'm' }]);
    expect(problemsIn({ title: 'Bad Request', detail: 'x', problems: [{ message: 'whole script' }] })).toEqual([{ step: '', message: 'whole script' }]);
    expect(problemsIn({ problems: [] })).toEqual([]);
    expect(problemsIn({ title: 'Bad Request', detail: "'steps' must be an object" })).toBeNull();
    expect(problemsIn(null)).toBeNull();
  });
});
