import { describe, expect, it } from 'vitest';
import { applyAgentState, applyRealtime, longestWaitNow, timeInState } from './realtime';
import type { AgentRow, QueueRow, RealtimeMessage } from './types';

const queue = (id: number, extra: Partial<QueueRow> = {}): QueueRow => ({
  id,
  name: `Q${id}`,
  waiting: 0,
  longest_wait_ms: 0,
  offered: 0,
  answered: 0,
  abandoned: 0,
  service_level: null,
  sl_target_percent: 80,
  sl_threshold_ms: 20000,
  ...extra,
});

const agent = (id: number, extra: Partial<AgentRow> = {}): AgentRow => ({
  agent: id,
  name: `Agent ${id}`,
  team: 1,
  state: 'ready',
  since: '2026-11-27T10:00:00Z',
  calls: 0,
  ...extra,
});

const snapshot: RealtimeMessage = {
  at: '2026-11-27T10:05:00Z',
  queues: [queue(1, { waiting: 2 })],
  agents: [agent(10), agent(11, { state: 'not-ready', reason: 'lunch' })],
  alerts: [],
};

describe('applyRealtime', () => {
  it('takes the first snapshot whole, without a "full" field', () => {
    const p = applyRealtime(null, snapshot, Date.parse('2026-11-27T10:05:00Z'));
    expect(Object.keys(p.agents).map(Number)).toEqual([10, 11]);
    expect(p.queues[0].waiting).toBe(2);
    expect(p.skewMs).toBe(0);
  });

  it('merges a partial message into the rows it names and keeps the others', () => {
    const p0 = applyRealtime(null, snapshot, 0);
    const p1 = applyRealtime(
      p0,
      { type: 'realtime', at: '2026-11-27T10:05:01Z', full: false, queues: [queue(1, { waiting: 0 })], agents: [{ agent: 10, state: 'on-call', calls: 1 }] },
      0,
    );
    expect(p1.agents[10].state).toBe('on-call');
    expect(p1.agents[10].calls).toBe(1);
    expect(p1.agents[10].name).toBe('Agent 10'); // kept from the snapshot
    expect(p1.agents[11].reason).toBe('lunch');
    expect(p1.queues[0].waiting).toBe(0);
    expect(p0.agents[10].state).toBe('ready'); // the old picture is not changed
  });

  it('drops removed agents and replaces everything on a full message', () => {
    const p0 = applyRealtime(null, snapshot, 0);
    const p1 = applyRealtime(p0, { at: snapshot.at, full: false, queues: [], agents: [], removed_agents: [11] }, 0);
    expect(Object.keys(p1.agents).map(Number)).toEqual([10]);
    const p2 = applyRealtime(p1, { at: snapshot.at, full: true, queues: [], agents: [agent(12)] }, 0);
    expect(Object.keys(p2.agents).map(Number)).toEqual([12]);
  });

  it('gives a row first seen in a partial message the missing fields', () => {
    const p = applyRealtime(null, { at: snapshot.at, full: false, queues: [], agents: [{ agent: 7, state: 'ready' }] }, 0);
    expect(p.agents[7]).toMatchObject({ agent: 7, name: '#7', team: null, state: 'ready', since: null });
  });

  it('measures the server clock against the browser clock', () => {
    const p = applyRealtime(null, snapshot, Date.parse('2026-11-27T10:04:58Z'));
    expect(p.skewMs).toBe(2000);
  });
});

describe('applyAgentState', () => {
  it('moves one agent at once and clears the reason outside not-ready', () => {
    const p0 = applyRealtime(null, snapshot, 0);
    const p1 = applyAgentState(p0, { agent: 11, state: 'ready', reason: null, since: '2026-11-27T10:05:02Z', forced: true })!;
    expect(p1.agents[11]).toMatchObject({ state: 'ready', reason: null, since: '2026-11-27T10:05:02Z' });
    const p2 = applyAgentState(p1, { agent: 10, state: 'not-ready', reason: 'break', since: '2026-11-27T10:05:03Z' })!;
    expect(p2.agents[10].reason).toBe('break');
    expect(p1.agents[10].state).toBe('ready');
  });

  it('ignores agents outside the picture', () => {
    const p0 = applyRealtime(null, snapshot, 0);
    expect(applyAgentState(p0, { agent: 99, state: 'ready', since: null })).toBe(p0);
    expect(applyAgentState(null, { agent: 99, state: 'ready', since: null })).toBeNull();
  });
});

describe('time in state', () => {
  it('ticks from since, corrected by the server clock', () => {
    const now = Date.parse('2026-11-27T10:01:05Z');
    expect(timeInState({ since: '2026-11-27T10:00:00Z' }, now)).toBe(65_000);
    expect(timeInState({ since: '2026-11-27T10:00:00Z' }, now, -5000)).toBe(60_000);
    expect(timeInState({ since: null }, now)).toBeNull();
    expect(timeInState({ since: '2026-11-27T10:02:00Z' }, now)).toBe(0);
  });

  it('grows the longest wait only while callers wait', () => {
    const pic = { at: '2026-11-27T10:00:00Z', skewMs: 0 };
    const now = Date.parse('2026-11-27T10:00:03Z');
    expect(longestWaitNow({ waiting: 1, longest_wait_ms: 10_000 }, pic, now)).toBe(13_000);
    expect(longestWaitNow({ waiting: 0, longest_wait_ms: 10_000 }, pic, now)).toBe(0);
  });
});
