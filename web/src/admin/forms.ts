// Form values <-> request bodies for the administration screens, and the
// checks made before anything is sent. Pure functions (tested in forms.test.ts).
// Messages are i18n keys with placeholders, translated where they are shown.
import type { Lang } from '../core/i18n';
import type { Role } from '../core/session';
import { parseRubles } from '../core/format';

export interface Msg {
  key: string;
  vars?: Record<string, string | number>;
}
export type Errors = Record<string, Msg>;

export const roles: Role[] = ['operator', 'team_lead', 'supervisor', 'qa', 'manager', 'office_manager', 'admin', 'director'];

// ---------- numbers, money, percent ----------

// Kopecks as typed into a field: "1234", "1234,5" (ru) or "1234.50" (en).
export function kopecksToInput(kopecks: number | null | undefined, lang: Lang): string {
  if (kopecks === null || kopecks === undefined) return '';
  const negative = kopecks < 0;
  const abs = Math.abs(kopecks);
  const rubles = Math.floor(abs / 100);
  const rest = abs % 100;
  const sep = lang === 'ru' ? ',' : '.';
  const text = rest === 0 ? String(rubles) : `${rubles}${sep}${String(rest).padStart(2, '0')}`;
  return negative ? `-${text}` : text;
}

// Basis points as a percent typed into a field: 1000 -> "10", 1250 -> "12,5".
export function bpToPercentInput(bp: number | null | undefined, lang: Lang): string {
  if (bp === null || bp === undefined) return '';
  const whole = Math.floor(bp / 100);
  const rest = bp % 100;
  if (rest === 0) return String(whole);
  const frac = String(rest).padStart(2, '0').replace(/0$/, '');
  return `${whole}${lang === 'ru' ? ',' : '.'}${frac}`;
}

// "12,5" / "12.5 %" -> 1250 basis points; null if not a percent with at most two decimals.
export function parsePercentBp(text: string): number | null {
  const cleaned = text.replace(/[\s\u00a0%]/g, '').replace(',', '.');
  if (!/^\d+(\.\d{1,2})?$/.test(cleaned)) return null;
  const [whole, frac = ''] = cleaned.split('.');
  return Number(whole) * 100 + Number(frac.padEnd(2, '0'));
}

export function parseWhole(text: string): number | null {
  const cleaned = text.trim();
  if (!/^-?\d+$/.test(cleaned)) return null;
  return Number(cleaned);
}

function checkWhole(errors: Errors, field: string, text: string, min: number, max: number, required = true): number | undefined {
  if (text.trim() === '') {
    if (required) errors[field] = { key: 'admin.v.required' };
    return undefined;
  }
  const n = parseWhole(text);
  if (n === null) {
    errors[field] = { key: 'admin.v.whole' };
    return undefined;
  }
  if (n < min || n > max) {
    errors[field] = { key: 'admin.v.range', vars: { min, max } };
    return undefined;
  }
  return n;
}

function checkRubles(errors: Errors, field: string, text: string, required = true): number | undefined {
  if (text.trim() === '') {
    if (required) errors[field] = { key: 'admin.v.required' };
    return undefined;
  }
  const k = parseRubles(text);
  if (k === null || k < 0) {
    errors[field] = { key: 'admin.v.money' };
    return undefined;
  }
  return k;
}

function checkName(errors: Errors, field: string, text: string, max = 500): string {
  const trimmed = text.trim();
  if (!trimmed) errors[field] = { key: 'admin.v.required' };
  else if (new TextEncoder().encode(trimmed).length > max) errors[field] = { key: 'admin.v.long', vars: { max } };
  return trimmed;
}

const dateRe = /^\d{4}-\d{2}-\d{2}$/;

