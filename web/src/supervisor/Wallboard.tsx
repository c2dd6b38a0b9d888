// The supervisor's wallboard: alerts first, agents by state, every queue's
// live figures, today's calls by interval, and the agent grid with filters
// and the actions that change an agent's state. Live from the WebSocket.
import { useMemo, useState } from 'preact/hooks';
import { duration, time } from '../core/format';
import { lang, t } from '../core/i18n';
import { me } from '../core/session';
import { ErrorNote, Panel } from '../core/ui';
import { connected } from '../core/ws';
import { AgentFilters } from './AgentFilters';
import { AgentGrid, type ExtraColumn, type ForcedDesk } from './AgentGrid';
import { alertedQueues, alertsFor } from './alerts';
import { Alerts } from './Alerts';
import { filterAgents, filterScope, membership, sortAgents, stateCounts, teamOf } from './grid';
import { IntervalCharts } from './IntervalCharts';
import { useDirectory, useLivePicture, useNow, usePolled, useQueueSettings } from './live';
import { useGridPrefs } from './prefs';
import { QueueTable } from './QueueTable';
import { applyAgentState, type Picture } from './realtime';
import { StateCounts } from './StateCounts';
import type { AgentRow, Intervals } from './types';

// Shows the server's answer to a forced change at once; the WebSocket confirms it.
export function forcedInto(p: Picture | null, desk: ForcedDesk | undefined): Picture | null {
  if (!desk?.state) return p;
  return applyAgentState(p, { agent: desk.agent, state: desk.state, reason: desk.reason, since: desk.since });
}

export const FORCING_ROLES = ['supervisor', 'admin', 'team_lead'];

export function calmColumns(): ExtraColumn[] {
  return [
    { key: 'calls', header: t('supervisor.col.calls'), num: true, cell: (r: AgentRow) => r.calls ?? 0 },
    { key: 'aht', header: t('supervisor.col.aht'), num: true, cell: (r: AgentRow) => (r.aht_ms ? duration(r.aht_ms) : '—') },
  ];
}

export default function Wallboard() {
  const { picture, error, update } = useLivePicture();
  const now = useNow();
  const settings = useQueueSettings();
  const { directory } = useDirectory();
  const [prefs, setPrefs] = useGridPrefs('cc.wallboard.grid');
  const [minutes, setMinutes] = useState(30);
  const intervals = usePolled<Intervals>(`/api/wallboard/intervals?minutes=${minutes}`, 60_000);

  const user = me.value!;
  const canForce = FORCING_ROLES.includes(user.role);
  const filter = prefs.filter;

  const alerts = useMemo(() => (picture ? alertsFor(picture, settings, now) : []), [picture, settings, now]);
  const rows = useMemo(() => Object.values(picture?.agents ?? {}), [picture]);
  const queues = useMemo(() => membership(directory), [directory]);
  const teamIds = useMemo(() => {
    const ids = new Set<number>();
    for (const team of directory?.teams ?? []) ids.add(team.id);
    for (const r of rows) if (r.team !== null && r.team !== undefined) ids.add(r.team);
    return [...ids].sort((a, b) => a - b);
  }, [directory, rows]);

  if (!picture) {
    return (
      <div class="wallboard">
        <h1 class="sv-sr-only">{t('supervisor.title')}</h1>
        {error ? <ErrorNote error={error} /> : <p class="empty">{t('supervisor.loading')}</p>}
      </div>
    );
  }

  const scope = filterScope(rows, filter, queues, directory);
  const shown = sortAgents(filterAgents(rows, filter, queues, directory), prefs.sort, now, picture.skewMs);
  const counts = stateCounts(scope);
  const teamName = (r: AgentRow) => {
    const id = teamOf(r, directory);
    if (id === null) return t('supervisor.team.none');
    return directory?.teams.find((x) => x.id === id)?.name ?? t('supervisor.team.unknown', { id });
  };
  const selectedQueue = picture.queues.find((q) => q.id === filter.queue) ?? null;

  return (
    <div class="wallboard">
      <h1 class="sv-sr-only">{t('supervisor.title')}</h1>
      {!connected.value ? <p class="notice">{t('supervisor.stale', { time: time(picture.at, lang.value) })}</p> : null}
      {error ? <ErrorNote error={error} /> : null}
      <div class="sv-top">
        <Alerts alerts={alerts} />
        <StateCounts counts={counts} active={filter.state} onToggle={(state) => setPrefs({ filter: { ...filter, state } })} />
      </div>
      <div class="sv-main">
        <div class="sv-left">
          <Panel title={t('supervisor.queues.title')} class="sv-queues">
            <QueueTable
              picture={picture}
              now={now}
              alerted={alertedQueues(alerts)}
              selected={filter.queue}
              onSelect={directory ? (queue) => setPrefs({ filter: { ...filter, queue } }) : undefined}
            />
          </Panel>
          <Panel
            title={t('supervisor.grid.title')}
            class="sv-agents"
            actions={<span class="muted small" data-testid="agent-count">{t('supervisor.grid.count', { shown: shown.length, total: rows.length })}</span>}
          >
            <AgentFilters
              filter={filter}
              onFilter={(f) => setPrefs({ filter: f })}
              sort={prefs.sort}
              onSort={(sort) => setPrefs({ sort })}
              directory={directory}
              queues={picture.queues}
              teamIds={teamIds}
              reason={prefs.reason}
              onReason={(reason) => setPrefs({ reason })}
              showReason={canForce}
            />
            <AgentGrid
              rows={shown}
              now={now}
              skewMs={picture.skewMs}
              teamName={teamName}
              columns={calmColumns()}
              canForce={canForce}
              reason={prefs.reason}
              onForced={(desk) => update((p) => forcedInto(p, desk))}
            />
          </Panel>
        </div>
        <Panel
          title={t('supervisor.charts.title')}
          class="sv-right"
          actions={
            <label class="sv-inline-field">
              <span>{t('supervisor.charts.interval')}</span>
              <select name="interval-minutes" value={String(minutes)} onChange={(e) => setMinutes(Number(e.currentTarget.value))}>
                {[15, 30, 60].map((m) => (
                  <option value={String(m)} key={m}>
                    {t('supervisor.charts.minutes', { n: m })}
                  </option>
                ))}
              </select>
            </label>
          }
        >
          <IntervalCharts data={intervals.data} error={intervals.error} queue={filter.queue} queueName={selectedQueue?.name ?? null} />
        </Panel>
      </div>
    </div>
  );
}
