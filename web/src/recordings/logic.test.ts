import { describe, expect, it } from 'vitest';
import { homeFor, mayVisit } from '../core/nav';
import type { Role } from '../core/session';
import {
  dayStartUtc,
  downloadUrl,
  emptyFilter,
  filterProblem,
  hasAudio,
  listening,
  mayListen,
  mayReadRecordings,
  parseRetentionDays,
  recordingsQuery,
  seconds,
} from './logic';
import type { Recording } from './types';

function rec(patch: Partial<Recording> = {}): Recording {
  return {
    id: 7,
    tenant_id: 2,
    call_id: 501,
    queue_id: 1,
    agent_id: 10,
    started_at: '2026-11-28T09:00:00Z',
    ended_at: '2026-11-28T09:03:05Z',
    duration_seconds: 185,
    pauses: 0,
    paused_seconds: 0,
    repaired: false,
    deleted: false,
    deleted_at: null,
    deleted_reason: null,
    audio: '/api/recordings/7/audio',
    ...patch,
  };
}

const allRoles: Role[] = ['operator', 'team_lead', 'supervisor', 'qa', 'manager', 'office_manager', 'admin', 'director'];

describe('who reads and who listens (docs/rbac.md)', () => {
  it('lets the recordings.read roles in and keeps managers and office managers out', () => {
    const readers = allRoles.filter(mayReadRecordings);
    expect(readers).toEqual(['operator', 'team_lead', 'supervisor', 'qa', 'admin', 'director']);
    for (const role of allRoles) expect(mayVisit(role, '/recordings'), role).toBe(mayReadRecordings(role));
  });

  it('does not move anyone’s home screen', () => {
    expect(homeFor('operator')).toBe('/agent');
    expect(homeFor('qa')).toBe('/cases');
    expect(homeFor('director')).toBe('/wallboard');
  });

  it('lets supervisors, QA and admins listen to any call, others only to their own', () => {
    const other = rec({ agent_id: 99 });
    const own = rec({ agent_id: 10 });
    expect(mayListen({ id: 1, role: 'supervisor' }, other)).toBe(true);
    expect(mayListen({ id: 1, role: 'qa' }, other)).toBe(true);
    expect(mayListen({ id: 1, role: 'admin' }, other)).toBe(true);
    expect(mayListen({ id: 1, role: 'director' }, other)).toBe(false);
    expect(mayListen({ id: 10, role: 'operator' }, own)).toBe(true);
    expect(mayListen({ id: 10, role: 'operator' }, other)).toBe(false);
    expect(mayListen({ id: 10, role: 'team_lead' }, other)).toBe(false);
    expect(mayListen({ id: 10, role: 'team_lead' }, own)).toBe(true);
    expect(mayListen({ id: 10, role: 'manager' }, own)).toBe(false);
  });

  it('offers a player only for finished recordings that are still there', () => {
    const sup = { id: 1, role: 'supervisor' as Role };
    expect(listening(sup, rec())).toBe('play');
    expect(listening(sup, rec({ deleted: true, deleted_reason: 'retention', audio: null }))).toBe('none');
    expect(listening(sup, rec({ ended_at: null, audio: null }))).toBe('none');
    expect(hasAudio(rec({ deleted: true }))).toBe(false); // even if a path slipped through
    expect(listening({ id: 2, role: 'director' }, rec())).toBe('forbidden');
    expect(downloadUrl('/api/recordings/7/audio')).toBe('/api/recordings/7/audio?download=1');
    expect(downloadUrl('/a?x=1')).toBe('/a?x=1&download=1');
  });
});

describe('durations', () => {
  it('reads seconds as m:ss or h:mm:ss', () => {
    expect(seconds(0)).toBe('0:00');
    expect(seconds(185)).toBe('3:05');
    expect(seconds(59.6)).toBe('1:00');
    expect(seconds(3725)).toBe('1:02:05');
    expect(seconds(null)).toBe('—');
    expect(seconds(-1)).toBe('—');
    expect(seconds(Number.NaN)).toBe('—');
  });
});

describe('the list’s query', () => {
  it('leaves out empty filters', () => {
    expect(recordingsQuery(emptyFilter, 200)).toBe('?limit=200');
    expect(recordingsQuery({ ...emptyFilter, call: ' 501 ', agent: '10' }, 50)).toBe('?call_id=501&agent_id=10&limit=50');
  });

  it('turns local days into UTC instants, the last day included', () => {
    const from = new Date(2026, 10, 1).toISOString().slice(0, 19) + 'Z';
    const to = new Date(2026, 10, 4).toISOString().slice(0, 19) + 'Z';
    expect(dayStartUtc('2026-11-01')).toBe(from);
    expect(dayStartUtc('2026-11-03', 1)).toBe(to);
    const q = recordingsQuery({ ...emptyFilter, from: '2026-11-01', to: '2026-11-03' }, 100);
    expect(q).toBe(`?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}&limit=100`);
    // across a month's end
    expect(dayStartUtc('2026-11-30', 1)).toBe(new Date(2026, 11, 1).toISOString().slice(0, 19) + 'Z');
  });

  it('refuses what the server would refuse, before asking', () => {
    expect(filterProblem(emptyFilter)).toBeNull();
    expect(filterProblem({ ...emptyFilter, call: 'abc' })).toBe('recordings.check.call');
    expect(filterProblem({ ...emptyFilter, call: '0' })).toBe('recordings.check.call');
    expect(filterProblem({ ...emptyFilter, agent: '-3' })).toBe('recordings.check.agent');
    expect(filterProblem({ ...emptyFilter, from: '2026-02-30' })).toBe('recordings.check.date');
    expect(filterProblem({ ...emptyFilter, to: '28.11.2026' })).toBe('recordings.check.date');
    expect(filterProblem({ ...emptyFilter, from: '2026-11-05', to: '2026-11-01' })).toBe('recordings.check.period');
    expect(filterProblem({ ...emptyFilter, from: '2026-11-01', to: '2026-11-01' })).toBeNull();
    expect(dayStartUtc('2026-13-01')).toBeNull();
  });
});

describe('retention days', () => {
  it('accepts whole days from 1 to 3650', () => {
    expect(parseRetentionDays('1')).toBe(1);
    expect(parseRetentionDays(' 90 ')).toBe(90);
    expect(parseRetentionDays('3650')).toBe(3650);
    for (const bad of ['0', '3651', '', '12.5', '-1', 'ten', '1e3', '99999']) expect(parseRetentionDays(bad), bad).toBeNull();
  });
});
