// IVR menus (voice menus a caller hears before a queue): the server's JSON
// (api/openapi.yaml, IvrMenu), the editor's form, the conversions between
// them, and the light checks made before sending. The server's validation is
// the judge; problemField() points its message at the field it is about.
// Pure functions (tested in ivr.test.ts); messages are i18n keys.
import type { Errors, Msg } from './forms';
import { splitNumbers } from './forms';

export type ActionKind = 'queue' | 'menu' | 'callback' | 'message' | 'operator';
export const actionKinds: ActionKind[] = ['queue', 'menu', 'callback', 'message', 'operator'];

// In the order of a phone's keypad, which is also the order keys are offered in.
export const phoneKeys = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0', '*', '#'];

export const weekDays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type WeekDay = (typeof weekDays)[number];

export type MenuLanguage = 'ru' | 'en';

// ---------- the server's JSON ----------

export interface IvrAction {
  action: ActionKind;
  queue?: number;
  node?: string;
  topic?: string;
  say?: string;
}

export interface IvrNode {
  say: string;
  timeout_s?: number;
  retries?: number;
  keys: Record<string, IvrAction>;
  fallback?: IvrAction | null;
}

export interface IvrHours {
  time_zone?: string;
  week?: Partial<Record<WeekDay, string[]>>;
  holidays?: { date: string; open?: string[] }[];
}

export interface IvrMenu {
  id?: number;
  tenant: number;
  name: string;
  language: MenuLanguage;
  numbers: string[];
  start: string;
  operator_queue: number;
  invalid_say?: string;
  nodes: Record<string, IvrNode>;
  hours?: IvrHours | null;
  out_of_hours?: IvrAction | null;
}

// ---------- the form ----------

// What a key (or a fallback, or closed hours) does. kind '' is "not chosen":
// for a fallback it means the server's default, the operator.
export interface ActionForm {
  kind: ActionKind | '';
  queue: string; // queue and callback
  node: string; // menu
  topic: string;
  say: string;
}

export interface KeyForm extends ActionForm {
  key: string;
}

export interface NodeForm {
  id: string;
  say: string;
  timeout_s: string;
  retries: string;
  keys: KeyForm[];
  fallback: ActionForm;
}

export interface HolidayForm {
  date: string;
  open: string; // ranges as typed; empty: closed all day
}

export interface MenuForm {
  name: string;
  language: MenuLanguage;
  numbers: string; // separated by commas, spaces or lines
  operator_queue: string;
  start: string;
  invalid_say: string;
  nodes: NodeForm[];
  hours: boolean; // off: always open
  time_zone: string; // empty: the centre's
  week: Record<WeekDay, string>; // ranges as typed, per day; empty: closed
  holidays: HolidayForm[];
  out_of_hours: ActionForm;
}

// The server's defaults (ivr/menu.h).
const defaultTimeout = 6;
const defaultRetries = 2;

export function emptyAction(kind: ActionForm['kind'] = ''): ActionForm {
  return { kind, queue: '', node: '', topic: '', say: '' };
}

export function emptyNode(id: string): NodeForm {
  return { id, say: '', timeout_s: String(defaultTimeout), retries: String(defaultRetries), keys: [], fallback: emptyAction() };
}

function emptyWeek(): Record<WeekDay, string> {
  return { mon: '', tue: '', wed: '', thu: '', fri: '', sat: '', sun: '' };
}

export function emptyMenuForm(): MenuForm {
  return {
    name: '', language: 'ru', numbers: '', operator_queue: '', start: 'main', invalid_say: '',
    nodes: [emptyNode('main')], hours: false, time_zone: '', week: emptyWeek(), holidays: [], out_of_hours: emptyAction(),
  };
}

function actionToForm(a: IvrAction | null | undefined): ActionForm {
  if (!a) return emptyAction();
  return { kind: a.action, queue: a.queue ? String(a.queue) : '', node: a.node ?? '', topic: a.topic ?? '', say: a.say ?? '' };
}

function keyOrder(a: string, b: string): number {
  return phoneKeys.indexOf(a) - phoneKeys.indexOf(b);
}