function validDate(text: string): boolean {
  if (!dateRe.test(text)) return false;
  const [y, m, d] = text.split('-').map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

function checkPeriod(errors: Errors, from: string, to: string): void {
  if (!from.trim()) errors.valid_from = { key: 'admin.v.required' };
  else if (!validDate(from.trim())) errors.valid_from = { key: 'admin.v.date' };
  if (to.trim()) {
    if (!validDate(to.trim())) errors.valid_to = { key: 'admin.v.date' };
    else if (!errors.valid_from && to.trim() < from.trim()) errors.valid_to = { key: 'admin.v.period' };
  }
}

// ---------- users ----------

export interface User {
  id: number;
  login: string;
  name: string;
  role: Role;
  team: number | null;
  tenants: number[];
  disabled: boolean;
  created_at?: string;
}

export interface UserForm {
  login: string;
  name: string;
  role: Role;
  team: string; // '' = no team
  tenants: number[];
  password: string;
}

export function emptyUserForm(tenant: number | null): UserForm {
  return { login: '', name: '', role: 'operator', team: '', tenants: tenant ? [tenant] : [], password: '' };
}

export function userToForm(u: User): UserForm {
  return { login: u.login, name: u.name, role: u.role, team: u.team ? String(u.team) : '', tenants: [...u.tenants].sort((a, b) => a - b), password: '' };
}

export function validateUser(f: UserForm, creating: boolean): Errors {
  const errors: Errors = {};
  if (creating) {
    if (!f.login.trim()) errors.login = { key: 'admin.v.required' };
    else if (!/^[A-Za-z0-9._@-]{1,64}$/.test(f.login.trim())) errors.login = { key: 'admin.v.login' };
    if (f.password.length < 8) errors.password = { key: 'admin.v.password' };
  }
  if (f.tenants.length === 0) errors.tenants = { key: 'admin.v.tenants' };
  return errors;
}

export function userCreateBody(f: UserForm): Record<string, unknown> {
  const body: Record<string, unknown> = { login: f.login.trim(), password: f.password, role: f.role, tenants: f.tenants };
  if (f.name.trim()) body.name = f.name.trim();
  if (f.team) body.team = Number(f.team);
  return body;
}

// Only what changed, so a PATCH never rewrites what nobody touched.
export function userPatchBody(before: User, f: UserForm): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  if (f.name.trim() !== before.name) body.name = f.name.trim();
  if (f.role !== before.role) body.role = f.role;
  const team = f.team ? Number(f.team) : null;
  if (team !== before.team) body.team = team;
  const a = [...f.tenants].sort((x, y) => x - y);
  const b = [...before.tenants].sort((x, y) => x - y);
  if (a.join(',') !== b.join(',')) body.tenants = a;
  return body;
}

// ---------- queues ----------

export type Policy = 'longest-idle' | 'fewest-calls' | 'round-robin' | 'skills-best-match';
export const policies: Policy[] = ['longest-idle', 'fewest-calls', 'round-robin', 'skills-best-match'];

export interface Queue {
  id: number;
  tenant: number;
  name: string;
  numbers: string[];
  priority: number;
  policy: Policy;
  required_skills: { skill: number; min_level: number }[];
  sl_threshold_s: number;
  sl_target_percent: number;
  short_abandon_s: number;
  max_wait_s: number;
  overflow: { kind: 'queue' | 'callback'; queue?: number } | null;
  wrap_up_s: number;
  announce_every_s: number;
  max_callers: number;
  ring_timeout_s: number;
}

export interface QueueForm {
  name: string;
  numbers: string; // one per line (or separated by commas)
  priority: string;
  policy: Policy;
  skills: { skill: string; min_level: string }[];
  sl_threshold_s: string;
  sl_target_percent: string;
  short_abandon_s: string;
  max_wait_s: string;
  overflow: 'none' | 'queue' | 'callback';
  overflow_queue: string;
  wrap_up_s: string;
  announce_every_s: string;
  max_callers: string;
  ring_timeout_s: string;
}

// The server's defaults for a new queue (centre/setup_json.cpp).
export function emptyQueueForm(): QueueForm {
  return {
    name: '', numbers: '', priority: '0', policy: 'longest-idle', skills: [],
    sl_threshold_s: '20', sl_target_percent: '80', short_abandon_s: '0', max_wait_s: '0',
    overflow: 'none', overflow_queue: '', wrap_up_s: '0', announce_every_s: '0', max_callers: '0', ring_timeout_s: '15',
  };
}

