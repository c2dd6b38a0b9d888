import { describe, expect, it } from 'vitest';
import { caseNeedsComment, nextCaseStatuses, stepKey } from './caseFlow';
import { caseFromSummary, emptyCaseFilter, filterCases, mergeCase } from './caseList';
import { byUrgency, dueState, isOverdue, span } from './caseSla';
import type { Case } from './types';

const now = Date.parse('2026-11-27T12:00:00Z');
const minutes = (m: number) => new Date(now + m * 60000).toISOString();

function makeCase(id: number, change: Partial<Case> = {}): Case {
  return {
    id, tenant_id: 2, kind: 'complaint', category: 'courier', customer_id: 1, call_id: null, order_id: null,
    summary: 'Курьер не позвонил перед приездом', details: 'Записано со слов клиента', department_id: 2,
    status: 'open', due_at: minutes(120), escalated_at: null, updated_at: minutes(-600), history: [], ...change,
  };
}

describe('overdue cases', () => {
  it('are open or in progress past their due time', () => {
    expect(isOverdue(makeCase(1, { due_at: minutes(-1) }), now)).toBe(true);
    expect(isOverdue(makeCase(1, { status: 'in_progress', due_at: minutes(-1) }), now)).toBe(true);
    expect(isOverdue(makeCase(1, { due_at: minutes(1) }), now)).toBe(false);
  });

  it('never include resolved or closed ones, however late', () => {
    expect(isOverdue(makeCase(1, { status: 'resolved', due_at: minutes(-999) }), now)).toBe(false);
    expect(isOverdue(makeCase(1, { status: 'closed', due_at: minutes(-999) }), now)).toBe(false);
  });

  it('are marked overdue, due within the hour, in time, or done', () => {
    expect(dueState(makeCase(1, { due_at: minutes(-5) }), now)).toBe('overdue');
    expect(dueState(makeCase(1, { due_at: minutes(59) }), now)).toBe('soon');
    expect(dueState(makeCase(1, { due_at: minutes(61) }), now)).toBe('ok');
    expect(dueState(makeCase(1, { status: 'resolved', due_at: minutes(-5) }), now)).toBe('done');
  });

  it('read their lateness in days, hours and minutes', () => {
    expect(span(26 * 3600000 + 5 * 60000)).toEqual({ d: 1, h: 2, m: 5 });
    expect(span(-(90 * 60000))).toEqual({ d: 0, h: 1, m: 30 });
  });

  it('come first in the list, most overdue on top; finished ones last', () => {
    const list = [
      makeCase(1, { status: 'resolved', due_at: minutes(-900) }),
      makeCase(2, { due_at: minutes(30) }),
      makeCase(3, { due_at: minutes(-60) }),
      makeCase(4, { status: 'in_progress', due_at: minutes(-300) }),
    ];
    expect([...list].sort(byUrgency).map((c) => c.id)).toEqual([4, 3, 2, 1]);
  });

  it('are what the overdue filter keeps', () => {
    const list = [makeCase(1, { due_at: minutes(-1) }), makeCase(2), makeCase(3, { status: 'resolved', due_at: minutes(-1) })];
    expect(filterCases(list, { ...emptyCaseFilter, overdue: true }, now).map((c) => c.id)).toEqual([1]);
  });
});

describe('the case flow', () => {
  it('offers the steps the server allows, with a comment to resolve or reopen', () => {
    expect(nextCaseStatuses('open')).toEqual(['in_progress', 'resolved']);
    expect(nextCaseStatuses('in_progress')).toEqual(['resolved']);
    expect(nextCaseStatuses('resolved')).toEqual(['closed', 'in_progress']);
    expect(nextCaseStatuses('closed')).toEqual([]);
    expect(caseNeedsComment('open', 'resolved')).toBe(true);
    expect(caseNeedsComment('resolved', 'in_progress')).toBe(true);
    expect(caseNeedsComment('open', 'in_progress')).toBe(false);
    expect(caseNeedsComment('resolved', 'closed')).toBe(false);
    expect(stepKey('resolved', 'in_progress')).toBe('reopen');
  });
});

describe('the cases list', () => {
  it('puts a case from case.opened on top once', () => {
    const s = { id: 31, tenant_id: 2, kind: 'complaint' as const, category: 'quality', summary: 'Грубость', department_id: 3, due_at: minutes(1440) };
    const once = mergeCase([makeCase(1), makeCase(2)], caseFromSummary(s));
    const twice = mergeCase(once, caseFromSummary(s));
    expect(twice.map((c) => c.id)).toEqual([31, 1, 2]);
    expect(twice[0]).toMatchObject({ status: 'open', partial: true, department_id: 3 });
  });

  it('filters by status, department and words (category labels too)', () => {
    const list = [makeCase(1), makeCase(2, { status: 'resolved', department_id: 3, category: 'quality', summary: 'Оператор был груб' })];
    const ids = (f: Partial<typeof emptyCaseFilter>) => filterCases(list, { ...emptyCaseFilter, ...f }, now, { quality: 'Качество обслуживания' }).map((c) => c.id);
    expect(ids({ status: 'active' })).toEqual([1]);
    expect(ids({ status: 'resolved' })).toEqual([2]);
    expect(ids({ department: '3' })).toEqual([2]);
    expect(ids({ text: 'курьер' })).toEqual([1]);
    expect(ids({ text: 'качеств' })).toEqual([2]);
    expect(ids({ text: '№2' })).toEqual([2]);
  });
});