// The node ids in the order a caller meets them: the start, then the nodes
// its keys lead to (breadth first), then any the start does not reach.
function callerOrder(m: IvrMenu): string[] {
  const order: string[] = [];
  const todo = [m.start];
  while (todo.length) {
    const id = todo.shift()!;
    const node = m.nodes[id];
    if (!node || order.includes(id)) continue;
    order.push(id);
    const actions = [...Object.keys(node.keys ?? {}).sort(keyOrder).map((k) => node.keys[k]), node.fallback];
    for (const a of actions) if (a?.action === 'menu' && a.node) todo.push(a.node);
  }
  return [...order, ...Object.keys(m.nodes).filter((id) => !order.includes(id)).sort()];
}

export function menuToForm(m: IvrMenu): MenuForm {
  const week = emptyWeek();
  for (const day of weekDays) week[day] = (m.hours?.week?.[day] ?? []).join(', ');
  return {
    name: m.name,
    language: m.language === 'en' ? 'en' : 'ru',
    numbers: m.numbers.join(', '),
    operator_queue: m.operator_queue ? String(m.operator_queue) : '',
    start: m.start,
    invalid_say: m.invalid_say ?? '',
    nodes: callerOrder(m).map((id) => [id, m.nodes[id]] as const).map(([id, n]) => ({
      id,
      say: n.say ?? '',
      timeout_s: String(n.timeout_s ?? defaultTimeout),
      retries: String(n.retries ?? defaultRetries),
      keys: Object.keys(n.keys ?? {})
        .sort(keyOrder)
        .map((key) => ({ key, ...actionToForm(n.keys[key]) })),
      fallback: actionToForm(n.fallback),
    })),
    hours: !!m.hours,
    time_zone: m.hours?.time_zone ?? '',
    week,
    holidays: (m.hours?.holidays ?? []).map((h) => ({ date: h.date, open: (h.open ?? []).join(', ') })),
    out_of_hours: actionToForm(m.out_of_hours),
  };
}

// ---------- opening hours ----------

function minutes(text: string): number | null {
  const m = /^(\d{1,2}):(\d{2})$/.exec(text);
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (min > 59 || h > 24 || (h === 24 && min !== 0)) return null;
  return h * 60 + min;
}

function clock(total: number): string {
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}

// "9:00-13:00, 14:00 – 18:00" -> ["09:00-13:00", "14:00-18:00"], or the
// first piece that is not a range, with the reason.
export function parseRanges(text: string): { ranges: string[] } | { error: Msg } {
  const ranges: string[] = [];
  for (const raw of text.split(/[,;\n]+/)) {
    const piece = raw.trim();
    if (!piece) continue;
    const parts = piece.replace(/\s+/g, '').split(/[-–—]/);
    const from = parts.length === 2 ? minutes(parts[0]) : null;
    const to = parts.length === 2 ? minutes(parts[1]) : null;
    if (from === null || to === null) return { error: { key: 'admin.ivr.v.range', vars: { text: piece } } };
    if (from >= to) return { error: { key: 'admin.ivr.v.range_order', vars: { text: piece } } };
    ranges.push(`${clock(from)}-${clock(to)}`);
  }
  return { ranges };
}

function rangesOf(text: string): string[] {
  const parsed = parseRanges(text);
  return 'ranges' in parsed ? parsed.ranges : [];
}

const dateRe = /^(\d{4})-(\d{2})-(\d{2})$/;

