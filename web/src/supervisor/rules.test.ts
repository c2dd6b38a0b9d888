import { describe, expect, it } from 'vitest';
import { alertsFor, waitLimitMs } from './alerts';
import { filterAgents, filterScope, membership, noFilter, sortAgents, stateCounts } from './grid';
import { shapeIntervals, totals, trimQuietStart } from './intervals';
import type { AgentRow, Directory, Intervals, QueueRow } from './types';

const q = (id: number, extra: Partial<QueueRow> = {}): QueueRow => ({
  id,
  name: `Q${id}`,
  waiting: 0,
  longest_wait_ms: 0,
  offered: 10,
  answered: 10,
  abandoned: 0,
  service_level: 90,
  sl_target_percent: 80,
  sl_threshold_ms: 20_000,
  ...extra,
});

describe('alert rules', () => {
  const at = '2026-11-27T10:00:00Z';
  const now = Date.parse(at);

  it('alerts when the service level falls below target, not at it', () => {
    const alerts = alertsFor({ at, skewMs: 0, queues: [q(1, { service_level: 79.9 }), q(2, { service_level: 80 }), q(3, { service_level: null })] }, {}, now);
    expect(alerts).toEqual([{ kind: 'service_level', queue: 1, name: 'Q1', level: 79.9, target: 80 }]);
  });

  it('alerts when a caller waits longer than max_wait, else the SL threshold', () => {
    const queues = [q(1, { waiting: 1, longest_wait_ms: 61_000 }), q(2, { waiting: 1, longest_wait_ms: 25_000 }), q(3, { waiting: 2, longest_wait_ms: 15_000 })];
    const alerts = alertsFor({ at, skewMs: 0, queues }, { 1: { id: 1, name: 'Q1', max_wait_s: 60 }, 2: { id: 2, name: 'Q2', max_wait_s: 0 } }, now);
    expect(alerts.map((a) => [a.kind, a.queue])).toEqual([
      ['long_wait', 1],
      ['long_wait', 2],
    ]);
    expect(waitLimitMs(q(2), { id: 2, name: 'Q2', max_wait_s: 0 })).toBe(20_000);
  });

  it('raises a wait alert as the wait grows between messages, and never with nobody waiting', () => {
    const queues = [q(1, { waiting: 1, longest_wait_ms: 18_000 }), q(2, { waiting: 0, longest_wait_ms: 99_000 })];
    expect(alertsFor({ at, skewMs: 0, queues }, {}, now)).toEqual([]);
    const later = alertsFor({ at, skewMs: 0, queues }, {}, now + 3000);
    expect(later).toHaveLength(1);
    expect(later[0]).toMatchObject({ kind: 'long_wait', queue: 1, waitMs: 21_000, limitMs: 20_000 });
  });
});

