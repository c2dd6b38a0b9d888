// The call in progress: who, how long, hold / resume, transfer (or consult)
// and hang up, the consult under way, and pausing its recording.
import { useEffect } from 'preact/hooks';
import { t } from '../core/i18n';
import { duration } from '../core/format';
import { Button, ErrorNote, Panel, errorText } from '../core/ui';
import { callTime, callTopic, controlsFor, displayNumber } from './deskState';
import { actionBusy, deskAction, desk, errorOf, now, queueName } from './store';
import { labelOf } from './shortcuts';
import { TransferPanel } from './TransferPanel';
import { ConsultBar } from './ConsultBar';
import { recordingBusy, recordingError, recordingMark, recordingView, restoreRecordingMark, setRecordingPaused } from './recording';

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
  const topic = callTopic(call);
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
        {topic ? <div class="agent-call-topic" data-testid="call-topic">{t('agent.call.topic', { topic })}</div> : null}
        <div class="muted agent-call-meta">
          {t('agent.call.queue', { queue: queueName(call.queue) })}
          {call.on_hold ? <span class="badge badge-on-hold"> {t('agent.call.onHold')}</span> : null}
          {call.consulting ? <span class="badge"> {t('agent.call.consulting')}</span> : null}
          {call.conference ? <span class="badge" data-testid="conference-badge"> {t('agent.call.conference')}</span> : null}
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
        <ConsultBar />
        <RecordingToggle call={call.call} />
        {transferOpen && c.transfer ? <TransferPanel onDone={() => setTransferOpen(false)} /> : null}
      </div>
    </Panel>
  );
}

// Pause / resume the call's recording (card details and the like). The
// server refuses when the call is not recorded, and says so in its words.
function RecordingToggle({ call }: { call: number }) {
  useEffect(() => restoreRecordingMark(call), [call]);
  const view = recordingView(recordingMark.value, call);
  const refused = recordingError.value?.call === call ? recordingError.value : null;
  return (
    <div class={`agent-recording ${view.paused ? 'paused' : ''}`} data-testid="recording">
      <Button
        data-testid="recording-toggle"
        aria-pressed={view.paused}
        disabled={recordingBusy.value}
        onClick={() => void setRecordingPaused(call, view.next)}
      >
        {t(view.label)}
      </Button>
      {view.status ? (
        <span class={`badge ${view.paused ? 'badge-warn' : 'badge-ok'}`} role="status" data-testid="recording-state" data-paused={String(view.paused)}>
          {t(view.status)}
        </span>
      ) : null}
      {refused ? (
        <p class="error-note agent-recording-error" role="alert" data-testid="recording-error">
          {t(refused.paused ? 'agent.recording.pauseRefused' : 'agent.recording.resumeRefused')} {errorText(refused.error)}
        </p>
      ) : null}
    </div>
  );
}
