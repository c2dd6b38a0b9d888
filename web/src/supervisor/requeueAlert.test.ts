// issue #8: the wallboard's alert for a caller put back at the head of a queue.
import { describe, expect, it } from 'vitest';
import { addRequeueAlert, liveRequeueAlerts, requeueAlertFrom, REQUEUE_ALERT_MS } from './alerts';

const message = { type: 'alert', kind: 'requeued', call: 17, queue: 1, queue_name: 'Продажи', agent: 7, agent_name: 'Ольга Петрова', at: '2026-11-28T10:00:00Z' };

describe('requeue alert', () => {
  it('is read from the socket message and nothing else', () => {
    const a = requeueAlertFrom(message, 1000)!;
    expect(a).toMatchObject({ call: 17, queue: 1, queueName: 'Продажи', agentName: 'Ольга Петрова', receivedAt: 1000 });
    expect(requeueAlertFrom({ ...message, kind: 'service_level' }, 1000)).toBeNull();
    expect(requeueAlertFrom({ type: 'realtime' }, 1000)).toBeNull();
  });
  it('stays a few minutes, then goes', () => {
    const list = [requeueAlertFrom(message, 0)!];
    expect(liveRequeueAlerts(list, 60_000)).toHaveLength(1);
    expect(liveRequeueAlerts(list, REQUEUE_ALERT_MS - 1)).toHaveLength(1);
    expect(liveRequeueAlerts(list, REQUEUE_ALERT_MS)).toHaveLength(0);
    expect(REQUEUE_ALERT_MS).toBeGreaterThanOrEqual(2 * 60_000);
  });
  it('the newest first; the same call again replaces its alert', () => {
    const first = requeueAlertFrom(message, 0)!;
    const other = requeueAlertFrom({ ...message, call: 18 }, 10)!;
    const again = requeueAlertFrom(message, 20)!;
    const list = addRequeueAlert(addRequeueAlert(addRequeueAlert([], first), other), again);
    expect(list.map((a) => [a.call, a.receivedAt])).toEqual([[17, 20], [18, 10]]);
  });
});
