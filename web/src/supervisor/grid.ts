// The agent grid's logic: which rows a filter keeps, their order, and the
// totals per state. Pure, so the rules are tested without a browser.
import { timeInState } from './realtime';
import { STATES, type AgentRow, type AgentStateName, type Directory } from './types';

export interface GridFilter {
  team: number | null; // null: every team
  queue: number | null; // null: every queue
  state: AgentStateName | null;
  text: string; // part of the name, any case
  hideLoggedOut: boolean;
}

export const noFilter: GridFilter = { team: null, queue: null, state: null, text: '', hideLoggedOut: false };

export type SortKey = 'name' | 'state' | 'time';

// Queue memberships by agent, from the directory (empty when unknown).
export function membership(directory: Directory | null): Map<number, number[]> {
  const m = new Map<number, number[]>();
  for (const a of directory?.agents ?? []) m.set(a.agent, a.queues);
  return m;
}

export function teamOf(row: AgentRow, directory: Directory | null): number | null {
  if (row.team !== null && row.team !== undefined) return row.team;
  return directory?.agents.find((a) => a.agent === row.agent)?.team ?? null;
}

function normalise(s: string): string {
  return s.toLocaleLowerCase('ru').replace(/ё/g, 'е').trim();
}

// Everything but the state filter: the totals per state count these rows.
export function filterScope(rows: AgentRow[], filter: GridFilter, queues: Map<number, number[]>, directory: Directory | null = null): AgentRow[] {
  const text = normalise(filter.text);
  return rows.filter((r) => {
    if (filter.team !== null && teamOf(r, directory) !== filter.team) return false;
    if (filter.queue !== null && !(queues.get(r.agent) ?? []).includes(filter.queue)) return false;
    if (text && !normalise(r.name).includes(text)) return false;
    return true;
  });
}

export function filterAgents(rows: AgentRow[], filter: GridFilter, queues: Map<number, number[]>, directory: Directory | null = null): AgentRow[] {
  return filterScope(rows, filter, queues, directory).filter((r) => {
    if (filter.state !== null) return r.state === filter.state;
    if (filter.hideLoggedOut && r.state === 'logged-out') return false;
    return true;
  });
}

export function stateCounts(rows: AgentRow[]): Record<AgentStateName, number> {
  const counts = Object.fromEntries(STATES.map((s) => [s, 0])) as Record<AgentStateName, number>;
  for (const r of rows) counts[r.state] = (counts[r.state] ?? 0) + 1;
  return counts;
}

export function sortAgents(rows: AgentRow[], key: SortKey, now: number, skewMs = 0): AgentRow[] {
  const byName = (a: AgentRow, b: AgentRow) => a.name.localeCompare(b.name, 'ru') || a.agent - b.agent;
  const out = [...rows];
  if (key === 'name') return out.sort(byName);
  if (key === 'state') {
    return out.sort((a, b) => STATES.indexOf(a.state) - STATES.indexOf(b.state) || byName(a, b));
  }
  // Longest in their state first; agents without a time last.
  return out.sort((a, b) => {
    const ta = timeInState(a, now, skewMs) ?? -1;
    const tb = timeInState(b, now, skewMs) ?? -1;
    return tb - ta || byName(a, b);
  });
}
