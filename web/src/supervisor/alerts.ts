// When the wallboard raises an alert: a queue's service level today is below
// its target, or a caller has waited longer than the queue's limit (its
// max_wait_s when set, else its service-level threshold) — the same rules the
// server applies, computed here so a growing wait alerts between messages.
import { longestWaitNow, type Picture } from './realtime';
import type { QueueRow, QueueSettings } from './types';

export type Alert =
  | { kind: 'service_level'; queue: number; name: string; level: number; target: number }
  | { kind: 'long_wait'; queue: number; name: string; waitMs: number; limitMs: number; waiting: number };

// The wait limit of a queue in milliseconds.
export function waitLimitMs(queue: Pick<QueueRow, 'id' | 'sl_threshold_ms'>, settings?: QueueSettings): number {
  if (settings?.max_wait_s && settings.max_wait_s > 0) return settings.max_wait_s * 1000;
  return queue.sl_threshold_ms;
}

export function alertsFor(
  picture: Pick<Picture, 'queues' | 'at' | 'skewMs'>,
  settings: Record<number, QueueSettings>,
  now: number,
): Alert[] {
  const out: Alert[] = [];
  for (const q of picture.queues) {
    if (q.service_level !== null && q.service_level !== undefined && q.service_level < q.sl_target_percent) {
      out.push({ kind: 'service_level', queue: q.id, name: q.name, level: q.service_level, target: q.sl_target_percent });
    }
    const limitMs = waitLimitMs(q, settings[q.id]);
    const waitMs = longestWaitNow(q, picture, now);
    if (q.waiting > 0 && limitMs > 0 && waitMs > limitMs) {
      out.push({ kind: 'long_wait', queue: q.id, name: q.name, waitMs, limitMs, waiting: q.waiting });
    }
  }
  // Callers waiting too long first: they are on the line now.
  return out.sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'long_wait' ? -1 : 1));
}

// The queues with an alert, for highlighting their rows.
export function alertedQueues(alerts: Alert[]): Set<number> {
  return new Set(alerts.map((a) => a.queue));
}

// --- issue #8: a caller put back at the head of a queue ----------------------
// The server sends {"type":"alert","kind":"requeued",…} once; the wallboard
// keeps it in the list for a few minutes from when it arrived (the browser's
// clock, so a skewed server clock neither hides nor pins it).
export const REQUEUE_ALERT_MS = 5 * 60_000;

export interface RequeueAlert {
  kind: 'requeued';
  call: number;
  queue: number;
  queueName: string;
  agent: number;
  agentName: string;
  at: string;
  receivedAt: number;
}

// The alert from a socket message, or null when it is not a requeue alert.
export function requeueAlertFrom(m: Record<string, unknown>, receivedAt: number): RequeueAlert | null {
  if (m.type !== 'alert' || m.kind !== 'requeued') return null;
  const num = (v: unknown) => (typeof v === 'number' ? v : Number(v) || 0);
  const str = (v: unknown) => (typeof v === 'string' ? v : '');
  const queue = num(m.queue);
  const agent = num(m.agent);
  return {
    kind: 'requeued',
    call: num(m.call),
    queue,
    queueName: str(m.queue_name) || `#${queue}`,
    agent,
    agentName: str(m.agent_name) || `#${agent}`,
    at: str(m.at),
    receivedAt,
  };
}

// The list with a new alert on top (the same call's earlier alert replaced).
export function addRequeueAlert(list: readonly RequeueAlert[], alert: RequeueAlert): RequeueAlert[] {
  return [alert, ...list.filter((a) => !(a.call === alert.call && a.queue === alert.queue))];
}

// The alerts still shown at `now`.
export function liveRequeueAlerts(list: readonly RequeueAlert[], now: number, lifetimeMs = REQUEUE_ALERT_MS): RequeueAlert[] {
  return list.filter((a) => now - a.receivedAt < lifetimeMs && now >= a.receivedAt - 60_000);
}
