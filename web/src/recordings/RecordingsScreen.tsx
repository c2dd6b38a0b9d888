// Call recordings (docs/recordings.md): the list the server lets the user
// read — every recording of their companies for supervisors, QA, admins and
// directors; their own calls' (and their teams') for operators and team
// leads — narrowed by agent, call and days, newest first. A recording the
// user may listen to has a player (the browser asks for byte ranges as it
// plays) and a download; the server audits both.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../core/api';
import { dateTime } from '../core/format';
import { lang, t } from '../core/i18n';
import { me } from '../core/session';
import { Badge, Button, ErrorNote, Panel } from '../core/ui';
import {
  EVERY_AGENT,
  downloadUrl,
  emptyFilter,
  filterProblem,
  listening,
  recordingsQuery,
  seconds,
  type RecordingFilter,
} from './logic';
import type { Recording } from './types';

const LIMIT = 200;

type Names = Record<number, string>;

// Names of queues and agents where the role may read them; ids otherwise.
function useNames() {
  const [queues, setQueues] = useState<Names>({});
  const [agents, setAgents] = useState<Names>({});
  useEffect(() => {
    const user = me.value!;
    setAgents((a) => ({ ...a, [user.id]: user.name || user.login }));
    const add = (set: (f: (n: Names) => Names) => void, list: { id: number; name: string }[]) =>
      set((n) => {
        const out = { ...n };
        for (const x of list) if (x.name) out[x.id] = x.name;
        return out;
      });
    api.get<{ id: number; name: string }[]>('/api/queues').then((l) => add(setQueues, l), () => undefined);
    if (user.role !== 'operator' && user.role !== 'qa') {
      api
        .get<{ agents?: { agent?: number; name?: string }[]; queues?: { id: number; name: string }[] }>('/api/realtime')
        .then((rt) => {
          add(setAgents, (rt.agents ?? []).filter((a) => a.agent !== undefined).map((a) => ({ id: a.agent!, name: a.name ?? '' })));
          add(setQueues, rt.queues ?? []);
        }, () => undefined);
    }
    if (user.role === 'admin' || user.role === 'director') {
      api
        .get<{ id: number; name: string; login: string }[]>('/api/users')
        .then((l) => add(setAgents, l.map((u) => ({ id: u.id, name: u.name || u.login }))), () => undefined);
    }
  }, []);
  return { queues, agents };
}

