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
