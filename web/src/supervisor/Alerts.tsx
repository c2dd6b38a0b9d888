// The alert strip: a queue under its service-level target, a caller waiting
// past the limit. Calm when all is well, red and first when not.
import { duration, percent } from '../core/format';
import { lang, t } from '../core/i18n';
import type { Alert } from './alerts';
import { time } from '../core/format'; // issue #8
import { useRequeueAlerts } from './live'; // issue #8

export function AlertText({ alert }: { alert: Alert }) {
  const l = lang.value;
  if (alert.kind === 'service_level') {
    return <>{t('supervisor.alert.sl', { queue: alert.name, level: percent(alert.level / 100, l), target: percent(alert.target / 100, l) })}</>;
  }
  return (
    <>
      {t('supervisor.alert.wait', {
        queue: alert.name,
        wait: duration(alert.waitMs),
        limit: duration(alert.limitMs),
        waiting: alert.waiting,
      })}
    </>
  );
}

export function Alerts({ alerts }: { alerts: Alert[] }) {
  const requeued = useRequeueAlerts(); // issue #8: callers put back at the head of a queue
  return (
    <section class="sv-alerts" aria-label={t('supervisor.alerts.title')} aria-live="polite">
      {alerts.length === 0 && requeued.length === 0 ? (
        <p class="sv-alert-ok">{t('supervisor.alerts.none')}</p>
      ) : (
        <ul>
          {/* issue #8 */}
          {requeued.map((a) => (
            <li key={`requeued-${a.call}-${a.queue}`} data-testid="alert-requeued" data-kind="requeued" data-queue-id={a.queue} data-call={a.call} class="sv-alert sv-alert-requeued">
              {t('supervisor.alert.requeued', { agent: a.agentName, queue: a.queueName })}
              {a.at ? <span class="sv-alert-time"> · {time(a.at, lang.value)}</span> : null}
            </li>
          ))}
          {alerts.map((a) => (
            <li key={`${a.kind}-${a.queue}`} data-testid="alert" data-kind={a.kind} data-queue-id={a.queue} class={`sv-alert sv-alert-${a.kind}`}>
              <AlertText alert={a} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
