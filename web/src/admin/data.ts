// Reference data the administration sections share (companies, teams, users,
// skills, queues, categories), loaded once and refreshed after a change, and
// the company the screens are working on.
import { signal } from '@preact/signals';
import { api } from '../core/api';
import type { Product, Queue, User } from './forms';

export interface Tenant {
  id: number;
  name: string;
}
export interface Team {
  id: number;
  name: string;
  tenant: number;
  lead: number | null;
}
export interface Skill {
  id: number;
  name: string;
  tenant: number;
}
export interface Category {
  id: number;
  name: string;
  parent_id: number | null;
  tenant_id: number;
}
export interface Department {
  id: number;
  name: string;
  tenant: number;
  email: string | null;
}

export const tenants = signal<Tenant[]>([]);
export const tenant = signal<number | null>(null);
export const teams = signal<Team[]>([]);
export const users = signal<User[]>([]);
export const skills = signal<Skill[]>([]);
export const queues = signal<Queue[]>([]);
export const categories = signal<Category[]>([]);

const STORE = 'cc.admin.tenant';

export function chooseTenant(id: number): void {
  tenant.value = id;
  try {
    globalThis.localStorage?.setItem(STORE, String(id));
  } catch {
    // storage unavailable
  }
}

// The company to start with: the one chosen last time, else the one most
// users work for (in the demo the client company, not the empty default).
export function defaultTenant(list: Tenant[], people: User[], stored: string | null): number | null {
  if (list.length === 0) return null;
  const saved = Number(stored);
  if (saved && list.some((t) => t.id === saved)) return saved;
  let best = list[0].id;
  let bestCount = -1;
  for (const t of list) {
    const count = people.filter((u) => u.tenants.includes(t.id)).length;
    if (count > bestCount) {
      best = t.id;
      bestCount = count;
    }
  }
  return best;
}

export async function loadTenants(): Promise<void> {
  const [list, people] = await Promise.all([
    api.get<Tenant[]>('/api/tenants'),
    api.get<User[]>('/api/users').catch(() => [] as User[]),
  ]);
  tenants.value = list;
  users.value = people;
  let stored: string | null = null;
  try {
    stored = globalThis.localStorage?.getItem(STORE) ?? null;
  } catch {
    stored = null;
  }
  if (tenant.value === null || !list.some((t) => t.id === tenant.value)) tenant.value = defaultTenant(list, people, stored);
}

export const reload = {
  users: async () => {
    users.value = await api.get<User[]>('/api/users');
  },
  teams: async () => {
    teams.value = await api.get<Team[]>('/api/teams');
  },
  skills: async () => {
    skills.value = await api.get<Skill[]>('/api/skills');
  },
  queues: async () => {
    queues.value = await api.get<Queue[]>('/api/queues');
  },
  categories: async () => {
    categories.value = await api.get<Category[]>('/api/catalogue/categories');
  },
};

export function tenantName(id: number): string {
  return tenants.value.find((t) => t.id === id)?.name ?? `#${id}`;
}

export function userName(id: number | null | undefined): string {
  if (!id) return '—';
  const u = users.value.find((x) => x.id === id);
  return u ? u.name || u.login : `#${id}`;
}

export function teamName(id: number | null | undefined): string {
  if (!id) return '—';
  return teams.value.find((x) => x.id === id)?.name ?? `#${id}`;
}

export function skillName(id: number): string {
  return skills.value.find((x) => x.id === id)?.name ?? `#${id}`;
}

export function queueName(id: number | null | undefined): string {
  if (!id) return '—';
  return queues.value.find((x) => x.id === id)?.name ?? `#${id}`;
}

export function categoryName(id: number | null | undefined): string {
  if (!id) return '—';
  return categories.value.find((x) => x.id === id)?.name ?? `#${id}`;
}

// Products looked up by id (price lists and rules name them by id only).
const productCache = new Map<number, Product>();
export const productsSeen = signal(0);

export function rememberProducts(list: Product[]): void {
  for (const p of list) productCache.set(p.id, p);
  productsSeen.value++;
}

export function productLabel(id: number | null | undefined): string {
  void productsSeen.value;
  if (!id) return '—';
  const p = productCache.get(id);
  return p ? `${p.sku} — ${p.name}` : `#${id}`;
}

export function cachedProduct(id: number): Product | undefined {
  return productCache.get(id);
}

// Every product of the company (the catalogue is a few hundred items), so
// price lists and rules can show names instead of ids.
export async function loadAllProducts(forTenant: number): Promise<Product[]> {
  const all: Product[] = [];
  for (let offset = 0; offset < 5000; offset += 200) {
    const page = await api.get<Product[]>(`/api/catalogue/products?limit=200&offset=${offset}`);
    all.push(...page);
    if (page.length < 200) break;
  }
  rememberProducts(all);
  return all.filter((p) => p.tenant_id === forTenant);
}