describe('interval series for uPlot', () => {
  const data: Intervals = {
    day_start: '2026-11-27T00:00:00Z',
    interval_minutes: 30,
    starts_ms: [0, 1_800_000, 3_600_000],
    queues: [
      { queue: 1, name: 'A', sl_target_percent: 80, offered: [0, 4, 2], answered: [0, 3, 2], abandoned: [0, 1, 0], answered_within_sl: [0, 3, 1], short_abandoned: [0, 0, 0], service_level: [null, 75, 50] },
      { queue: 2, name: 'B', sl_target_percent: 90, offered: [0, 1, 2], answered: [0, 0, 2], abandoned: [0, 0, 0], answered_within_sl: [0, 0, 2], short_abandoned: [0, 1, 0], service_level: [null, null, 100] },
    ],
  };

  it('sums the chosen queues, seconds on x, SL over the calls that count', () => {
    const all = shapeIntervals(data, null);
    expect(all.xs).toEqual([0, 1800, 3600]);
    expect(all.offered).toEqual([0, 5, 4]);
    expect(all.answered).toEqual([0, 3, 4]);
    expect(all.abandoned).toEqual([0, 1, 0]);
    // 3 within of (5 offered − 1 short abandon); 3 of 4.
    expect(all.serviceLevel).toEqual([null, 75, 75]);
    expect(all.target).toEqual([90, 90, 90]);
    expect(totals(all)).toEqual({ offered: 9, answered: 7, abandoned: 1 });
  });

  it('keeps one queue alone when a queue is chosen', () => {
    const one = shapeIntervals(data, [2]);
    expect(one.offered).toEqual([0, 1, 2]);
    expect(one.serviceLevel).toEqual([null, null, 100]);
    expect(one.target).toEqual([90, 90, 90]);
  });

  it('cuts the quiet start of the day but keeps one interval before the first call', () => {
    const s = shapeIntervals({ ...data, starts_ms: [0, 1, 2, 3].map((i) => i * 1_800_000), queues: [{ ...data.queues[0], offered: [0, 0, 0, 3], answered: [0, 0, 0, 3], abandoned: [0, 0, 0, 0], answered_within_sl: [0, 0, 0, 3], short_abandoned: [0, 0, 0, 0], service_level: [null, null, null, 100] }] }, null);
    const t = trimQuietStart(s);
    expect(t.xs).toEqual([3600, 5400]);
    expect(t.offered).toEqual([0, 3]);
    expect(trimQuietStart(shapeIntervals(data, [3])).xs).toHaveLength(3);
  });
});

describe('agent grid', () => {
  const rows: AgentRow[] = [
    { agent: 1, name: 'Ольга Кузнецова', team: 1, state: 'ready', since: '2026-11-27T10:00:00Z' },
    { agent: 2, name: 'Алексей Павлов', team: 1, state: 'not-ready', reason: 'lunch', since: '2026-11-27T09:00:00Z' },
    { agent: 3, name: 'Пётр Семёнов', team: 2, state: 'on-call', since: '2026-11-27T10:30:00Z' },
    { agent: 4, name: 'Ирина Соколова', team: 2, state: 'logged-out', since: null },
  ];
  const directory: Directory = {
    teams: [{ id: 1, name: 'Первая', lead: null }, { id: 2, name: 'Вторая', lead: null }],
    agents: [{ agent: 1, team: 1, queues: [1, 2] }, { agent: 2, team: 1, queues: [2] }, { agent: 3, team: 2, queues: [1] }, { agent: 4, team: 2, queues: [] }],
  };
  const queues = membership(directory);

  it('filters by team, queue, state and a part of the name (ё as е)', () => {
    const ids = (f: Partial<typeof noFilter>) => filterAgents(rows, { ...noFilter, ...f }, queues).map((r) => r.agent);
    expect(ids({})).toEqual([1, 2, 3, 4]);
    expect(ids({ team: 2 })).toEqual([3, 4]);
    expect(ids({ queue: 1 })).toEqual([1, 3]);
    expect(ids({ queue: 2, team: 1 })).toEqual([1, 2]);
    expect(ids({ state: 'not-ready' })).toEqual([2]);
    expect(ids({ text: 'семен' })).toEqual([3]);
    expect(ids({ hideLoggedOut: true })).toEqual([1, 2, 3]);
  });

  it('counts states over the team and queue filter, whatever the state filter', () => {
    const scope = filterScope(rows, { ...noFilter, team: 1, state: 'ready' }, queues);
    expect(stateCounts(scope)).toMatchObject({ ready: 1, 'not-ready': 1, 'on-call': 0, 'logged-out': 0 });
  });

  it('sorts by name, by state and by time in state', () => {
    const now = Date.parse('2026-11-27T11:00:00Z');
    expect(sortAgents(rows, 'name', now).map((r) => r.agent)).toEqual([2, 4, 1, 3]);
    expect(sortAgents(rows, 'state', now).map((r) => r.agent)).toEqual([1, 3, 2, 4]);
    expect(sortAgents(rows, 'time', now).map((r) => r.agent)).toEqual([2, 1, 3, 4]);
  });
});
