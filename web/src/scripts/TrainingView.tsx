// Practice calls (S-17): a simulated caller plays a playbook situation to a
// ready operator. Team leads, supervisors and admins start one here; the
// list shows how each went — the steps the operator took and the outcome.
import { useEffect, useState } from 'preact/hooks';
import { api, query } from '../core/api';
import { dateTime } from '../core/format';
import { lang, t } from '../core/i18n';
import { me } from '../core/session';
import { Badge, Button, Empty, ErrorNote, Field, Panel } from '../core/ui';
import { mayTrain, scripts, tenant } from './data';
import { situations } from './listing';
import { send } from './request';
import { actionNames, orderAgents, sortCalls, type LiveAgent } from './training';
import { ACTION_KINDS, type Language, type TrainingCall } from './types';

const REFRESH_MS = 10_000;
const ACTION_KEYS = new Set<string>(ACTION_KINDS);

export default function TrainingView() {
  const [calls, setCalls] = useState<TrainingCall[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [open, setOpen] = useState<number | null>(null);
  const train = mayTrain(me.value!.role);

  const load = () =>
    api
      .get<TrainingCall[]>(`/api/training/calls${query({ tenant_id: tenant.value })}`)
      .then((list) => {
        setCalls(list);
        setError(null);
      })
      .catch(setError);

  useEffect(() => {
    void load();
    const timer = setInterval(() => void load(), REFRESH_MS);
    return () => clearInterval(timer);
  }, []);

  const names = new Map(situations(scripts.value, lang.value).map((s) => [s.code, s.name]));
  const rows = sortCalls(calls ?? []);
  return (
    <div class="sc-training">
      {train ? <StartForm onStarted={() => void load()} /> : null}
      <Panel
        title={t('scripts.training.list')}
        actions={
          <Button class="sc-small" onClick={() => void load()}>
            {t('scripts.refresh')}
          </Button>
        }
      >
        <ErrorNote error={error} />
        {calls && !rows.length ? <Empty>{t('scripts.training.none')}</Empty> : null}
        {rows.length ? (
          <table class="grid sc-training-table" data-testid="training-list">
            <thead>
              <tr>
                <th scope="col">{t('scripts.training.when')}</th>
                <th scope="col">{t('scripts.training.operator')}</th>
                <th scope="col">{t('scripts.training.situation')}</th>
                <th scope="col">{t('scripts.training.state')}</th>
                <th scope="col">{t('scripts.training.outcome')}</th>
                <th scope="col" class="num">{t('scripts.training.steps')}</th>
                <th scope="col">{t('scripts.training.path')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((c) => (
                <tr data-testid="training-row" data-call={String(c.call)} data-ended={String(c.ended)}>
                  <td class="sc-nowrap">{dateTime(c.started_at, lang.value)}</td>
                  <td>{c.agent_name}</td>
                  <td>
                    <strong>{c.situation}</strong>
                    {names.get(c.situation) ? <span class="muted"> · {names.get(c.situation)}</span> : null}
                  </td>
                  <td>{c.ended ? <Badge>{t('scripts.training.ended')}</Badge> : <Badge tone="on-call">{t('scripts.training.in_progress')}</Badge>}</td>
                  <td>{c.outcome ? <Badge tone={c.outcome === 'abusive' ? 'warn' : 'ok'}>{c.outcome}</Badge> : <span class="muted">—</span>}</td>
                  <td class="num">{c.steps}</td>
                  <td>
                    {c.path.length > 6 && open !== c.call ? (
                      <span class="sc-path-inline">
                        {c.path.slice(0, 5).join(' → ')} →{' '}
                        <button type="button" class="sc-link" onClick={() => setOpen(c.call)} aria-label={t('scripts.training.show_path')}>
                          {t('scripts.training.more', { n: c.path.length - 5 })}
                        </button>
                      </span>
                    ) : (
                      <span class="sc-path-inline">{c.path.join(' → ') || '—'}</span>
                    )}
                    {actionNames(c).length ? (
                      <span class="sc-actions">
                        {actionNames(c).map((a) => (
                          <Badge>{ACTION_KEYS.has(a) ? t(`scripts.action.${a}`) : a}</Badge>
                        ))}
                      </span>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </Panel>
    </div>
  );
}

function StartForm({ onStarted }: { onStarted: () => void }) {
  const [agents, setAgents] = useState<LiveAgent[]>([]);
  const [agentsError, setAgentsError] = useState<unknown>(null);
  const [agent, setAgent] = useState('');
  const [situation, setSituation] = useState('');
  const [language, setLanguage] = useState<Language>(lang.value);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [started, setStarted] = useState<string>('');
  const list = situations(scripts.value, lang.value);

  const loadAgents = () =>
    api
      .get<{ agents: LiveAgent[] }>('/api/realtime')
      .then((r) => {
        setAgents(orderAgents(r.agents ?? []));
        setAgentsError(null);
      })
      .catch(setAgentsError);

  useEffect(() => {
    void loadAgents();
  }, []);

  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    setStarted('');
    if (!agent || !situation) {
      setError(new Error(t('scripts.training.choose_both')));
      return;
    }
    setBusy(true);
    const answer = await send('POST', '/api/training/calls', { agent_id: Number(agent), situation, language });
    setBusy(false);
    if (!answer.ok) {
      setError(answer.error);
      void loadAgents();
      return;
    }
    const call = (answer.body as { call?: number } | null)?.call;
    const who = agents.find((a) => String(a.agent) === agent)?.name ?? agent;
    setStarted(t('scripts.training.started', { who, situation, call: call ?? '?' }));
    onStarted();
    void loadAgents();
  };

  return (
    <Panel title={t('scripts.training.start_title')}>
      <form class="sc-train-form" onSubmit={submit}>
        <Field label={t('scripts.training.operator')}>
          <select name="agent" value={agent} onChange={(e) => setAgent((e.target as HTMLSelectElement).value)} onFocus={() => void loadAgents()}>
            <option value="">{t('scripts.field.choose')}</option>
            {agents.map((a) => (
              <option value={String(a.agent)}>
                {a.name} — {t(`scripts.state.${a.state}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('scripts.training.situation')} class="sc-grow">
          <select name="situation" value={situation} onChange={(e) => setSituation((e.target as HTMLSelectElement).value)}>
            <option value="">{t('scripts.field.choose')}</option>
            {list.map((s) => (
              <option value={s.code}>
                {s.code} — {s.name}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('scripts.list.language')}>
          <select name="language" value={language} onChange={(e) => setLanguage((e.target as HTMLSelectElement).value as Language)}>
            <option value="ru">RU</option>
            <option value="en">EN</option>
          </select>
        </Field>
        <Button kind="primary" type="submit" data-testid="training-start" disabled={busy} class="sc-train-go">
          {busy ? t('scripts.training.starting') : t('scripts.training.start')}
        </Button>
      </form>
      <p class="muted small sc-train-hint">{t('scripts.training.ready_hint')}</p>
      <ErrorNote error={agentsError} />
      <ErrorNote error={error} />
      {started ? (
        <p class="notice" role="status">
          {started}
        </p>
      ) : null}
    </Panel>
  );
}
