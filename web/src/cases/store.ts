// The cases inbox's state, outside the components so a re-mount loses
// nothing and a comment typed for one case waits while another is open.
import { computed, signal } from '@preact/signals';
import { api, query } from '../core/api';
import { me } from '../core/session';
import { caseFromSummary, emptyCaseFilter, filterCases, mergeCase, replaceCase, type CaseFilter } from './caseList';
import { byUrgency } from './caseSla';
import type { Case, CaseCategory, CaseStatus, CaseSummary, Department } from './types';

export const cases = signal<Case[]>([]);
export const loaded = signal(false);
export const loading = signal(false);
export const loadError = signal<unknown>(null);
export const filter = signal<CaseFilter>({ ...emptyCaseFilter });
export const selectedId = signal<number | null>(null);
export const detailError = signal<{ id: number; error: unknown } | null>(null);
export const fresh = signal<Set<number>>(new Set());
export const categories = signal<CaseCategory[]>([]);
export const departments = signal<Record<number, string>>({});
export const customerNames = signal<Record<number, string | null>>({});
export const people = signal<Record<number, string>>({});
// The clock the overdue marks are computed against; ticks every 30 s.
export const now = signal(Date.now());

export interface CaseToast {
  key: number;
  type: 'case.opened' | 'case.escalated';
  summary: CaseSummary;
}
export const toasts = signal<CaseToast[]>([]);

export interface CaseDraft {
  next: CaseStatus | '';
  comment: string;
}
export const drafts = signal<Record<number, CaseDraft>>({});

export function draftOf(id: number): CaseDraft {
  return drafts.value[id] ?? { next: '', comment: '' };
}

export function setDraft(id: number, change: Partial<CaseDraft>): void {
  drafts.value = { ...drafts.value, [id]: { ...draftOf(id), ...change } };
}

export const labels = computed(() => {
  const out: Record<string, string> = {};
  for (const c of categories.value) out[c.code] = c.label;
  return out;
});

export const visible = computed(() => {
  const list = filterCases(cases.value, filter.value, now.value, labels.value);
  // Live arrivals stay on top; the rest most urgent first.
  const arrived = list.filter((c) => fresh.value.has(c.id));
  const rest = list.filter((c) => !fresh.value.has(c.id)).sort(byUrgency);
  return [...arrived, ...rest];
});

export const selected = computed(() => cases.value.find((c) => c.id === selectedId.value) ?? null);

let seq = 0;

export async function loadCases(): Promise<void> {
  const mine = ++seq;
  loading.value = true;
  const f = filter.value;
  const status = f.status && f.status !== 'active' ? f.status : undefined;
  try {
    const list = await api.get<Case[]>(`/api/cases${query({ limit: 500, status })}`);
    if (mine !== seq) return;
    const arrived = cases.value.filter((c) => fresh.value.has(c.id) && !list.some((l) => l.id === c.id));
    cases.value = [...arrived, ...list];
    loaded.value = true;
    loadError.value = null;
  } catch (e) {
    if (mine === seq) loadError.value = e;
  } finally {
    if (mine === seq) loading.value = false;
  }
}

let namesAsked = false;

// Category labels (everyone who reads cases), department names and user
// names where the role may read them (see the report: the API gives names
// of departments and users to few roles).
export async function loadNames(): Promise<void> {
  const role = me.value?.role;
  if (namesAsked || !role) return;
  namesAsked = true;
  api.get<CaseCategory[]>('/api/case-categories').then((list) => (categories.value = list), () => undefined);
  if (role === 'office_manager' || role === 'admin' || role === 'director') {
    api.get<Department[]>('/api/departments').then((list) => {
      const out: Record<number, string> = {};
      for (const d of list) out[d.id] = d.name;
      departments.value = out;
    }, () => undefined);
    api.get<{ id: number; name: string; login: string }[]>('/api/users').then((list) => {
      const out: Record<number, string> = {};
      for (const u of list) out[u.id] = u.name || u.login;
      people.value = { ...people.value, ...out };
    }, () => undefined);
  } else if (role === 'supervisor') {
    api.get<{ agents?: { agent: number; name: string }[] }>('/api/realtime').then((rt) => {
      const out: Record<number, string> = {};
      for (const a of rt.agents ?? []) out[a.agent] = a.name;
      people.value = { ...people.value, ...out };
    }, () => undefined);
  }
}

export function mayReadCustomers(): boolean {
  const role = me.value?.role;
  return !!role && role !== 'office_manager';
}

export async function fetchCase(id: number): Promise<void> {
  try {
    const c = await api.get<Case>(`/api/cases/${id}`);
    cases.value = replaceCase(cases.value, c);
    if (detailError.value?.id === id) detailError.value = null;
    if (c.customer_id) void fetchCustomerName(c.customer_id);
  } catch (e) {
    detailError.value = { id, error: e };
  }
}

export async function fetchCustomerName(id: number): Promise<void> {
  if (id in customerNames.value || !mayReadCustomers()) return;
  customerNames.value = { ...customerNames.value, [id]: null };
  try {
    const c = await api.get<{ name: string }>(`/api/customers/${id}`);
    customerNames.value = { ...customerNames.value, [id]: c.name };
  } catch {
    // the id is shown instead
  }
}

let toastKey = 0;

export function receiveCase(type: 'case.opened' | 'case.escalated', summary: CaseSummary): void {
  if (type === 'case.opened') {
    cases.value = mergeCase(cases.value, caseFromSummary(summary));
    fresh.value = new Set([...fresh.value, summary.id]);
  } else {
    const known = cases.value.find((c) => c.id === summary.id);
    const row: Case = known ? { ...known, escalated_at: known.escalated_at ?? new Date().toISOString() } : { ...caseFromSummary(summary), escalated_at: new Date().toISOString() };
    cases.value = replaceCase(cases.value, row);
  }
  toasts.value = [...toasts.value, { key: ++toastKey, type, summary }].slice(-4);
  void fetchCase(summary.id);
}

export function dismissToast(key: number): void {
  toasts.value = toasts.value.filter((t) => t.key !== key);
}

export async function moveCase(id: number, status: CaseStatus, comment: string): Promise<Case> {
  const c = await api.post<Case>(`/api/cases/${id}/status`, { status, comment });
  cases.value = replaceCase(cases.value, c);
  return c;
}
