// Per queue: who waits and how long, today's counters, service level against
// its target, and the queue's agents ready and busy. A queue with an alert is
// marked; clicking a row (or Enter on it) chooses that queue for the filters.
import { duration, number, percent } from '../core/format';
import { lang, t } from '../core/i18n';
import { longestWaitNow, type Picture } from './realtime';
import type { QueueRow } from './types';

function staff(q: QueueRow): { ready: number; busy: number } {
  const a = q.agents ?? {};
  return {
    ready: a.ready ?? 0,
    busy: (a.reserved ?? 0) + (a['on-call'] ?? 0) + (a['on-hold'] ?? 0) + (a['wrap-up'] ?? 0),
  };
}

export function QueueTable({ picture, now, alerted, selected, onSelect }: {
  picture: Picture;
  now: number;
  alerted: Set<number>;
  selected: number | null;
  onSelect?: (queue: number | null) => void;
}) {
  const l = lang.value;
  if (picture.queues.length === 0) return <p class="empty">{t('supervisor.queues.empty')}</p>;
  return (
    <table class="grid sv-queue-table">
      <thead>
        <tr>
          <th scope="col">{t('supervisor.col.queue')}</th>
          <th scope="col" class="num">{t('supervisor.col.waiting')}</th>
          <th scope="col" class="num">{t('supervisor.col.longest')}</th>
          <th scope="col" class="num">{t('supervisor.col.offered')}</th>
          <th scope="col" class="num">{t('supervisor.col.answered')}</th>
          <th scope="col" class="num">{t('supervisor.col.abandoned')}</th>
          <th scope="col" class="num">{t('supervisor.col.sl')}</th>
          <th scope="col" class="num">{t('supervisor.col.staff')}</th>
        </tr>
      </thead>
      <tbody>
        {picture.queues.map((q) => {
          const { ready, busy } = staff(q);
          const low = q.service_level !== null && q.service_level < q.sl_target_percent;
          const waitMs = longestWaitNow(q, picture, now);
          const isSelected = selected === q.id;
          return (
            <tr
              key={q.id}
              data-testid="queue-row"
              data-queue-id={q.id}
              class={`${onSelect ? 'clickable' : ''} ${isSelected ? 'selected' : ''} ${alerted.has(q.id) ? 'alerted' : ''}`}
              onClick={onSelect ? () => onSelect(isSelected ? null : q.id) : undefined}
            >
              <th scope="row" class="sv-queue-name">
                {onSelect ? (
                  <button type="button" class="sv-link" aria-pressed={isSelected} onClick={(e) => { e.stopPropagation(); onSelect(isSelected ? null : q.id); }}>
                    {q.name}
                  </button>
                ) : (
                  q.name
                )}
              </th>
              <td class={`num big ${q.waiting > 0 ? 'hot' : ''}`} data-testid="q-waiting">{q.waiting}</td>
              <td class={`num ${alerted.has(q.id) && q.waiting > 0 ? 'sv-bad' : ''}`} data-testid="q-longest">{duration(waitMs)}</td>
              <td class="num" data-testid="q-offered">{q.offered}</td>
              <td class="num" data-testid="q-answered">{q.answered}</td>
              <td class="num" data-testid="q-abandoned">{q.abandoned}</td>
              <td class="num sl-cell" title={t('supervisor.sl.title', { seconds: Math.round(q.sl_threshold_ms / 1000) })}>
                <span data-testid="q-sl" class={low ? 'sv-bad' : q.service_level !== null ? 'sv-ok' : ''}>
                  {q.service_level === null ? '—' : percent(q.service_level / 100, l)}
                </span>
                <span class="muted small"> {t('supervisor.sl.target', { target: number(q.sl_target_percent, l) })}</span>
              </td>
              <td class="num">
                {ready} / {busy}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
