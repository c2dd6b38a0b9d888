// The call in progress: who, how long, hold / resume, transfer and hang up.
import { t } from '../core/i18n';
import { duration } from '../core/format';
import { Button, ErrorNote, Panel } from '../core/ui';
import { callTime, controlsFor, displayNumber } from './deskState';
import { actionBusy, deskAction, desk, errorOf, now, queueName } from './store';
import { labelOf } from './shortcuts';
import { TransferPanel } from './TransferPanel';

export function holdOrResume(): void {
  const c = controlsFor(desk.value);
  if (c.hold) void deskAction('hold', '/api/agent/hold');
  else if (c.resume) void deskAction('resume', '/api/agent/resume');
}

export function hangUp(): void {
  if (controlsFor(desk.value).hangup) void deskAction('hangup', '/api/agent/hangup');
}

export function CallPanel({ transferOpen, setTransferOpen }: { transferOpen: boolean; setTransferOpen: (open: boolean) => void }) {
  const d = desk.value;
  const call = d?.call;
  if (!d || !call) return null;
  const c = controlsFor(d);
  const busy = !!actionBusy.value;
  const time = callTime(d, now.value);
  return (
    <Panel title={t('agent.call.title')} class="agent-call">
      <div data-testid="call" class={`agent-call-body ${call.on_hold ? 'held' : ''}`}>
        <div class="agent-call-head">
          <span class="agent-call-number" data-testid="call-number">
            {displayNumber(call.caller) ?? t('agent.call.withheld')}
          </span>
          <span class="agent-call-timer" role="timer" aria-label={t('agent.call.duration')}>
            {time === null ? '—' : duration(time)}
          </span>
        </div>
        <div class="muted agent-call-meta">
          {t('agent.call.queue', { queue: queueName(call.queue) })}
          {call.on_hold ? <span class="badge badge-on-hold"> {t('agent.call.onHold')}</span> : null}
          {call.consulting ? <span class="badge"> {t('agent.call.consulting')}</span> : null}
        </div>
        <div class="agent-call-actions">
          {c.resume ? (
            <Button kind="primary" data-testid="resume" disabled={busy} onClick={holdOrResume} aria-keyshortcuts="Alt+H">
              {t('agent.call.resume')} <kbd>{labelOf('hold')}</kbd>
            </Button>
          ) : (
            <Button data-testid="hold" disabled={busy || !c.hold} onClick={holdOrResume} aria-keyshortcuts="Alt+H">
              {t('agent.call.hold')} <kbd>{labelOf('hold')}</kbd>
            </Button>
          )}
          <Button
            data-testid="transfer"
            disabled={busy || !c.transfer}
            aria-expanded={transferOpen}
            onClick={() => setTransferOpen(!transferOpen)}
            aria-keyshortcuts="Alt+T"
          >
            {t('agent.call.transfer')} <kbd>{labelOf('transfer')}</kbd>
          </Button>
          <Button kind="danger" data-testid="hangup" disabled={busy || !c.hangup} onClick={hangUp} aria-keyshortcuts="Alt+X">
            {t('agent.call.hangup')} <kbd>{labelOf('hangup')}</kbd>
          </Button>
        </div>
        <ErrorNote error={errorOf('hold', 'resume', 'hangup')} />
        {transferOpen && c.transfer ? <TransferPanel onDone={() => setTransferOpen(false)} /> : null}
      </div>
    </Panel>
  );
}
