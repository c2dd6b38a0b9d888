// The company the scripts screens work on, its queues and scripts, shared by
// the list, the editor, analytics and training (loaded once, refreshed after
// a change).
import { signal } from '@preact/signals';
import { api, query } from '../core/api';
import { me, type Role } from '../core/session';
import type { Queue, ScriptRow, Tenant } from './types';

export const tenants = signal<Tenant[]>([]);
export const tenant = signal<number | null>(null);
export const queues = signal<Queue[]>([]);
export const scripts = signal<ScriptRow[]>([]);
export const scriptsError = signal<unknown>(null);
export const scriptsLoaded = signal(false);

const STORE = 'cc.scripts.tenant';

// Supervisors and admins change scripts; QA and team leads read them.
export function mayEdit(role: Role): boolean {
  return role === 'supervisor' || role === 'admin';
}

// Practice calls are placed by team leads, supervisors and admins.
export function mayTrain(role: Role): boolean {
  return role === 'supervisor' || role === 'admin' || role === 'team_lead';
}

// The company to start with: the one chosen last time, else the one with
// the most queues (in the demo the client company, not the empty default).
export function defaultTenant(list: readonly Tenant[], qs: readonly Queue[], stored: string | null): number | null {
  if (!list.length) return null;
  const saved = Number(stored);
  if (saved && list.some((x) => x.id === saved)) return saved;
  let best = list[0].id;
  let bestCount = -1;
  for (const x of list) {
    const count = qs.filter((q) => q.tenant === x.id).length;
    if (count > bestCount) {
      best = x.id;
      bestCount = count;
    }
  }
  return best;
}

export function chooseTenant(id: number): void {
  tenant.value = id;
  try {
    globalThis.localStorage?.setItem(STORE, String(id));
  } catch {
    // storage unavailable
  }
  void loadScripts();
}

export async function loadBasics(): Promise<void> {
  const [list, qs] = await Promise.all([
    api.get<Tenant[]>('/api/tenants').catch(() => [] as Tenant[]),
    api.get<Queue[]>('/api/queues').catch(() => [] as Queue[]),
  ]);
  // A user of one company may not list companies: fall back to their own ids.
  tenants.value = list.length ? list : (me.value?.tenants ?? []).map((id) => ({ id, name: `#${id}` }));
  queues.value = qs;
  let stored: string | null = null;
  try {
    stored = globalThis.localStorage?.getItem(STORE) ?? null;
  } catch {
    // storage unavailable
  }
  if (tenant.value === null || !tenants.value.some((x) => x.id === tenant.value)) {
    tenant.value = defaultTenant(tenants.value, qs, stored);
  }
}

export async function loadScripts(): Promise<void> {
  if (tenant.value === null) return;
  try {
    scripts.value = await api.get<ScriptRow[]>(`/api/scripts${query({ tenant_id: tenant.value })}`);
    scriptsError.value = null;
  } catch (e) {
    scriptsError.value = e;
  } finally {
    scriptsLoaded.value = true;
  }
}

export function tenantQueues(): Queue[] {
  return queues.value.filter((q) => q.tenant === tenant.value);
}

export function queueName(id: number): string {
  return queues.value.find((q) => q.id === id)?.name ?? `#${id}`;
}