export default function RecordingsScreen() {
  const user = me.value!;
  const { queues, agents } = useNames();
  const [filter, setFilter] = useState<RecordingFilter>(emptyFilter);
  const [check, setCheck] = useState<string | null>(null);
  const [list, setList] = useState<Recording[] | null>(null);
  const [applied, setApplied] = useState<RecordingFilter>(emptyFilter); // what the list shows
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const byAgent = EVERY_AGENT.includes(user.role) || user.led_teams.length > 0;

  const load = async (f: RecordingFilter) => {
    const problem = filterProblem(f);
    setCheck(problem);
    if (problem) return;
    setBusy(true);
    setError(null);
    try {
      const answer = await api.get<{ recordings: Recording[] }>(`/api/recordings${recordingsQuery(f, LIMIT)}`);
      setList(answer.recordings ?? []);
      setApplied(f);
    } catch (e) {
      setError(e);
      setList(null);
    } finally {
      setBusy(false);
    }
  };

  useEffect(() => {
    void load(emptyFilter);
  }, []);

  const set = (change: Partial<RecordingFilter>) => setFilter((f) => ({ ...f, ...change }));
  const narrowed = (f: RecordingFilter) => f.agent !== '' || f.call !== '' || f.from !== '' || f.to !== '';
  const changed = narrowed(filter) || narrowed(applied);
  const agentName = (id: number) => agents[id] ?? t('recordings.agentId', { id });
  const queueName = (id: number) => queues[id] ?? `#${id}`;
  const knownAgents = Object.entries(agents)
    .map(([id, name]) => ({ id: Number(id), name }))
    .sort((a, b) => a.name.localeCompare(b.name, lang.value));

  return (
    <div class="recordings" data-testid="recordings">
      <h1>{t('recordings.title')}</h1>
      <p class="muted rec-intro">{t(`recordings.scope.${EVERY_AGENT.includes(user.role) ? 'all' : byAgent ? 'team' : 'own'}`)}</p>
      <Panel>
        <form
          class="rec-filters"
          role="search"
          aria-label={t('recordings.filters')}
          data-testid="recordings-filters"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void load(filter);
          }}
        >
          {byAgent ? (
            knownAgents.length > 1 ? (
              <label class="field">
                <span class="field-label">{t('recordings.filter.agent')}</span>
                <select name="agent" value={filter.agent} onChange={(e) => set({ agent: e.currentTarget.value })}>
                  <option value="">{t('recordings.filter.anyAgent')}</option>
                  {knownAgents.map((a) => (
                    <option value={String(a.id)}>{a.name}</option>
                  ))}
                </select>
              </label>
            ) : (
              <label class="field">
                <span class="field-label">{t('recordings.filter.agentId')}</span>
                <input name="agent" inputMode="numeric" autoComplete="off" value={filter.agent} onInput={(e) => set({ agent: e.currentTarget.value })} />
              </label>
            )
          ) : null}
          <label class="field">
            <span class="field-label">{t('recordings.filter.call')}</span>
            <input name="call" inputMode="numeric" autoComplete="off" value={filter.call} onInput={(e) => set({ call: e.currentTarget.value })} />
          </label>
          <label class="field">
            <span class="field-label">{t('recordings.filter.from')}</span>
            <input type="date" name="from" value={filter.from} max={filter.to || undefined} onInput={(e) => set({ from: e.currentTarget.value })} />
          </label>
          <label class="field">
            <span class="field-label">{t('recordings.filter.to')}</span>
            <input type="date" name="to" value={filter.to} min={filter.from || undefined} onInput={(e) => set({ to: e.currentTarget.value })} />
          </label>
          <div class="rec-filter-actions">
            <Button kind="primary" type="submit" disabled={busy} data-testid="recordings-show">
              {busy ? t('recordings.loading') : t('recordings.show')}
            </Button>
            {changed ? (
              <Button
                onClick={() => {
                  setFilter(emptyFilter);
                  void load(emptyFilter);
                }}
              >
                {t('recordings.reset')}
              </Button>
            ) : null}
          </div>
        </form>
        {check ? (
          <p class="error-note" role="alert" data-testid="recordings-check">
            {t(check)}
          </p>
        ) : null}
        <div data-testid="recordings-error">
          <ErrorNote error={error} />
        </div>
        {list === null ? (
          busy ? <p class="empty">{t('recordings.loading')}</p> : null
        ) : list.length === 0 ? (
          <p class="empty" data-testid="recordings-empty" data-filtered={String(narrowed(applied))}>
            {narrowed(applied) ? t('recordings.emptyFiltered') : t('recordings.empty')}
          </p>
        ) : (
          <>
            <p class="muted rec-count" data-testid="recordings-count">
              {list.length >= LIMIT ? t('recordings.limited', { n: list.length }) : t('recordings.count', { n: list.length })}
            </p>
            <div class="rec-table-wrap">
              <table class="grid rec-table">
                <thead>
                  <tr>
                    <th>{t('recordings.col.started')}</th>
                    <th>{t('recordings.col.queue')}</th>
                    <th>{t('recordings.col.agent')}</th>
                    <th class="num">{t('recordings.col.call')}</th>
                    <th class="num">{t('recordings.col.duration')}</th>
                    <th class="num">{t('recordings.col.pauses')}</th>
                    <th>{t('recordings.col.state')}</th>
                    <th>{t('recordings.col.listen')}</th>
                  </tr>
                </thead>
                <tbody>
                  {list.map((rec) => (
                    <RecordingRow key={rec.id} rec={rec} queue={queueName(rec.queue_id)} agent={agentName(rec.agent_id)} />
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </Panel>
    </div>
  );
}

function RecordingRow({ rec, queue, agent }: { rec: Recording; queue: string; agent: string }) {
  const user = me.value!;
  const [failed, setFailed] = useState(false);
  const how = listening(user, rec);
  return (
    <tr data-testid="recording-row" data-recording-id={rec.id} data-call-id={rec.call_id}>
      <td>{dateTime(rec.started_at, lang.value)}</td>
      <td>{queue}</td>
      <td>{agent}</td>
      <td class="num">{rec.call_id}</td>
      <td class="num" data-testid="recording-duration">
        {rec.ended_at === null ? '—' : seconds(rec.duration_seconds)}
      </td>
      <td class="num" data-testid="recording-pauses" title={rec.pauses ? t('recordings.pausedFor', { time: seconds(rec.paused_seconds) }) : undefined}>
        {rec.pauses ? `${rec.pauses} (${seconds(rec.paused_seconds)})` : '0'}
      </td>
      <td class="rec-flags" data-testid="recording-flags">
        {rec.ended_at === null && !rec.deleted ? <Badge tone="on-call">{t('recordings.flag.live')}</Badge> : null}
        {rec.repaired ? (
          <Badge tone="warn">
            <span title={t('recordings.flag.repairedHint')}>{t('recordings.flag.repaired')}</span>
          </Badge>
        ) : null}
        {rec.deleted ? (
          <Badge tone="bad">
            <span title={rec.deleted_at ? dateTime(rec.deleted_at, lang.value) : undefined}>
              {rec.deleted_reason === 'retention' || rec.deleted_reason === 'missing'
                ? t(`recordings.flag.deleted.${rec.deleted_reason}`)
                : t('recordings.flag.deleted')}
            </span>
          </Badge>
        ) : null}
        {!rec.deleted && !rec.repaired && rec.ended_at !== null ? <span class="muted">—</span> : null}
      </td>
      <td class="rec-listen">
        {how === 'play' && rec.audio ? (
          <div class="rec-player">
            <audio
              controls
              preload="none"
              src={rec.audio}
              data-testid="recording-audio"
              aria-label={t('recordings.player', { call: rec.call_id })}
              onError={() => setFailed(true)}
              onPlay={() => setFailed(false)}
            />
            <a href={downloadUrl(rec.audio)} download data-testid="recording-download">
              {t('recordings.download')}
            </a>
            {failed ? (
              <span class="error-note rec-failed" role="alert">
                {t('recordings.playFailed')}
              </span>
            ) : null}
          </div>
        ) : how === 'forbidden' ? (
          <span class="muted" data-testid="recording-no-listen">{t('recordings.noListen')}</span>
        ) : (
          <span class="muted">{rec.deleted ? t('recordings.gone') : rec.ended_at === null ? t('recordings.notYet') : '—'}</span>
        )}
      </td>
    </tr>
  );
}
