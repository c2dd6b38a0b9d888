// How the scripts are used: steps shown per script, playbook situations
// opened, use by queue and by operator, and how the calls ended — for a
// period, a queue and an operator.
import { useEffect, useState } from 'preact/hooks';
import { api, query } from '../core/api';
import { isoDate, number } from '../core/format';
import { lang, t } from '../core/i18n';
import { Empty, ErrorNote, Field, Panel } from '../core/ui';
import { byAgent, byQueue, complete, outcomeGroups, period, situationBars, stepGroups, type Bar, type Pivot } from './analytics';
import { scripts, tenant, tenantQueues } from './data';
import { situations } from './listing';
import type { Analytics } from './types';

interface Agent {
  agent: number;
  name: string;
}

export default function AnalyticsView() {
  const today = isoDate(new Date());
  const [from, setFrom] = useState(isoDate(new Date(), -6));
  const [to, setTo] = useState(today);
  const [queue, setQueue] = useState('');
  const [agent, setAgent] = useState('');
  const [training, setTraining] = useState(false);
  const [data, setData] = useState<Analytics | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [agents, setAgents] = useState<Agent[]>([]);

  useEffect(() => {
    // Operators by name for the filter (roles without the live view pick from the answer).
    api
      .get<{ agents: Agent[] }>('/api/realtime')
      .then((r) => setAgents((r.agents ?? []).filter((a) => a.name).sort((a, b) => a.name.localeCompare(b.name))))
      .catch(() => undefined);
  }, []);

  useEffect(() => {
    const p = period(from, to);
    let live = true;
    setBusy(true);
    setError(null);
    api
      .get<Partial<Analytics>>(`/api/scripts/analytics${query({ tenant_id: tenant.value, from: p.from, to: p.to, queue_id: queue, agent_id: agent, training: training ? 'true' : undefined })}`)
      .then((answer) => live && setData(complete(answer)))
      .catch((e) => live && setError(e))
      .finally(() => live && setBusy(false));
    return () => {
      live = false;
    };
  }, [from, to, queue, agent, training]);

  const agentOptions = agents.length
    ? agents
    : (data?.by_agent ?? []).reduce<Agent[]>((list, r) => (list.some((a) => a.agent === r.agent_id) ? list : [...list, { agent: r.agent_id, name: r.agent_name }]), []);

  return (
    <div class="sc-analytics" data-testid="analytics" aria-busy={busy}>
      <form class="sc-filters" onSubmit={(e) => e.preventDefault()} aria-label={t('scripts.analytics.filters')}>
        <Field label={t('scripts.analytics.from')}>
          <input type="date" value={from} max={today} onChange={(e) => setFrom((e.target as HTMLInputElement).value)} />
        </Field>
        <Field label={t('scripts.analytics.to')}>
          <input type="date" value={to} max={today} onChange={(e) => setTo((e.target as HTMLInputElement).value)} />
        </Field>
        <Field label={t('scripts.analytics.queue')}>
          <select value={queue} onChange={(e) => setQueue((e.target as HTMLSelectElement).value)}>
            <option value="">{t('scripts.analytics.all_queues')}</option>
            {tenantQueues().map((q) => (
              <option value={String(q.id)}>{q.name}</option>
            ))}
          </select>
        </Field>
        <Field label={t('scripts.analytics.operator')}>
          <select value={agent} onChange={(e) => setAgent((e.target as HTMLSelectElement).value)}>
            <option value="">{t('scripts.analytics.all_operators')}</option>
            {agentOptions.map((a) => (
              <option value={String(a.agent)}>{a.name}</option>
            ))}
          </select>
        </Field>
        <label class="sc-check">
          <input type="checkbox" checked={training} onChange={(e) => setTraining((e.target as HTMLInputElement).checked)} />
          {t('scripts.analytics.training')}
        </label>
        {busy ? <span class="muted sc-busy">{t('scripts.loading')}</span> : null}
      </form>
      <ErrorNote error={error} />
      {data ? (
        <div class="sc-analytics-grid">
          <Panel title={t('scripts.analytics.steps')} class="sc-a-steps">
            <div data-testid="analytics-steps">
              {stepGroups(data).map((g) => (
                <BarTable caption={`${g.code} · ${t('scripts.analytics.total', { n: g.total })}`} head={[t('scripts.analytics.step'), t('scripts.analytics.uses')]} bars={g.bars} showSub />
              ))}
              {!data.steps.length ? <Empty>{t('scripts.analytics.nothing')}</Empty> : null}
            </div>
          </Panel>
          <div class="sc-a-side">
            <Panel title={t('scripts.analytics.situations')}>
              <div data-testid="analytics-situations">
                {data.situations.length ? (
                  <BarTable head={[t('scripts.analytics.situation'), t('scripts.analytics.opened')]} bars={localNames(situationBars(data))} showSub />
                ) : (
                  <Empty>{t('scripts.analytics.nothing')}</Empty>
                )}
              </div>
            </Panel>
            <Panel title={t('scripts.analytics.outcomes')}>
              <div data-testid="analytics-outcomes">
                {outcomeGroups(data).map((g) => (
                  <BarTable caption={`${g.code} · ${t('scripts.analytics.total', { n: g.total })}`} head={[t('scripts.analytics.outcome'), t('scripts.analytics.calls')]} bars={g.bars} />
                ))}
                {!data.outcomes.length ? <Empty>{t('scripts.analytics.nothing')}</Empty> : null}
              </div>
            </Panel>
          </div>
          <Panel title={t('scripts.analytics.by_queue')}>
            <PivotTable pivot={byQueue(data)} who={t('scripts.analytics.queue')} testid="analytics-queues" />
          </Panel>
          <Panel title={t('scripts.analytics.by_operator')}>
            <PivotTable pivot={byAgent(data)} who={t('scripts.analytics.operator')} testid="analytics-operators" />
          </Panel>
        </div>
      ) : null}
    </div>
  );
}

