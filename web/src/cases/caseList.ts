// The cases list: live messages merged in once, and the filters.
import { fold } from '../manager/orderList';
import { isActive } from './caseFlow';
import { isOverdue } from './caseSla';
import type { Case, CaseStatus, CaseSummary } from './types';

export function caseFromSummary(s: CaseSummary): Case {
  return {
    ...s,
    customer_id: null,
    call_id: null,
    order_id: null,
    details: '',
    status: 'open',
    escalated_at: null,
    history: [],
    partial: true,
  };
}

// Puts a case at the top, replacing the row with its id (a full row keeps
// what it knew when only a summary comes).
export function mergeCase(list: Case[], incoming: Case): Case[] {
  const existing = list.find((c) => c.id === incoming.id);
  const row = existing && incoming.partial && !existing.partial ? { ...existing, ...pick(incoming) } : incoming;
  return [row, ...list.filter((c) => c.id !== incoming.id)];
}

function pick(c: Case): Partial<Case> {
  return { summary: c.summary, due_at: c.due_at, department_id: c.department_id, escalated_at: c.escalated_at ?? undefined };
}

export function replaceCase(list: Case[], c: Case): Case[] {
  return list.some((x) => x.id === c.id) ? list.map((x) => (x.id === c.id ? c : x)) : [c, ...list];
}

export type CaseStatusFilter = '' | 'active' | CaseStatus;

export interface CaseFilter {
  status: CaseStatusFilter;
  department: string; // department id or ''
  overdue: boolean;
  text: string;
}

export const emptyCaseFilter: CaseFilter = { status: '', department: '', overdue: false, text: '' };

export function matchesCase(c: Case, f: CaseFilter, now: number, categoryLabel = ''): boolean {
  if (f.status === 'active' ? !isActive(c.status) : f.status && c.status !== f.status) return false;
  if (f.department && String(c.department_id) !== f.department) return false;
  if (f.overdue && !isOverdue(c, now)) return false;
  const typed = fold(f.text).split(/\s+/).filter(Boolean);
  if (!typed.length) return true;
  const words = [String(c.id), ...fold(`${c.summary} ${c.details} ${c.category} ${categoryLabel}`).split(/[\s,.;:«»"()/!?]+/).filter(Boolean)];
  return typed.every((w) => (/^[#№]\d+$/.test(w) ? String(c.id).startsWith(w.slice(1)) : words.some((x) => x.startsWith(w))));
}

export function filterCases(list: Case[], f: CaseFilter, now: number, labels: Record<string, string> = {}): Case[] {
  return list.filter((c) => matchesCase(c, f, now, labels[c.category]));
}
