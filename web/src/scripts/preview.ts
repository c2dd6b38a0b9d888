// The preview: walks the script being edited the way the operator's desk
// would (say → next, ask → the chosen option, collect → next, action →
// next or the end, jump → at once), entirely in the browser from the draft.
// Placeholders are not filled but shown as chips, so the author sees where
// the values go.
import { findStep, isTerminal, type Draft } from './model';
import type { Step } from './types';

// Every placeholder a script may use (src/call_scripts/placeholders.cpp).
export const KNOWN_PLACEHOLDERS = [
  'caller_name',
  'operator_name',
  'company',
  'product_line',
  'customer.name',
  'customer.phone',
  'customer.email',
  'customer.city',
  'customer.address',
  'order.number',
  'order.items',
  'order.total',
  'order.delivery_date',
  'order.delivery_window',
  'order.address',
  'order.receiver',
];

export type Segment = { text: string } | { placeholder: string; known: boolean };

// `text` cut into plain pieces and placeholders ("{name}", name of a-z, 0-9,
// '_' and '.', as the server reads them; other braces stay plain text).
export function segments(text: string): Segment[] {
  const out: Segment[] = [];
  const re = /\{([a-z0-9_.]+)\}/g;
  let from = 0;
  for (const m of text.matchAll(re)) {
    const at = m.index ?? 0;
    if (at > from) out.push({ text: text.slice(from, at) });
    out.push({ placeholder: m[1], known: KNOWN_PLACEHOLDERS.includes(m[1]) });
    from = at + m[0].length;
  }
  if (from < text.length) out.push({ text: text.slice(from) });
  return out;
}

// Where the walk is: the steps shown so far, the last one current.
export interface Walk {
  path: string[];
}

// What the preview shows for the current step.
export type View =
  | { kind: 'step'; id: string; step: Step; ends: boolean }
  | { kind: 'missing'; id: string } // the walk reached a step that does not exist
  | { kind: 'nowhere'; from: string } // the step has no next
  | { kind: 'loop'; id: string } // jumps that lead round in a circle
  | { kind: 'empty' }; // no start step

const JUMP_LIMIT = 50;

// Follows jumps from `id` to the first step that shows something.
function settle(draft: Draft, id: string, path: string[]): string[] {
  let at = id;
  const seen = new Set<string>();
  for (let i = 0; i < JUMP_LIMIT; i++) {
    const step = findStep(draft, at);
    if (!step || step.kind !== 'jump') return [...path, at];
    if (seen.has(at)) return [...path, at];
    seen.add(at);
    path = [...path, at];
    if (!step.to) return path;
    at = step.to;
  }
  return [...path, at];
}

export function startWalk(draft: Draft): Walk {
  if (!draft.start) return { path: [] };
  return { path: settle(draft, draft.start, []) };
}

export function current(walk: Walk): string | undefined {
  return walk.path[walk.path.length - 1];
}

export function view(draft: Draft, walk: Walk): View {
  const id = current(walk);
  if (id === undefined) return { kind: 'empty' };
  const step = findStep(draft, id);
  if (!step) return { kind: 'missing', id };
  if (step.kind === 'jump') return step.to ? { kind: 'loop', id } : { kind: 'nowhere', from: id };
  return { kind: 'step', id, step, ends: isTerminal(step) };
}

// Goes on from the current step: `option` picks an ask's answer. A step with
// nowhere to go leaves the walk as it is (the view says why).
export function advance(draft: Draft, walk: Walk, option?: number): Walk {
  const id = current(walk);
  if (id === undefined) return walk;
  const step = findStep(draft, id);
  if (!step || isTerminal(step)) return walk;
  let next: string | undefined;
  if (step.kind === 'ask') next = option === undefined ? undefined : step.options?.[option]?.next;
  else if (step.kind !== 'jump') next = step.next;
  if (!next) return walk;
  return { path: settle(draft, next, walk.path) };
}

// Back to the step shown before (jumps are passed over).
export function back(draft: Draft, walk: Walk): Walk {
  const path = [...walk.path];
  path.pop();
  while (path.length > 1 && findStep(draft, path[path.length - 1])?.kind === 'jump') path.pop();
  if (path.length === 1 && findStep(draft, path[0])?.kind === 'jump') return walk;
  return path.length ? { path } : walk;
}

// Whether the current step can go on without a choice (say, collect, action with next).
export function canGoOn(draft: Draft, walk: Walk): boolean {
  const id = current(walk);
  const step = id === undefined ? undefined : findStep(draft, id);
  if (!step || isTerminal(step) || step.kind === 'ask' || step.kind === 'jump') return false;
  return !!step.next;
}

// The walk kept across edits: the longest prefix that still follows the
// draft's links (a renamed or removed step cuts it there).
export function keepWalk(draft: Draft, walk: Walk): Walk {
  if (!walk.path.length || walk.path[0] !== draft.start) return startWalk(draft);
  const path = [walk.path[0]];
  for (let i = 1; i < walk.path.length; i++) {
    const prev = findStep(draft, path[path.length - 1]);
    if (!prev) break;
    const id = walk.path[i];
    const leads =
      prev.kind === 'ask' ? (prev.options ?? []).some((o) => o.next === id) : prev.kind === 'jump' ? prev.to === id : prev.next === id;
    if (!leads) break;
    path.push(id);
  }
  // A jump at the end is followed again (its target may have changed).
  const last = path.pop()!;
  return { path: settle(draft, last, path) };
}
