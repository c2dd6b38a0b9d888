// The analytics answer shaped for the tables: groups by script with the
// busiest first, bars relative to the group's largest value, who × script
// tables with totals.
import { describe, expect, it } from 'vitest';
import { byAgent, byQueue, complete, outcomeGroups, period, situationBars, stepGroups } from './analytics';
import { actionNames, orderAgents, sortCalls } from './training';

const data = complete({
  steps: [
    { code: 'complaint', step: 'greet', kind: 'say', uses: 10 },
    { code: 'sales', step: 'greet', kind: 'say', uses: 40 },
    { code: 'sales', step: 'offer', kind: 'ask', uses: 20 },
    { code: 'complaint', step: 'name', kind: 'collect', uses: 5 },
  ],
  situations: [
    { code: 'S-02', name: 'Threats', uses: 2 },
    { code: 'S-05', name: 'Silence', uses: 8 },
  ],
  by_queue: [
    { queue_id: 1, queue_name: 'Sales', code: 'sales', uses: 40 },
    { queue_id: 3, queue_name: 'Complaints', code: 'complaint', uses: 10 },
    { queue_id: 3, queue_name: 'Complaints', code: 'S-02', uses: 2 },
    { queue_id: 1, queue_name: 'Sales', code: 'S-02', uses: 1 },
  ],
  outcomes: [
    { code: 'sales', outcome: 'declined', count: 3 },
    { code: 'sales', outcome: 'sale', count: 9 },
  ],
});

describe('analytics tables', () => {
  it('group steps by script, busiest script and step first, bars against the top step', () => {
    const groups = stepGroups(data);
    expect(groups.map((g) => [g.code, g.total])).toEqual([
      ['sales', 60],
      ['complaint', 15],
    ]);
    expect(groups[0].bars).toEqual([
      { label: 'greet', sub: 'say', value: 40, share: 1 },
      { label: 'offer', sub: 'ask', value: 20, share: 0.5 },
    ]);
    expect(groups[1].bars.map((b) => b.share)).toEqual([1, 0.5]);
  });

  it('order situations and outcomes by use', () => {
    expect(situationBars(data).map((b) => [b.label, b.value, b.share])).toEqual([
      ['S-05', 8, 1],
      ['S-02', 2, 0.25],
    ]);
    expect(outcomeGroups(data)[0].bars.map((b) => b.label)).toEqual(['sale', 'declined']);
  });

  it('pivot use by queue with a column per script and totals both ways', () => {
    const p = byQueue(data);
    expect(p.columns).toEqual(['sales', 'complaint', 'S-02']);
    expect(p.rows).toEqual([
      { id: 1, name: 'Sales', cells: [40, 0, 1], total: 41 },
      { id: 3, name: 'Complaints', cells: [0, 10, 2], total: 12 },
    ]);
    expect(p.totals).toEqual([40, 10, 3]);
    expect(p.total).toBe(53);
    expect(byAgent(data).rows).toEqual([]);
  });

  it('read a missing list as empty and swap a reversed period', () => {
    expect(complete(undefined).steps).toEqual([]);
    expect(period('2026-11-28', '2026-11-01')).toEqual({ from: '2026-11-01', to: '2026-11-28' });
    expect(period('2026-11-01', '2026-11-28')).toEqual({ from: '2026-11-01', to: '2026-11-28' });
  });
});

describe('training lists', () => {
  it('offer ready operators first, without bots', () => {
    const list = orderAgents([
      { agent: 1, name: 'Boris', state: 'logged-out' },
      { agent: 2, name: 'Anna', state: 'ready' },
      { agent: 3, name: 'Bot', state: 'ready', bot: true },
      { agent: 4, name: 'Vera', state: 'on-call' },
      { agent: 5, name: 'Alla', state: 'ready' },
    ]);
    expect(list.map((a) => a.agent)).toEqual([5, 2, 4, 1]);
  });

  it('show practice calls in progress first, then the newest', () => {
    const call = (n: number, ended: boolean, at: string) => ({ call: n, agent_id: 1, agent_name: 'A', situation: 'S-02', started_at: at, ended, outcome: null, steps: 0, path: [] });
    const sorted = sortCalls([call(1, true, '2026-11-28T09:00:00Z'), call(2, false, '2026-11-28T08:00:00Z'), call(3, true, '2026-11-28T10:00:00Z')]);
    expect(sorted.map((c) => c.call)).toEqual([2, 3, 1]);
  });

  it('name the actions a practice call performed, whichever way the server writes them', () => {
    expect(actionNames({ actions: ['open_case', { action: 'end_call' }, { kind: 'hold' }, {}] })).toEqual(['open_case', 'end_call', 'hold']);
    expect(actionNames({})).toEqual([]);
  });
});
