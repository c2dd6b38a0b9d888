// A promise to call the customer back: when, which number, into which queue.
import { useState } from 'preact/hooks';
import { api } from '../core/api';
import { lang, t } from '../core/i18n';
import { dateTime } from '../core/format';
import { Button, ErrorNote, Field, Panel } from '../core/ui';
import { defaultCallbackTime, dueAt } from './caseForm';
import { displayNumber } from './deskState';
import { callerNumber, callQueue, customer, desk, done, queues, refreshTimeline, tenantId } from './store';
import { labelOf } from './shortcuts';

interface Scheduled {
  id: number;
  due_at: string;
  number: string;
}

export function CallbackForm() {
  const [at, setAt] = useState(() => defaultCallbackTime(new Date()));
  const [number, setNumber] = useState('');
  const [queue, setQueue] = useState('');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [scheduled, setScheduled] = useState<Scheduled | null>(null);

  // A new call starts a new callback form: the desk mounts one per call (key).

  const d = desk.value;
  const fromCall = callQueue();
  const suggestedNumber = callerNumber() ?? customer.value?.phones[0]?.number ?? '';
  const theNumber = number || suggestedNumber;
  const theQueue = queue || (fromCall ? String(fromCall) : queues.value[0] ? String(queues.value[0].id) : '');

  async function schedule(e: Event) {
    e.preventDefault();
    setError(null);
    const due = dueAt(at);
    if (!due) {
      setError(new Error(t('agent.callback.needTime')));
      return;
    }
    setBusy(true);
    try {
      const body: Record<string, unknown> = {
        number: theNumber.trim(),
        reason: reason.trim() || t('agent.callback.defaultReason'),
        due_at: due,
        queue_id: Number(theQueue),
      };
      if (customer.value) body.customer_id = customer.value.id;
      const tid = tenantId();
      if (tid) body.tenant_id = tid;
      if (d?.agent) body.agent_user_id = d.agent;
      const created = await api.post<Scheduled>('/api/callbacks', body);
      setScheduled(created);
      done.value = { ...done.value, callback: true };
      void refreshTimeline();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Panel title={t('agent.callback.title')} class="agent-callback" actions={<kbd>{labelOf('callbackForm')}</kbd>}>
      {scheduled ? (
        <div data-testid="callback-scheduled" role="status" class="agent-done">
          <p>
            <strong>{t('agent.callback.scheduled', { at: dateTime(scheduled.due_at, lang.value), number: displayNumber(scheduled.number) ?? scheduled.number })}</strong>
          </p>
          <Button onClick={() => setScheduled(null)}>{t('agent.callback.another')}</Button>
        </div>
      ) : (
        <form data-testid="callback-form" id="agent-callback-form" noValidate onSubmit={schedule} aria-label={t('agent.callback.title')}>
          <div class="row">
            <Field label={t('agent.callback.at')}>
              <input type="datetime-local" name="callback-at" value={at} onInput={(e) => setAt((e.target as HTMLInputElement).value)} />
            </Field>
            <Field label={t('agent.callback.number')}>
              <input type="tel" name="callback-number" value={theNumber} onInput={(e) => setNumber((e.target as HTMLInputElement).value)} />
            </Field>
          </div>
          <div class="row">
            <Field label={t('agent.callback.queue')}>
              <select name="callback-queue" value={theQueue} onChange={(e) => setQueue((e.target as HTMLSelectElement).value)}>
                {queues.value.map((q) => (
                  <option value={String(q.id)}>{q.name}</option>
                ))}
              </select>
            </Field>
            <Field label={t('agent.callback.reason')}>
              <input name="callback-reason" value={reason} placeholder={t('agent.callback.defaultReason')} onInput={(e) => setReason((e.target as HTMLInputElement).value)} />
            </Field>
          </div>
          <ErrorNote error={error} />
          <Button kind="primary" type="submit" data-testid="schedule-callback" disabled={busy}>
            {t('agent.callback.schedule')}
          </Button>
        </form>
      )}
    </Panel>
  );
}