export function queueToForm(q: Queue): QueueForm {
  return {
    name: q.name,
    numbers: q.numbers.join('\n'),
    priority: String(q.priority),
    policy: q.policy,
    skills: q.required_skills.map((s) => ({ skill: String(s.skill), min_level: String(s.min_level) })),
    sl_threshold_s: String(q.sl_threshold_s),
    sl_target_percent: String(q.sl_target_percent),
    short_abandon_s: String(q.short_abandon_s),
    max_wait_s: String(q.max_wait_s),
    overflow: q.overflow ? q.overflow.kind : 'none',
    overflow_queue: q.overflow?.kind === 'queue' && q.overflow.queue ? String(q.overflow.queue) : '',
    wrap_up_s: String(q.wrap_up_s),
    announce_every_s: String(q.announce_every_s),
    max_callers: String(q.max_callers),
    ring_timeout_s: String(q.ring_timeout_s),
  };
}

// Ranges as the server checks them.
export const queueRanges: Record<string, [number, number]> = {
  priority: [-100, 100],
  sl_threshold_s: [1, 3600],
  sl_target_percent: [1, 100],
  short_abandon_s: [0, 600],
  max_wait_s: [0, 86400],
  wrap_up_s: [0, 3600],
  announce_every_s: [0, 3600],
  max_callers: [0, 100000],
  ring_timeout_s: [1, 300],
};

export function splitNumbers(text: string): string[] {
  return text.split(/[\n,;]+/).map((s) => s.trim()).filter(Boolean);
}

export function validateQueue(f: QueueForm, selfId?: number): Errors {
  const errors: Errors = {};
  if (!f.name.trim()) errors.name = { key: 'admin.v.required' };
  for (const [field, [min, max]] of Object.entries(queueRanges)) {
    checkWhole(errors, field, (f as unknown as Record<string, string>)[field], min, max);
  }
  const seen = new Set<string>();
  f.skills.forEach((s, i) => {
    if (!s.skill) errors[`skills.${i}`] = { key: 'admin.v.skill' };
    else if (seen.has(s.skill)) errors[`skills.${i}`] = { key: 'admin.v.skill_twice' };
    seen.add(s.skill);
    checkWhole(errors, `skills.${i}.level`, s.min_level, 1, 10);
  });
  if (f.overflow === 'queue') {
    if (!f.overflow_queue) errors.overflow_queue = { key: 'admin.v.required' };
    else if (selfId !== undefined && Number(f.overflow_queue) === selfId) errors.overflow_queue = { key: 'admin.v.overflow_self' };
  }
  return errors;
}

export function queueBody(f: QueueForm, tenant?: number): Record<string, unknown> {
  const body: Record<string, unknown> = {
    name: f.name.trim(),
    numbers: splitNumbers(f.numbers),
    priority: Number(f.priority),
    policy: f.policy,
    required_skills: f.skills.map((s) => ({ skill: Number(s.skill), min_level: Number(s.min_level) })),
    overflow: f.overflow === 'none' ? null : f.overflow === 'queue' ? { kind: 'queue', queue: Number(f.overflow_queue) } : { kind: 'callback' },
  };
  for (const field of Object.keys(queueRanges)) {
    if (field !== 'priority') body[field] = Number((f as unknown as Record<string, string>)[field]);
  }
  if (tenant !== undefined) body.tenant = tenant;
  return body;
}

// ---------- products ----------

export interface Product {
  id: number;
  tenant_id: number;
  sku: string;
  name: string;
  description: string;
  unit: string;
  vat_percent: number;
  available: boolean;
  category_id: number | null;
  price?: number | null;
  price_today?: number;
  price_error?: string;
}

export interface ProductForm {
  sku: string;
  name: string;
  description: string;
  unit: string;
  vat_percent: string;
  available: boolean;
  category_id: string;
}

export function emptyProductForm(): ProductForm {
  return { sku: '', name: '', description: '', unit: 'шт.', vat_percent: '20', available: true, category_id: '' };
}

export function productToForm(p: Product): ProductForm {
  return {
    sku: p.sku, name: p.name, description: p.description ?? '', unit: p.unit ?? '',
    vat_percent: String(p.vat_percent), available: p.available, category_id: p.category_id ? String(p.category_id) : '',
  };
}

