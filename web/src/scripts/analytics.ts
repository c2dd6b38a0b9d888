// GET /api/scripts/analytics shaped into the tables the screen draws: step
// use grouped by script (most used first, with each row's share of the
// script's busiest step for the bar), situations by use, outcomes by script,
// and use by queue and by operator as script × who tables.
import type { Analytics } from './types';

export interface Bar {
  label: string;
  sub?: string; // e.g. the step's kind
  value: number;
  share: number; // 0..1 of the group's largest value
}

export interface Group {
  code: string;
  total: number;
  bars: Bar[];
}

function withShares(rows: { label: string; sub?: string; value: number }[]): Bar[] {
  const max = rows.reduce((m, r) => Math.max(m, r.value), 0);
  return rows
    .map((r) => ({ ...r, share: max > 0 ? r.value / max : 0 }))
    .sort((a, b) => b.value - a.value || a.label.localeCompare(b.label));
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    let list = out.get(k);
    if (!list) out.set(k, (list = []));
    list.push(r);
  }
  return out;
}

function groups(map: Map<string, Bar[]>): Group[] {
  return [...map.entries()]
    .map(([code, bars]) => ({ code, total: bars.reduce((s, b) => s + b.value, 0), bars: withShares(bars) }))
    .sort((a, b) => b.total - a.total || a.code.localeCompare(b.code));
}

// Step use per script, busiest script first.
export function stepGroups(data: Pick<Analytics, 'steps'>): Group[] {
  const map = new Map<string, Bar[]>();
  for (const [code, rows] of groupBy(data.steps, (r) => r.code)) {
    map.set(code, rows.map((r) => ({ label: r.step, sub: r.kind, value: r.uses, share: 0 })));
  }
  return groups(map);
}

// Outcomes per script.
export function outcomeGroups(data: Pick<Analytics, 'outcomes'>): Group[] {
  const map = new Map<string, Bar[]>();
  for (const [code, rows] of groupBy(data.outcomes, (r) => r.code)) {
    map.set(code, rows.map((r) => ({ label: r.outcome, value: r.count, share: 0 })));
  }
  return groups(map);
}

// Situations by use (the playbook entries opened most first).
export function situationBars(data: Pick<Analytics, 'situations'>): Bar[] {
  return withShares(data.situations.map((s) => ({ label: s.code, sub: s.name, value: s.uses })));
}

// A who × script table: one row per queue or operator, a column per script,
// the row's total at the end; rows by total, columns by their total.
export interface Pivot {
  columns: string[];
  rows: { id: number; name: string; cells: number[]; total: number }[];
  totals: number[];
  total: number;
}

export function pivot(rows: readonly { id: number; name: string; code: string; uses: number }[]): Pivot {
  const columnTotals = new Map<string, number>();
  for (const r of rows) columnTotals.set(r.code, (columnTotals.get(r.code) ?? 0) + r.uses);
  const columns = [...columnTotals.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([c]) => c);
  const byWho = new Map<number, { id: number; name: string; cells: number[]; total: number }>();
  for (const r of rows) {
    let row = byWho.get(r.id);
    if (!row) byWho.set(r.id, (row = { id: r.id, name: r.name, cells: columns.map(() => 0), total: 0 }));
    row.cells[columns.indexOf(r.code)] += r.uses;
    row.total += r.uses;
  }
  const list = [...byWho.values()].sort((a, b) => b.total - a.total || a.name.localeCompare(b.name));
  const totals = columns.map((c) => columnTotals.get(c) ?? 0);
  return { columns, rows: list, totals, total: totals.reduce((s, n) => s + n, 0) };
}

export function byQueue(data: Pick<Analytics, 'by_queue'>): Pivot {
  return pivot(data.by_queue.map((r) => ({ id: r.queue_id, name: r.queue_name, code: r.code, uses: r.uses })));
}

export function byAgent(data: Pick<Analytics, 'by_agent'>): Pivot {
  return pivot(data.by_agent.map((r) => ({ id: r.agent_id, name: r.agent_name, code: r.code, uses: r.uses })));
}

// An answer with missing lists (an older server) read as empty ones.
export function complete(data: Partial<Analytics> | null | undefined): Analytics {
  return {
    steps: data?.steps ?? [],
    situations: data?.situations ?? [],
    by_queue: data?.by_queue ?? [],
    by_agent: data?.by_agent ?? [],
    outcomes: data?.outcomes ?? [],
  };
}

// The period's query: "YYYY-MM-DD" both ends; a reversed period is swapped.
export function period(from: string, to: string): { from: string; to: string } {
  return from && to && from > to ? { from: to, to: from } : { from, to };
}
