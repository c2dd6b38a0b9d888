// The agent grid the wallboard and the team lead's view share: name, team,
// state with its reason, time in state ticking locally from `since`, any
// extra figures, and the actions that force an agent's state
// (POST /api/agents/{id}/state). A refusal is shown in words under the row.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../core/api';
import { duration } from '../core/format';
import { t } from '../core/i18n';
import { ErrorNote } from '../core/ui';
import { timeInState } from './realtime';
import type { AgentRow, AgentStateName } from './types';

export const FORCE_REASONS = ['break', 'lunch', 'training', 'meeting', 'coaching', 'technical', 'health', 'other'] as const;

export interface ExtraColumn {
  key: string;
  header: string;
  num?: boolean;
  cell: (row: AgentRow) => ComponentChildren;
}

// What POST /api/agents/{id}/state answers: the agent's desk.
export interface ForcedDesk {
  agent: number;
  state: AgentStateName;
  reason: string | null;
  since: string | null;
}

type Note = { error?: unknown; notice?: string };

export function stateLabel(row: Pick<AgentRow, 'state' | 'reason'>): string {
  const name = t(`core.state.${row.state}`);
  return row.state === 'not-ready' && row.reason ? `${name} · ${t(`core.reason.${row.reason}`)}` : name;
}

export function AgentGrid({ rows, now, skewMs, teamName, columns = [], rowTestId = 'agent-row', canForce, reason, onForced, empty }: {
  rows: AgentRow[];
  now: number;
  skewMs: number;
  teamName?: (row: AgentRow) => string;
  columns?: ExtraColumn[];
  rowTestId?: string;
  canForce: boolean;
  reason: string;
  onForced?: (desk: ForcedDesk) => void;
  empty?: ComponentChildren;
}) {
  const [busy, setBusy] = useState<Record<number, boolean>>({});
  const [notes, setNotes] = useState<Record<number, Note>>({});
  const timers = useRef(new Map<number, ReturnType<typeof setTimeout>>());
  useEffect(() => () => timers.current.forEach((h) => clearTimeout(h)), []);

  function note(agent: number, n: Note | null) {
    setNotes((all) => {
      const next = { ...all };
      if (n) next[agent] = n;
      else delete next[agent];
      return next;
    });
    clearTimeout(timers.current.get(agent));
    if (n?.notice) timers.current.set(agent, setTimeout(() => note(agent, null), 6000));
  }

  async function force(row: AgentRow, state: 'ready' | 'not-ready' | 'logged-out') {
    setBusy((b) => ({ ...b, [row.agent]: true }));
    note(row.agent, null);
    try {
      const body = state === 'not-ready' ? { state, reason } : { state };
      const desk = await api.post<ForcedDesk>(`/api/agents/${row.agent}/state`, body);
      onForced?.(desk);
      const applied = desk?.state === state;
      note(row.agent, {
        notice: applied
          ? t('supervisor.force.done', { name: row.name, state: stateLabel(desk) })
          : t('supervisor.force.pending', { name: row.name }),
      });
    } catch (e) {
      note(row.agent, { error: e });
    } finally {
      setBusy((b) => ({ ...b, [row.agent]: false }));
    }
  }

  const span = 3 + (teamName ? 1 : 0) + columns.length + (canForce ? 1 : 0);
  return (
    <table class="grid sv-agent-grid">
      <thead>
        <tr>
          <th scope="col">{t('supervisor.col.name')}</th>
          {teamName ? <th scope="col">{t('supervisor.col.team')}</th> : null}
          <th scope="col">{t('supervisor.col.state')}</th>
          <th scope="col" class="num">{t('supervisor.col.time')}</th>
          {columns.map((c) => (
            <th scope="col" key={c.key} class={c.num ? 'num' : ''}>
              {c.header}
            </th>
          ))}
          {canForce ? <th scope="col">{t('supervisor.col.actions')}</th> : null}
        </tr>
      </thead>
      <tbody>
        {rows.length === 0 ? (
          <tr>
            <td colSpan={span}>
              <p class="empty">{empty ?? t('supervisor.grid.empty')}</p>
            </td>
          </tr>
        ) : null}
        {rows.map((row) => {
          const inState = timeInState(row, now, skewMs);
          const n = notes[row.agent];
          const isBusy = !!busy[row.agent];
          const off = row.state === 'logged-out';
          return [
            <tr key={row.agent} data-testid={rowTestId} data-agent-id={row.agent} class={`sv-row-${row.state}`}>
              <th scope="row" class="sv-agent-name">
                {row.name}
                {row.bot ? (
                  <span class="badge sv-bot" title={t('supervisor.grid.botTitle')}>
                    {t('supervisor.grid.bot')}
                  </span>
                ) : null}
              </th>
              {teamName ? <td class="muted">{teamName(row)}</td> : null}
              <td>
                <span class={`badge badge-${row.state}`} data-testid="agent-state" data-state={row.state}>
                  {stateLabel(row)}
                </span>
              </td>
              <td class="num" data-testid="agent-time">{inState === null ? '—' : duration(inState)}</td>
              {columns.map((c) => (
                <td key={c.key} class={c.num ? 'num' : ''}>
                  {c.cell(row)}
                </td>
              ))}
              {canForce ? (
                <td class="sv-actions">
                  <button
                    type="button"
                    class="btn sv-btn-small"
                    data-testid="force-ready"
                    aria-label={t('supervisor.force.readyLabel', { name: row.name })}
                    disabled={isBusy || row.state === 'ready'}
                    onClick={() => force(row, 'ready')}
                  >
                    {t('supervisor.force.ready')}
                  </button>
                  <button
                    type="button"
                    class="btn sv-btn-small"
                    data-testid="force-not-ready"
                    aria-label={t('supervisor.force.notReadyLabel', { name: row.name, reason: t(`core.reason.${reason}`) })}
                    disabled={isBusy || (row.state === 'not-ready' && row.reason === reason)}
                    onClick={() => force(row, 'not-ready')}
                  >
                    {t('supervisor.force.notReady')}
                  </button>
                  <button
                    type="button"
                    class="btn sv-btn-small sv-btn-danger"
                    data-testid="force-logout"
                    aria-label={t('supervisor.force.logoutLabel', { name: row.name })}
                    disabled={isBusy || off}
                    onClick={() => force(row, 'logged-out')}
                  >
                    {t('supervisor.force.logout')}
                  </button>
                  <span class="sv-notice" role="status">
                    {n?.notice ?? ''}
                  </span>
                </td>
              ) : null}
            </tr>,
            n?.error ? (
              <tr key={`${row.agent}-error`} class="sv-row-note">
                <td colSpan={span}>
                  <ErrorNote error={n.error} />
                </td>
              </tr>
            ) : null,
          ];
        })}
      </tbody>
    </table>
  );
}
