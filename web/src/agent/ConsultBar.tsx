// While the operator consults someone (the caller on hold): whom, whether
// they have answered, and what happens next — hand the caller to them, bring
// all three together, or go back to the caller. During a conference: let the
// third party go (hanging up leaves the caller with them).
import { t } from '../core/i18n';
import { Button, ErrorNote } from '../core/ui';
import { controlsFor } from './deskState';
import { actionBusy, desk, deskAction, errorOf, queueName } from './store';
import { consultWho } from './consult';

function complete(outcome: 'transfer' | 'conference' | 'return') {
  void deskAction('consult', '/api/agent/consult/complete', { outcome });
}

export function ConsultBar() {
  const d = desk.value;
  const call = d?.call;
  if (!d || !call?.consult || !(call.consulting || call.conference)) return null;
  const c = controlsFor(d);
  const busy = !!actionBusy.value;
  const who = consultWho(call.consult, queueName, t('agent.consult.colleague'));
  const status = call.conference
    ? t('agent.consult.conference', { who })
    : call.consult.connected
      ? t('agent.consult.connected', { who })
      : t('agent.consult.ringing', { who });
  return (
    <div class="agent-consult" data-testid="consult-bar" data-connected={String(call.consult.connected)} data-conference={String(!!call.conference)}>
      <p class="agent-consult-status" role="status" data-testid="consult-status">
        {status}
      </p>
      <div class="row">
        {call.conference ? null : (
          <>
            <Button kind="primary" data-testid="consult-transfer" disabled={busy || !c.consultTransfer} onClick={() => complete('transfer')}>
              {t('agent.consult.transfer', { who })}
            </Button>
            <Button data-testid="consult-conference" disabled={busy || !c.conference} onClick={() => complete('conference')}>
              {t('agent.consult.join')}
            </Button>
          </>
        )}
        <Button data-testid="consult-return" disabled={busy || !c.consultReturn} onClick={() => complete('return')}>
          {call.conference ? t('agent.consult.letGo', { who }) : t('agent.consult.return')}
        </Button>
      </div>
      {call.conference ? <p class="muted">{t('agent.consult.leaveHint', { who })}</p> : null}
      <ErrorNote error={errorOf('consult')} />
    </div>
  );
}
