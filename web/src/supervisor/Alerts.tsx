// The alert strip: a queue under its service-level target, a caller waiting
// past the limit. Calm when all is well, red and first when not.
import { duration, percent } from '../core/format';
import { lang, t } from '../core/i18n';
import type { Alert } from './alerts';

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
  return (
    <section class="sv-alerts" aria-label={t('supervisor.alerts.title')} aria-live="polite">
      {alerts.length === 0 ? (
        <p class="sv-alert-ok">{t('supervisor.alerts.none')}</p>
      ) : (
        <ul>
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