export function validateProduct(f: ProductForm): Errors {
  const errors: Errors = {};
  if (!f.sku.trim()) errors.sku = { key: 'admin.v.required' };
  else if (!/^[A-Za-z0-9._-]{1,64}$/.test(f.sku.trim())) errors.sku = { key: 'admin.v.sku' };
  checkName(errors, 'name', f.name, 300);
  return errors;
}

export function productBody(f: ProductForm, tenant: number): Record<string, unknown> {
  const body: Record<string, unknown> = {
    tenant_id: tenant,
    sku: f.sku.trim(),
    name: f.name.trim(),
    description: f.description.trim(),
    vat_percent: Number(f.vat_percent),
    available: f.available,
  };
  if (f.unit.trim()) body.unit = f.unit.trim();
  if (f.category_id) body.category_id = Number(f.category_id);
  return body;
}

// ---------- price lists ----------

export interface PriceList {
  id: number;
  name: string;
  valid_from: string;
  valid_to: string | null;
  priority: number;
  prices?: { product_id: number; price: number }[];
}

export interface PriceListForm {
  name: string;
  valid_from: string;
  valid_to: string;
  priority: string;
  prices: { product_id: number; price: string }[];
}

export function emptyPriceListForm(today: string): PriceListForm {
  return { name: '', valid_from: today, valid_to: '', priority: '0', prices: [] };
}

export function priceListToForm(p: PriceList, lang: Lang): PriceListForm {
  return {
    name: p.name,
    valid_from: p.valid_from,
    valid_to: p.valid_to ?? '',
    priority: String(p.priority ?? 0),
    prices: (p.prices ?? []).map((x) => ({ product_id: x.product_id, price: kopecksToInput(x.price, lang) })),
  };
}

export function validatePriceList(f: PriceListForm): Errors {
  const errors: Errors = {};
  checkName(errors, 'name', f.name);
  checkPeriod(errors, f.valid_from, f.valid_to);
  checkWhole(errors, 'priority', f.priority, -1_000_000, 1_000_000);
  const seen = new Set<number>();
  f.prices.forEach((p, i) => {
    if (seen.has(p.product_id)) errors[`prices.${i}`] = { key: 'admin.v.product_twice' };
    seen.add(p.product_id);
    checkRubles(errors, `prices.${i}`, p.price);
  });
  return errors;
}

export function priceListBody(f: PriceListForm, tenant: number): Record<string, unknown> {
  return {
    tenant_id: tenant,
    name: f.name.trim(),
    valid_from: f.valid_from.trim(),
    valid_to: f.valid_to.trim() || null,
    priority: Number(f.priority),
    prices: f.prices.map((p) => ({ product_id: p.product_id, price: parseRubles(p.price) })),
  };
}

// ---------- discounts ----------

export type DiscountKind = 'percent' | 'amount';
export type DiscountTarget = 'product' | 'category' | 'customer_group' | 'order';
export const discountTargets: DiscountTarget[] = ['product', 'category', 'customer_group', 'order'];

export interface Discount {
  id: number;
  name: string;
  valid_from: string;
  valid_to?: string | null;
  kind: DiscountKind;
  percent_bp?: number;
  amount?: number;
  target: DiscountTarget;
  product_id?: number;
  category_id?: number;
  customer_group_id?: number;
  min_quantity?: number;
  min_order_total?: number;
}

export interface DiscountForm {
  name: string;
  valid_from: string;
  valid_to: string;
  kind: DiscountKind;
  percent: string; // "10" or "12,5"
  amount: string; // rubles
  target: DiscountTarget;
  product_id: number | null;
  category_id: string;
  customer_group_id: string;
  min_quantity: string;
  min_order_total: string; // rubles
}

export function emptyDiscountForm(today: string): DiscountForm {
  return {
    name: '', valid_from: today, valid_to: '', kind: 'percent', percent: '', amount: '', target: 'product',
    product_id: null, category_id: '', customer_group_id: '', min_quantity: '0', min_order_total: '0',
  };
}