function validDate(text: string): boolean {
  const m = dateRe.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

// ---------- the request body ----------

function actionBody(a: ActionForm): IvrAction | null {
  if (!a.kind) return null;
  const out: IvrAction = { action: a.kind };
  if (a.kind === 'queue' || a.kind === 'callback') out.queue = Number(a.queue);
  if (a.kind === 'menu') out.node = a.node.trim();
  if (a.kind !== 'message' && a.topic.trim()) out.topic = a.topic.trim();
  if (a.say.trim()) out.say = a.say.trim();
  return out;
}

export function menuBody(f: MenuForm, tenant: number): IvrMenu {
  const nodes: Record<string, IvrNode> = {};
  for (const n of f.nodes) {
    const keys: Record<string, IvrAction> = {};
    for (const k of n.keys) {
      const a = actionBody(k);
      if (a) keys[k.key] = a;
    }
    const node: IvrNode = { say: n.say.trim(), timeout_s: Number(n.timeout_s), retries: Number(n.retries), keys };
    const fallback = actionBody(n.fallback);
    if (fallback) node.fallback = fallback;
    nodes[n.id.trim()] = node;
  }
  const body: IvrMenu = {
    tenant,
    name: f.name.trim(),
    language: f.language,
    numbers: menuNumbers(f),
    start: f.start.trim(),
    operator_queue: Number(f.operator_queue),
    nodes,
  };
  if (f.invalid_say.trim()) body.invalid_say = f.invalid_say.trim();
  if (f.hours) {
    const week: Partial<Record<WeekDay, string[]>> = {};
    for (const day of weekDays) {
      const ranges = rangesOf(f.week[day]);
      if (ranges.length) week[day] = ranges;
    }
    body.hours = {
      week,
      holidays: f.holidays.map((h) => ({ date: h.date.trim(), open: rangesOf(h.open) })),
    };
    if (f.time_zone.trim()) body.hours.time_zone = f.time_zone.trim();
    const closed = actionBody(f.out_of_hours);
    if (closed) body.out_of_hours = closed;
  }
  return body;
}

// ---------- checks ----------

export function menuNumbers(f: MenuForm): string[] {
  return splitNumbers(f.numbers.replace(/\s+/g, ','));
}

function dialable(n: string): boolean {
  return /^[0-9+*#]{1,32}$/.test(n);
}

// The nodes no key (nor fallback, nor the out-of-hours action) leads to
// from the start: the caller can never hear them.
export function unreachedNodes(f: MenuForm): string[] {
  const byId = new Map<string, NodeForm>();
  for (const n of f.nodes) if (!byId.has(n.id.trim())) byId.set(n.id.trim(), n);
  const reached = new Set<string>();
  const todo = [f.start.trim()];
  if (f.hours && f.out_of_hours.kind === 'menu') todo.push(f.out_of_hours.node.trim());
  while (todo.length) {
    const id = todo.shift()!;
    const node = byId.get(id);
    if (!node || reached.has(id)) continue;
    reached.add(id);
    for (const a of [...node.keys, node.fallback]) if (a.kind === 'menu') todo.push(a.node.trim());
  }
  return f.nodes.map((n) => n.id.trim()).filter((id) => id && !reached.has(id));
}

// A menu key leading to a name no node has: left to the server, which names
// it; the editor only hints.
export function isMissingNode(f: MenuForm, a: ActionForm): boolean {
  return a.kind === 'menu' && a.node.trim() !== '' && !f.nodes.some((n) => n.id.trim() === a.node.trim());
}

function checkAction(errors: Errors, at: string, a: ActionForm, required: boolean): void {
  if (!a.kind) {
    if (required) errors[`${at}.kind`] = { key: 'admin.ivr.v.action' };
    return;
  }
  if ((a.kind === 'queue' || a.kind === 'callback') && !a.queue) errors[`${at}.target`] = { key: 'admin.ivr.v.queue' };
  if (a.kind === 'menu' && !a.node.trim()) errors[`${at}.target`] = { key: 'admin.ivr.v.node' };
  if (a.kind === 'message' && !a.say.trim()) errors[`${at}.say`] = { key: 'admin.ivr.v.message' };
}

function checkWhole(errors: Errors, field: string, text: string, min: number, max: number): void {
  const t = text.trim();
  if (!/^\d+$/.test(t) || Number(t) < min || Number(t) > max) errors[field] = { key: 'admin.v.range', vars: { min, max } };
}

function checkRanges(errors: Errors, field: string, text: string): void {
  const parsed = parseRanges(text);
  if ('error' in parsed) errors[field] = parsed.error;
}

// Errors by field: name, numbers, operator_queue, start, invalid_say,
// nodes.<i>.(id|say|timeout_s|retries|keys), nodes.<i>.keys.<j>.(key|kind|target|say),
// nodes.<i>.fallback.(kind|target|say), week.<day>, holidays.<k>.(date|open),
// time_zone, out_of_hours.(kind|target|say).
export function validateMenu(f: MenuForm): Errors {
  const errors: Errors = {};
  if (!f.name.trim()) errors.name = { key: 'admin.v.required' };
  const numbers = menuNumbers(f);
  const bad = numbers.find((n) => !dialable(n));
  const twice = numbers.find((n, i) => numbers.indexOf(n) !== i);
  if (numbers.length === 0) errors.numbers = { key: 'admin.ivr.v.numbers' };
  else if (bad) errors.numbers = { key: 'admin.ivr.v.number', vars: { number: bad } };
  else if (twice) errors.numbers = { key: 'admin.ivr.v.number_twice', vars: { number: twice } };
  if (!f.operator_queue) errors.operator_queue = { key: 'admin.v.required' };

  const ids = f.nodes.map((n) => n.id.trim());
  if (!ids.includes(f.start.trim())) errors.start = { key: 'admin.ivr.v.start' };
  f.nodes.forEach((n, i) => {
    const at = `nodes.${i}`;
    const id = ids[i];
    if (!id) errors[`${at}.id`] = { key: 'admin.v.required' };
    else if (ids.indexOf(id) !== i) errors[`${at}.id`] = { key: 'admin.ivr.v.node_twice', vars: { node: id } };
    if (!n.say.trim()) errors[`${at}.say`] = { key: 'admin.ivr.v.node_say' };
    checkWhole(errors, `${at}.timeout_s`, n.timeout_s, 1, 60);
    checkWhole(errors, `${at}.retries`, n.retries, 0, 5);
    if (n.keys.length === 0) errors[`${at}.keys`] = { key: 'admin.ivr.v.dead_end' };
    const keys = n.keys.map((k) => k.key);
    n.keys.forEach((k, j) => {
      if (keys.indexOf(k.key) !== j) errors[`${at}.keys.${j}.key`] = { key: 'admin.ivr.v.key_twice', vars: { key: k.key } };
      checkAction(errors, `${at}.keys.${j}`, k, true);
    });
    checkAction(errors, `${at}.fallback`, n.fallback, false);
  });
  if (!errors.start) {
    for (const id of unreachedNodes(f)) {
      const i = ids.indexOf(id);
      if (!errors[`nodes.${i}.id`]) errors[`nodes.${i}.id`] = { key: 'admin.ivr.v.unreached', vars: { node: id, start: f.start.trim() } };
    }
  }

  if (f.hours) {
    for (const day of weekDays) checkRanges(errors, `week.${day}`, f.week[day]);
    f.holidays.forEach((h, k) => {
      if (!validDate(h.date.trim())) errors[`holidays.${k}.date`] = { key: 'admin.v.date' };
      checkRanges(errors, `holidays.${k}.open`, h.open);
    });
    if (f.time_zone.trim() && !/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(f.time_zone.trim())) {
      errors.time_zone = { key: 'admin.ivr.v.time_zone' };
    }
    checkAction(errors, 'out_of_hours', f.out_of_hours, true);
  }
  return errors;
}

// ---------- changing the form ----------

// The first key of the keypad the node does not use yet, or null when all twelve are taken.
export function nextFreeKey(node: NodeForm): string | null {
  return phoneKeys.find((k) => !node.keys.some((x) => x.key === k)) ?? null;
}

export function addKey(node: NodeForm): NodeForm {
  const key = nextFreeKey(node);
  if (key === null) return node;
  return { ...node, keys: [...node.keys, { key, ...emptyAction('queue') }] };
}

// A new node with a name no other node has ("node2", "node3", ...).
export function addNode(f: MenuForm): MenuForm {
  const ids = new Set(f.nodes.map((n) => n.id.trim()));
  let n = f.nodes.length + 1;
  while (ids.has(`node${n}`)) n++;
  return { ...f, nodes: [...f.nodes, emptyNode(`node${n}`)] };
}

// Removes a node; the start moves to the first one left if it was the start.
// The keys that led to it stay, so the check (or the server) names them.
export function removeNode(f: MenuForm, index: number): MenuForm {
  if (f.nodes.length <= 1) return f;
  const gone = f.nodes[index].id.trim();
  const nodes = f.nodes.filter((_, i) => i !== index);
  return { ...f, nodes, start: f.start.trim() === gone ? nodes[0].id : f.start };
}

// After a node's name was changed from `from` to `to`: the start, keys and
// fallbacks that led to `from` now lead to `to`. Nothing moves when either
// name is ambiguous (another node has it too) or empty.
export function renameNode(f: MenuForm, from: string, to: string): MenuForm {
  const a = from.trim();
  const b = to.trim();
  if (!a || !b || a === b) return f;
  const ids = f.nodes.map((n) => n.id.trim());
  if (ids.includes(a) || ids.filter((id) => id === b).length !== 1) return f;
  const move = <T extends ActionForm>(x: T): T => (x.kind === 'menu' && x.node.trim() === a ? { ...x, node: b } : x);
  return {
    ...f,
    start: f.start.trim() === a ? b : f.start,
    nodes: f.nodes.map((n) => ({ ...n, keys: n.keys.map(move), fallback: move(n.fallback) })),
    out_of_hours: move(f.out_of_hours),
  };
}

// Turning business hours on starts with weekdays 09:00-18:00 and a message
// for the rest of the time, so there is something to adjust.
export function withHours(f: MenuForm, on: boolean): MenuForm {
  if (!on) return { ...f, hours: false };
  const blank = weekDays.every((d) => !f.week[d].trim());
  return {
    ...f,
    hours: true,
    week: blank ? { ...f.week, mon: '09:00-18:00', tue: '09:00-18:00', wed: '09:00-18:00', thu: '09:00-18:00', fri: '09:00-18:00' } : f.week,
    out_of_hours: f.out_of_hours.kind ? f.out_of_hours : emptyAction('message'),
  };
}

// ---------- the server's refusals ----------

function actionPart(message: string): string {
  if (/'say'|nothing to say/.test(message)) return 'say';
  if (/is not an action|'action'/.test(message)) return 'kind';
  return 'target';
}

// The field a refusal of the server is about (its message names the node and
// key), or null when it names none the form shows.
export function problemField(status: number, message: string, f: MenuForm): string | null {
  const node = (id: string) => f.nodes.findIndex((n) => n.id.trim() === id);
  const key = (i: number, k: string) => f.nodes[i].keys.findIndex((x) => x.key === k);
  let m: RegExpExecArray | null;
  if (status === 409) return 'numbers';
  if ((m = /^node '(.*?)', key (\S)(?:\s|$)/.exec(message)) || (m = /^nodes\.(.*)\.keys\.(\S): /.exec(message))) {
    const i = node(m[1]);
    if (i < 0) return null;
    const j = key(i, m[2]);
    return j < 0 ? `nodes.${i}.keys` : `nodes.${i}.keys.${j}.${actionPart(message)}`;
  }
  if ((m = /^node '(.*?)', fallback/.exec(message)) || (m = /^nodes\.(.*)\.fallback: /.exec(message))) {
    const i = node(m[1]);
    return i < 0 ? null : `nodes.${i}.fallback.${actionPart(message)}`;
  }
  if ((m = /^node '(.*?)' is a dead end/.exec(message))) {
    const i = node(m[1]);
    return i < 0 ? null : `nodes.${i}.keys`;
  }
  if ((m = /^node '(.*?)' is never reached/.exec(message))) {
    const i = node(m[1]);
    return i < 0 ? null : `nodes.${i}.id`;
  }
  if ((m = /^nodes\.(.*): '(say|timeout_s|retries)'/.exec(message))) {
    const i = node(m[1]);
    return i < 0 ? null : `nodes.${i}.${m[2]}`;
  }
  if ((m = /^hours\.week\.(\w+)/.exec(message)) && (weekDays as readonly string[]).includes(m[1])) return `week.${m[1]}`;
  if ((m = /^hours\.holidays\[(\d+)\](\.open)?/.exec(message))) return `holidays.${m[1]}.${m[2] ? 'open' : 'date'}`;
  if (/time zone|'time_zone'/.test(message)) return 'time_zone';
  if (/^out_of_hours/.test(message)) return `out_of_hours.${actionPart(message)}`;
  if (/no 'out_of_hours'/.test(message)) return 'out_of_hours.kind';
  if (/start node|'start'/.test(message)) return 'start';
  if (/operator queue|'operator_queue'/.test(message)) return 'operator_queue';
  if (/needs a name|'name'/.test(message)) return 'name';
  if (/\bnumbers?\b/.test(message)) return 'numbers';
  return null;
}
