// Totals per agent state over the agents the filters keep; each total is a
// toggle that narrows the grid to that state.
import { t } from '../core/i18n';
import { STATES, type AgentStateName } from './types';

export function StateCounts({ counts, active, onToggle }: {
  counts: Record<AgentStateName, number>;
  active: AgentStateName | null;
  onToggle?: (state: AgentStateName | null) => void;
}) {
  return (
    <div class="sv-states" role="group" aria-label={t('supervisor.states.title')} title={onToggle ? t('supervisor.states.hint') : undefined}>
      {STATES.map((s) => (
        <button
          type="button"
          key={s}
          class={`sv-state badge-${s} ${active === s ? 'active' : ''}`}
          aria-pressed={active === s}
          data-testid="state-count"
          data-state={s}
          data-count={counts[s] ?? 0}
          disabled={!onToggle}
          onClick={() => onToggle?.(active === s ? null : s)}
        >
          <span class="sv-state-n">{counts[s] ?? 0}</span>
          <span class="sv-state-label">{t(`core.state.${s}`)}</span>
        </button>
      ))}
    </div>
  );
}