// Situations named in the language on screen when the list knows them.
function localNames(bars: Bar[]): Bar[] {
  const names = new Map(situations(scripts.value, lang.value).map((x) => [x.code, x.name]));
  return bars.map((b) => ({ ...b, sub: names.get(b.label) ?? b.sub }));
}

function BarTable({ caption, head, bars, showSub }: { caption?: string; head: [string, string]; bars: Bar[]; showSub?: boolean }) {
  return (
    <table class="grid sc-bars">
      {caption ? <caption>{caption}</caption> : null}
      <thead>
        <tr>
          <th scope="col">{head[0]}</th>
          <th scope="col" class="num">
            {head[1]}
          </th>
          <th scope="col" class="sc-bar-col">
            <span class="sr-only">{t('scripts.analytics.share')}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {bars.map((b) => (
          <tr>
            <td>
              <span class="sc-bar-label">{b.label}</span>
              {showSub && b.sub ? <span class="muted"> · {b.sub in KIND_KEYS ? t(KIND_KEYS[b.sub]) : b.sub}</span> : null}
            </td>
            <td class="num">{number(b.value, lang.value)}</td>
            <td class="sc-bar-col" aria-hidden="true">
              <span class="sc-bar" style={{ width: `${Math.max(2, Math.round(b.share * 100))}%` }} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const KIND_KEYS: Record<string, string> = {
  say: 'scripts.stepkind.say',
  ask: 'scripts.stepkind.ask',
  collect: 'scripts.stepkind.collect',
  action: 'scripts.stepkind.action',
  jump: 'scripts.stepkind.jump',
};

function PivotTable({ pivot, who, testid }: { pivot: Pivot; who: string; testid: string }) {
  if (!pivot.rows.length) return <Empty>{t('scripts.analytics.nothing')}</Empty>;
  return (
    <div class="sc-pivot-wrap">
      <table class="grid sc-pivot" data-testid={testid}>
        <thead>
          <tr>
            <th scope="col">{who}</th>
            {pivot.columns.map((c) => (
              <th scope="col" class="num">
                {c}
              </th>
            ))}
            <th scope="col" class="num">
              {t('scripts.analytics.all')}
            </th>
          </tr>
        </thead>
        <tbody>
          {pivot.rows.map((r) => (
            <tr>
              <th scope="row">{r.name}</th>
              {r.cells.map((n) => (
                <td class="num">{n ? number(n, lang.value) : <span class="muted">·</span>}</td>
              ))}
              <td class="num sc-strong">{number(r.total, lang.value)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('scripts.analytics.all')}</th>
            {pivot.totals.map((n) => (
              <td class="num">{number(n, lang.value)}</td>
            ))}
            <td class="num sc-strong">{number(pivot.total, lang.value)}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
