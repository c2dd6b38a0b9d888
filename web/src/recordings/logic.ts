// The Recordings screen's rules without the screen: who reads and who listens
// (docs/rbac.md: recordings.read, recordings.listen), the filters turned into
// the list's query, how long a recording is, and the retention a queue may keep.
import { query } from '../core/api';
import { duration } from '../core/format';
import type { Role } from '../core/session';
import type { Recording } from './types';

// recordings.read: these roles list recordings (operators their own calls',
// team leads also their teams'; the server narrows the list).
export const RECORDING_READERS: readonly Role[] = ['operator', 'team_lead', 'supervisor', 'qa', 'admin', 'director'];
// recordings.listen: these roles play any recording in scope; the others only their own calls'.
export const RECORDING_LISTENERS: readonly Role[] = ['supervisor', 'qa', 'admin'];
// Roles that read every agent's recordings, and so may filter by agent.
export const EVERY_AGENT: readonly Role[] = ['supervisor', 'qa', 'admin', 'director'];

export function mayReadRecordings(role: Role): boolean {
  return RECORDING_READERS.includes(role);
}

// Whether `user` may play or download `rec` at all (the server decides again).
export function mayListen(user: { id: number; role: Role }, rec: Pick<Recording, 'agent_id'>): boolean {
  if (!mayReadRecordings(user.role)) return false;
  return RECORDING_LISTENERS.includes(user.role) || rec.agent_id === user.id;
}

// Whether there is audio to fetch: not deleted and no longer being written.
export function hasAudio(rec: Pick<Recording, 'audio' | 'deleted' | 'ended_at'>): boolean {
  return !!rec.audio && !rec.deleted && rec.ended_at !== null;
}

// What the row offers: a player (and a download), nothing to play, or no permission.
export type Listening = 'play' | 'none' | 'forbidden';

export function listening(user: { id: number; role: Role }, rec: Recording): Listening {
  if (!hasAudio(rec)) return 'none';
  return mayListen(user, rec) ? 'play' : 'forbidden';
}

export function downloadUrl(audio: string): string {
  return `${audio}${audio.includes('?') ? '&' : '?'}download=1`;
}

// Seconds (fractions allowed) as "m:ss" / "h:mm:ss"; "—" for none.
export function seconds(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value) || value < 0) return '—';
  return duration(Math.round(value) * 1000);
}

// --- the filters ------------------------------------------------------------------

// What the filter form holds (text as typed; dates as YYYY-MM-DD, local days).
export interface RecordingFilter {
  agent: string;
  call: string;
  from: string;
  to: string;
}

export const emptyFilter: RecordingFilter = { agent: '', call: '', from: '', to: '' };

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const ID = /^\d{1,15}$/;

// The UTC instant (RFC 3339, whole seconds) when the local day `date` + `addDays` begins.
export function dayStartUtc(date: string, addDays = 0): string | null {
  const m = DAY.exec(date);
  if (!m) return null;
  const [y, mo, da] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const day = new Date(y, mo - 1, da);
  // 2026-02-30 is not a day (Date would roll it over to March).
  if (day.getFullYear() !== y || day.getMonth() !== mo - 1 || day.getDate() !== da) return null;
  const d = new Date(y, mo - 1, da + addDays);
  return `${d.toISOString().slice(0, 19)}Z`;
}

// The first thing wrong with the filter, as an i18n key, or null.
export function filterProblem(f: RecordingFilter): string | null {
  const call = f.call.trim();
  const agent = f.agent.trim();
  if (call && (!ID.test(call) || Number(call) < 1)) return 'recordings.check.call';
  if (agent && (!ID.test(agent) || Number(agent) < 1)) return 'recordings.check.agent';
  if (f.from && dayStartUtc(f.from) === null) return 'recordings.check.date';
  if (f.to && dayStartUtc(f.to) === null) return 'recordings.check.date';
  if (f.from && f.to && f.from > f.to) return 'recordings.check.period';
  return null;
}

// GET /api/recordings' query for the filter: `from` is the start of the first
// day, `to` the start of the day after the last (the server's `to` is "before").
export function recordingsQuery(f: RecordingFilter, limit: number): string {
  return query({
    call_id: f.call.trim() || undefined,
    agent_id: f.agent.trim() || undefined,
    from: f.from ? dayStartUtc(f.from) : undefined,
    to: f.to ? dayStartUtc(f.to, 1) : undefined,
    limit,
  });
}

// --- a queue's policy -----------------------------------------------------------

export const MIN_RETENTION_DAYS = 1;
export const MAX_RETENTION_DAYS = 3650;

// Days typed by a person, or null when not a whole number from 1 to 3650.
export function parseRetentionDays(text: string): number | null {
  const s = text.trim();
  if (!/^\d{1,4}$/.test(s)) return null;
  const n = Number(s);
  return n >= MIN_RETENTION_DAYS && n <= MAX_RETENTION_DAYS ? n : null;
}
