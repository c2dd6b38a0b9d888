// Today's figures per operator for the team lead: calls and AHT from the live
// rows, orders, cases and not-ready time from GET /api/wallboard/operators
// (fetched now and then). Not-ready time keeps counting on screen while the
// agent is not ready. Pure functions.
import type { AgentRow } from '../supervisor/types';

export interface OperatorFigures {
  agent: number;
  orders: number | null;
  cases: number | null;
  not_ready_ms: number | null;
}

export interface OperatorsAnswer {
  day_start: string;
  agents: OperatorFigures[];
}

// Not-ready time at browser time `now`, from the figure fetched at `fetchedAt`
// (browser time) and the agent's live state.
export function notReadyNow(
  figure: OperatorFigures | undefined,
  row: Pick<AgentRow, 'state' | 'since'>,
  fetchedAt: number,
  now: number,
  skewMs = 0,
): number | null {
  if (!figure || figure.not_ready_ms === null) return null;
  if (row.state !== 'not-ready') return figure.not_ready_ms;
  const since = row.since ? Date.parse(row.since) - skewMs : NaN; // in browser time
  const from = Number.isNaN(since) ? fetchedAt : Math.max(fetchedAt, since);
  return figure.not_ready_ms + Math.max(0, now - from);
}

export interface TeamTotals {
  calls: number;
  ahtMs: number | null; // weighted by calls
  orders: number | null;
  cases: number | null;
  notReadyMs: number | null;
}

export function teamTotals(rows: AgentRow[], figures: Map<number, OperatorFigures> | null, notReady: (row: AgentRow) => number | null): TeamTotals {
  let calls = 0;
  let handled = 0;
  let orders: number | null = figures ? 0 : null;
  let cases: number | null = figures ? 0 : null;
  let notReadyMs: number | null = figures ? 0 : null;
  for (const r of rows) {
    const n = r.calls ?? 0;
    calls += n;
    if (n > 0 && r.aht_ms) handled += r.aht_ms * n;
    const f = figures?.get(r.agent);
    if (orders !== null) orders += f?.orders ?? 0;
    if (cases !== null) cases += f?.cases ?? 0;
    if (notReadyMs !== null) notReadyMs += notReady(r) ?? 0;
  }
  return { calls, ahtMs: calls > 0 ? Math.round(handled / calls) : null, orders, cases, notReadyMs };
}

export function byAgent(answer: OperatorsAnswer | null): Map<number, OperatorFigures> | null {
  if (!answer) return null;
  return new Map(answer.agents.map((a) => [a.agent, a]));
}
