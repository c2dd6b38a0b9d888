// The SLA: when a case is due, whether it is overdue, and how the time reads.
import { isActive } from './caseFlow';
import type { Case } from './types';

export type DueState = 'done' | 'overdue' | 'soon' | 'ok';

// Soon: less than an hour left.
export const soonMs = 60 * 60 * 1000;

// Overdue: still open or in progress after its due time (as the server's
// `overdue=true` filter counts it). A resolved or closed case is never overdue.
export function isOverdue(c: Pick<Case, 'status' | 'due_at'>, now: number): boolean {
  if (!isActive(c.status)) return false;
  const due = Date.parse(c.due_at);
  return !Number.isNaN(due) && due < now;
}

export function dueState(c: Pick<Case, 'status' | 'due_at'>, now: number): DueState {
  if (!isActive(c.status)) return 'done';
  if (isOverdue(c, now)) return 'overdue';
  const due = Date.parse(c.due_at);
  return due - now < soonMs ? 'soon' : 'ok';
}

// Milliseconds as whole days, hours and minutes: {d, h, m}.
export function span(ms: number): { d: number; h: number; m: number } {
  const minutes = Math.floor(Math.abs(ms) / 60000);
  return { d: Math.floor(minutes / 1440), h: Math.floor((minutes % 1440) / 60), m: minutes % 60 };
}

// Most urgent first: active cases by due time (overdue on top), then the
// rest, most recently changed first.
export function byUrgency(a: Case, b: Case): number {
  const aa = isActive(a.status);
  const ba = isActive(b.status);
  if (aa !== ba) return aa ? -1 : 1;
  if (aa) return Date.parse(a.due_at) - Date.parse(b.due_at) || a.id - b.id;
  return Date.parse(b.updated_at ?? b.due_at) - Date.parse(a.updated_at ?? a.due_at) || b.id - a.id;
}
