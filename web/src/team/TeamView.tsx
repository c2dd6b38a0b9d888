// The team lead's view: their team's live grid (the wallboard's grid, scoped
// by the server to the team) with today's figures per operator — calls, AHT,
// orders, cases, time not ready — the queues now, and the alerts.
import { useEffect, useMemo, useState } from 'preact/hooks';
import { duration, time } from '../core/format';
import { lang, t } from '../core/i18n';
import { me } from '../core/session';
import { Button, ErrorNote, Panel, errorText } from '../core/ui';
import { connected } from '../core/ws';
import { AgentFilters } from '../supervisor/AgentFilters';
import { AgentGrid, type ExtraColumn } from '../supervisor/AgentGrid';
import { alertedQueues, alertsFor } from '../supervisor/alerts';
import { Alerts } from '../supervisor/Alerts';
import { filterAgents, filterScope, membership, sortAgents, stateCounts } from '../supervisor/grid';
import { useDirectory, useLivePicture, useNow, usePolled, useQueueSettings } from '../supervisor/live';
import { useGridPrefs } from '../supervisor/prefs';
import { QueueTable } from '../supervisor/QueueTable';
import { StateCounts } from '../supervisor/StateCounts';
import type { AgentRow } from '../supervisor/types';
import { FORCING_ROLES, forcedInto } from '../supervisor/Wallboard';
import { byAgent, notReadyNow, teamTotals, type OperatorsAnswer } from './figures';

export default function TeamView() {
  const { picture, error, update } = useLivePicture();
  const now = useNow();
  const settings = useQueueSettings();
  const { directory } = useDirectory();
  const [prefs, setPrefs] = useGridPrefs('cc.team.grid');
  const operators = usePolled<OperatorsAnswer>('/api/wallboard/operators', 30_000);
  const [fetchedAt, setFetchedAt] = useState(Date.now());
  useEffect(() => setFetchedAt(Date.now()), [operators.data]);

  const user = me.value!;
  const canForce = FORCING_ROLES.includes(user.role);
  const filter = prefs.filter;
  const rows = useMemo(() => Object.values(picture?.agents ?? {}), [picture]);
  const queues = useMemo(() => membership(directory), [directory]);
  const figures = useMemo(() => byAgent(operators.data), [operators.data]);
  const alerts = useMemo(() => (picture ? alertsFor(picture, settings, now) : []), [picture, settings, now]);
  const teams = directory?.teams ?? [];
  const ledTeam = teams.find((x) => user.led_teams.includes(x.id)) ?? (teams.length === 1 ? teams[0] : null);
  const heading = ledTeam ? t('team.titleNamed', { name: ledTeam.name }) : t('team.title');

  if (!picture) {
    return (
      <div class="team-view">
        <h1>{heading}</h1>
        {error ? <ErrorNote error={error} /> : <p class="empty">{t('team.loading')}</p>}
      </div>
    );
  }

  const skew = picture.skewMs;
  const notReady = (r: AgentRow) => notReadyNow(figures?.get(r.agent), r, fetchedAt, now, skew);
  const scope = filterScope(rows, filter, queues, directory);
  const shown = sortAgents(filterAgents(rows, filter, queues, directory), prefs.sort, now, skew);
  const totals = teamTotals(scope, figures, notReady);
  const dash = (v: number | null | undefined) => (v === null || v === undefined ? '—' : String(v));
  const columns: ExtraColumn[] = [
    { key: 'calls', header: t('team.col.calls'), num: true, cell: (r) => <span data-testid="fig-calls">{r.calls ?? 0}</span> },
    { key: 'aht', header: t('team.col.aht'), num: true, cell: (r) => <span data-testid="fig-aht">{r.aht_ms ? duration(r.aht_ms) : '—'}</span> },
    { key: 'orders', header: t('team.col.orders'), num: true, cell: (r) => <span data-testid="fig-orders">{dash(figures?.get(r.agent)?.orders)}</span> },
    { key: 'cases', header: t('team.col.cases'), num: true, cell: (r) => <span data-testid="fig-cases">{dash(figures?.get(r.agent)?.cases)}</span> },
    {
      key: 'not-ready',
      header: t('team.col.notReady'),
      num: true,
      cell: (r) => {
        const ms = notReady(r);
        return <span data-testid="fig-not-ready">{ms === null ? '—' : duration(ms)}</span>;
      },
    },
  ];
  const teamIds = [...new Set([...teams.map((x) => x.id), ...rows.map((r) => r.team).filter((x): x is number => x !== null)])].sort((a, b) => a - b);

  return (
    <div class="team-view">
      <h1>{heading}</h1>
      {!connected.value ? <p class="notice">{t('supervisor.stale', { time: time(picture.at, lang.value) })}</p> : null}
      {error ? <ErrorNote error={error} /> : null}
      <div class="sv-top">
        <Alerts alerts={alerts} />
        <StateCounts counts={stateCounts(scope)} active={filter.state} onToggle={(state) => setPrefs({ filter: { ...filter, state } })} />
      </div>
      <Panel
        title={t('team.grid')}
        actions={
          <Button class="sv-btn-small" onClick={operators.refresh}>
            {t('team.refresh')}
          </Button>
        }
      >
        <AgentFilters
          filter={filter}
          onFilter={(f) => setPrefs({ filter: f })}
          sort={prefs.sort}
          onSort={(sort) => setPrefs({ sort })}
          directory={directory}
          queues={picture.queues}
          teamIds={teamIds}
          showTeam={teamIds.length > 1}
          reason={prefs.reason}
          onReason={(reason) => setPrefs({ reason })}
          showReason={canForce}
        />
        <AgentGrid
          rows={shown}
          now={now}
          skewMs={skew}
          columns={columns}
          rowTestId="team-row"
          canForce={canForce}
          reason={prefs.reason}
          onForced={(desk) => update((p) => forcedInto(p, desk))}
          empty={rows.length === 0 ? t('team.empty') : undefined}
        />
        <p class="team-totals" data-testid="team-totals">
          <strong>{t('team.totals')}:</strong>{' '}
          {t('team.totals.line', {
            calls: totals.calls,
            aht: totals.ahtMs === null ? '—' : duration(totals.ahtMs),
            orders: dash(totals.orders),
            cases: dash(totals.cases),
            notReady: totals.notReadyMs === null ? '—' : duration(totals.notReadyMs),
          })}
        </p>
        {operators.error ? (
          <p class="error-note" role="alert">
            {t('team.figures.unavailable', { detail: errorText(operators.error) })}
          </p>
        ) : operators.data ? (
          <p class="muted small">{t('team.figures.asOf', { time: time(new Date(fetchedAt).toISOString(), lang.value) })}</p>
        ) : null}
      </Panel>
      <Panel title={t('team.queues')}>
        <QueueTable picture={picture} now={now} alerted={alertedQueues(alerts)} selected={filter.queue} onSelect={directory ? (queue) => setPrefs({ filter: { ...filter, queue } }) : undefined} />
      </Panel>
    </div>
  );
}
