import { describe, expect, it } from 'vitest';
import type { AgentRow } from '../supervisor/types';
import { byAgent, notReadyNow, teamTotals } from './figures';

describe('not-ready time on screen', () => {
  const fetchedAt = Date.parse('2026-11-27T10:00:00Z');
  const figure = { agent: 1, orders: 0, cases: 0, not_ready_ms: 60_000 };

  it('keeps counting while the agent is not ready', () => {
    const row = { state: 'not-ready' as const, since: '2026-11-27T09:55:00Z' };
    expect(notReadyNow(figure, row, fetchedAt, fetchedAt + 5000)).toBe(65_000);
  });

  it('counts from the change when the agent went not ready after the fetch', () => {
    const row = { state: 'not-ready' as const, since: '2026-11-27T10:00:03Z' };
    expect(notReadyNow(figure, row, fetchedAt, fetchedAt + 5000)).toBe(62_000);
  });

  it('stays put in any other state, and is unknown without a figure', () => {
    expect(notReadyNow(figure, { state: 'ready', since: '2026-11-27T10:00:03Z' }, fetchedAt, fetchedAt + 5000)).toBe(60_000);
    expect(notReadyNow(undefined, { state: 'not-ready', since: null }, fetchedAt, fetchedAt + 5000)).toBeNull();
    expect(notReadyNow({ ...figure, not_ready_ms: null }, { state: 'not-ready', since: null }, fetchedAt, fetchedAt)).toBeNull();
  });
});

describe('team totals', () => {
  const rows: AgentRow[] = [
    { agent: 1, name: 'A', team: 1, state: 'ready', since: null, calls: 3, aht_ms: 100_000 },
    { agent: 2, name: 'B', team: 1, state: 'ready', since: null, calls: 1, aht_ms: 200_000 },
    { agent: 3, name: 'C', team: 1, state: 'logged-out', since: null, calls: 0, aht_ms: null },
  ];

  it('weights AHT by calls and adds up the rest', () => {
    const figures = byAgent({ day_start: '', agents: [{ agent: 1, orders: 2, cases: 1, not_ready_ms: 1000 }, { agent: 2, orders: 1, cases: 0, not_ready_ms: 500 }] });
    const totals = teamTotals(rows, figures, (r) => figures!.get(r.agent)?.not_ready_ms ?? null);
    expect(totals).toEqual({ calls: 4, ahtMs: 125_000, orders: 3, cases: 1, notReadyMs: 1500 });
  });

  it('leaves the server-side figures unknown until they arrive', () => {
    expect(teamTotals(rows, null, () => null)).toMatchObject({ calls: 4, orders: null, cases: null, notReadyMs: null });
    expect(teamTotals([], null, () => null).ahtMs).toBeNull();
  });
});
