// The call script: a placeholder until scripts are written.
import { t } from '../core/i18n';
import { Panel } from '../core/ui';

export function ScriptPanel() {
  return (
    <Panel title={t('agent.script.title')} class="agent-script">
      <div data-testid="script-panel">
        <p class="muted">{t('agent.script.later')}</p>
      </div>
    </Panel>
  );
}
