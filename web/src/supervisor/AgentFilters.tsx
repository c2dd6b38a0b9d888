// The grid's filters: team, queue, a part of the name (press / to jump
// there), hiding logged-out agents, the order, and the reason the
// "Not ready" buttons give.
import { useEffect, useRef } from 'preact/hooks';
import { t } from '../core/i18n';
import { FORCE_REASONS } from './AgentGrid';
import { noFilter, type GridFilter, type SortKey } from './grid';
import type { Directory, QueueRow } from './types';

export function AgentFilters({ filter, onFilter, sort, onSort, directory, queues, teamIds, reason, onReason, showTeam = true, showReason }: {
  filter: GridFilter;
  onFilter: (f: GridFilter) => void;
  sort: SortKey;
  onSort: (s: SortKey) => void;
  directory: Directory | null;
  queues: QueueRow[];
  teamIds: number[];
  reason: string;
  onReason: (r: string) => void;
  showTeam?: boolean;
  showReason: boolean;
}) {
  const search = useRef<HTMLInputElement>(null);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey) return;
      const target = e.target as HTMLElement | null;
      if (target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT' || target.isContentEditable)) return;
      e.preventDefault();
      search.current?.focus();
      search.current?.select();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  const teamName = (id: number) => directory?.teams.find((x) => x.id === id)?.name ?? t('supervisor.team.unknown', { id });
  const set = (patch: Partial<GridFilter>) => onFilter({ ...filter, ...patch });
  const filtered = filter.team !== null || filter.queue !== null || filter.state !== null || filter.text !== '' || filter.hideLoggedOut;
  const canFilterQueues = directory !== null;

  return (
    <div class="sv-filters">
      {showTeam ? (
        <label class="field">
          <span class="field-label">{t('supervisor.filter.team')}</span>
          <select name="team-filter" value={filter.team === null ? '' : String(filter.team)} onChange={(e) => set({ team: e.currentTarget.value === '' ? null : Number(e.currentTarget.value) })}>
            <option value="">{t('supervisor.filter.allTeams')}</option>
            {teamIds.map((id) => (
              <option value={String(id)} key={id}>
                {teamName(id)}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      <label class="field">
        <span class="field-label">{t('supervisor.filter.queue')}</span>
        <select name="queue-filter" disabled={!canFilterQueues} value={filter.queue === null ? '' : String(filter.queue)} onChange={(e) => set({ queue: e.currentTarget.value === '' ? null : Number(e.currentTarget.value) })}>
          <option value="">{t('supervisor.filter.allQueues')}</option>
          {queues.map((q) => (
            <option value={String(q.id)} key={q.id}>
              {q.name}
            </option>
          ))}
        </select>
      </label>
      <label class="field sv-search">
        <span class="field-label">
          {t('supervisor.filter.search')} <kbd title={t('supervisor.filter.shortcut')}>/</kbd>
        </span>
        <input
          ref={search}
          type="search"
          name="agent-search"
          placeholder={t('supervisor.filter.searchPlaceholder')}
          value={filter.text}
          onInput={(e) => set({ text: e.currentTarget.value })}
          onKeyDown={(e) => {
            if (e.key === 'Escape') set({ text: '' });
          }}
        />
      </label>
      <label class="field">
        <span class="field-label">{t('supervisor.grid.sort')}</span>
        <select name="agent-sort" value={sort} onChange={(e) => onSort(e.currentTarget.value as SortKey)}>
          <option value="name">{t('supervisor.sort.name')}</option>
          <option value="state">{t('supervisor.sort.state')}</option>
          <option value="time">{t('supervisor.sort.time')}</option>
        </select>
      </label>
      {showReason ? (
        <label class="field">
          <span class="field-label">{t('supervisor.force.reason')}</span>
          <select name="force-reason" value={reason} onChange={(e) => onReason(e.currentTarget.value)}>
            {FORCE_REASONS.map((r) => (
              <option value={r} key={r}>
                {t(`core.reason.${r}`)}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      <label class="sv-check">
        <input type="checkbox" name="hide-logged-out" checked={filter.hideLoggedOut} onChange={(e) => set({ hideLoggedOut: e.currentTarget.checked })} />
        {t('supervisor.filter.hideOff')}
      </label>
      {filtered ? (
        <button type="button" class="btn sv-btn-small" onClick={() => onFilter({ ...noFilter })}>
          {t('supervisor.filter.reset')}
        </button>
      ) : null}
    </div>
  );
}