export function discountToForm(d: Discount, lang: Lang): DiscountForm {
  return {
    name: d.name,
    valid_from: d.valid_from,
    valid_to: d.valid_to ?? '',
    kind: d.kind,
    percent: d.kind === 'percent' ? bpToPercentInput(d.percent_bp ?? 0, lang) : '',
    amount: d.kind === 'amount' ? kopecksToInput(d.amount ?? 0, lang) : '',
    target: d.target,
    product_id: d.product_id || null,
    category_id: d.category_id ? String(d.category_id) : '',
    customer_group_id: d.customer_group_id ? String(d.customer_group_id) : '',
    min_quantity: String(d.min_quantity ?? 0),
    min_order_total: kopecksToInput(d.min_order_total ?? 0, lang),
  };
}

export function validateDiscount(f: DiscountForm): Errors {
  const errors: Errors = {};
  checkName(errors, 'name', f.name);
  checkPeriod(errors, f.valid_from, f.valid_to);
  if (f.kind === 'percent') {
    const bp = f.percent.trim() ? parsePercentBp(f.percent) : null;
    if (!f.percent.trim()) errors.percent = { key: 'admin.v.required' };
    else if (bp === null) errors.percent = { key: 'admin.v.percent' };
    else if (bp < 1 || bp > 10000) errors.percent = { key: 'admin.v.percent_range' };
  } else {
    const k = checkRubles(errors, 'amount', f.amount);
    if (k === 0) errors.amount = { key: 'admin.v.positive' };
  }
  if (f.target === 'product' && !f.product_id) errors.product_id = { key: 'admin.v.required' };
  if (f.target === 'category' && !f.category_id) errors.category_id = { key: 'admin.v.required' };
  if (f.target === 'customer_group' && !f.customer_group_id.trim()) errors.customer_group_id = { key: 'admin.v.required' };
  if (f.customer_group_id.trim()) checkWhole(errors, 'customer_group_id', f.customer_group_id, 1, Number.MAX_SAFE_INTEGER);
  if (f.target !== 'order') checkWhole(errors, 'min_quantity', f.min_quantity, 0, 1_000_000, false);
  checkRubles(errors, 'min_order_total', f.min_order_total, false);
  return errors;
}

// Only the fields that apply to the kind and target (the server refuses others).
export function discountBody(f: DiscountForm, tenant: number): Record<string, unknown> {
  const body: Record<string, unknown> = {
    tenant_id: tenant,
    name: f.name.trim(),
    valid_from: f.valid_from.trim(),
    valid_to: f.valid_to.trim() || null,
    kind: f.kind,
    target: f.target,
  };
  if (f.kind === 'percent') body.percent_bp = parsePercentBp(f.percent);
  else body.amount = parseRubles(f.amount);
  if (f.target === 'product') body.product_id = f.product_id;
  if (f.target === 'category') body.category_id = Number(f.category_id);
  if (f.customer_group_id.trim()) body.customer_group_id = Number(f.customer_group_id);
  if (f.target !== 'order' && f.min_quantity.trim()) body.min_quantity = Number(f.min_quantity);
  body.min_order_total = f.min_order_total.trim() ? parseRubles(f.min_order_total) : 0;
  return body;
}

// ---------- promotions ----------

export type PromotionKind = 'buy_x_pay_y' | 'gift_over_total';

export interface Promotion {
  id: number;
  name: string;
  pitch?: string;
  valid_from: string;
  valid_to?: string | null;
  kind: PromotionKind;
  product_id?: number;
  category_id?: number;
  buy?: number;
  pay?: number;
  min_order_total?: number;
  gift_product_id?: number;
  gift_quantity?: number;
}

export interface PromotionForm {
  name: string;
  pitch: string;
  valid_from: string;
  valid_to: string;
  kind: PromotionKind;
  on: 'product' | 'category';
  product_id: number | null;
  category_id: string;
  buy: string;
  pay: string;
  min_order_total: string; // rubles
  gift_product_id: number | null;
  gift_quantity: string;
}

export function emptyPromotionForm(today: string): PromotionForm {
  return {
    name: '', pitch: '', valid_from: today, valid_to: '', kind: 'buy_x_pay_y', on: 'product', product_id: null,
    category_id: '', buy: '3', pay: '2', min_order_total: '', gift_product_id: null, gift_quantity: '1',
  };
}

export function promotionToForm(p: Promotion, lang: Lang): PromotionForm {
  return {
    name: p.name,
    pitch: p.pitch ?? '',
    valid_from: p.valid_from,
    valid_to: p.valid_to ?? '',
    kind: p.kind,
    on: p.category_id ? 'category' : 'product',
    product_id: p.product_id || null,
    category_id: p.category_id ? String(p.category_id) : '',
    buy: p.buy ? String(p.buy) : '3',
    pay: p.pay ? String(p.pay) : '2',
    min_order_total: p.kind === 'gift_over_total' ? kopecksToInput(p.min_order_total ?? 0, lang) : '',
    gift_product_id: p.gift_product_id || null,
    gift_quantity: p.gift_quantity ? String(p.gift_quantity) : '1',
  };
}

export function validatePromotion(f: PromotionForm): Errors {
  const errors: Errors = {};
  checkName(errors, 'name', f.name);
  if (new TextEncoder().encode(f.pitch.trim()).length > 2000) errors.pitch = { key: 'admin.v.long', vars: { max: 2000 } };
  checkPeriod(errors, f.valid_from, f.valid_to);
  if (f.kind === 'buy_x_pay_y') {
    if (f.on === 'product' && !f.product_id) errors.product_id = { key: 'admin.v.required' };
    if (f.on === 'category' && !f.category_id) errors.category_id = { key: 'admin.v.required' };
    const buy = checkWhole(errors, 'buy', f.buy, 1, 1_000_000);
    const pay = checkWhole(errors, 'pay', f.pay, 1, 1_000_000);
    if (buy !== undefined && pay !== undefined && buy <= pay) errors.pay = { key: 'admin.v.buy_pay' };
  } else {
    checkRubles(errors, 'min_order_total', f.min_order_total);
    if (!f.gift_product_id) errors.gift_product_id = { key: 'admin.v.required' };
    checkWhole(errors, 'gift_quantity', f.gift_quantity, 1, 1_000_000);
  }
  return errors;
}

export function promotionBody(f: PromotionForm, tenant: number): Record<string, unknown> {
  const body: Record<string, unknown> = {
    tenant_id: tenant,
    name: f.name.trim(),
    pitch: f.pitch.trim(),
    valid_from: f.valid_from.trim(),
    valid_to: f.valid_to.trim() || null,
    kind: f.kind,
  };
  if (f.kind === 'buy_x_pay_y') {
    if (f.on === 'product') body.product_id = f.product_id;
    else body.category_id = Number(f.category_id);
    body.buy = Number(f.buy);
    body.pay = Number(f.pay);
  } else {
    body.min_order_total = parseRubles(f.min_order_total);
    body.gift_product_id = f.gift_product_id;
    body.gift_quantity = Number(f.gift_quantity);
  }
  return body;
}

// ---------- codes ----------

export interface Code {
  id: number;
  tenant: number;
  kind: 'disposition' | 'not_ready';
  code: string;
  label: string;
  reason?: string;
}

export const notReadyReasons = ['break', 'lunch', 'training', 'meeting', 'coaching', 'technical', 'health', 'other'];

export interface CodeForm {
  kind: 'disposition' | 'not_ready';
  code: string;
  label: string;
  reason: string;
}

export function validateCode(f: CodeForm): Errors {
  const errors: Errors = {};
  if (!f.code.trim()) errors.code = { key: 'admin.v.required' };
  else if (/\s/.test(f.code.trim())) errors.code = { key: 'admin.v.code' };
  if (!f.label.trim()) errors.label = { key: 'admin.v.required' };
  return errors;
}

export function codeBody(f: CodeForm, tenant: number): Record<string, unknown> {
  const body: Record<string, unknown> = { tenant, kind: f.kind, code: f.code.trim(), label: f.label.trim() };
  if (f.kind === 'not_ready' && f.reason) body.reason = f.reason;
  return body;
}
