// The strip at the top of the desk: the seat's state and how long it has
// lasted, the wrap-up countdown, and the ready / not-ready controls.
import { useState } from 'preact/hooks';
import { lang, t } from '../core/i18n';
import { duration } from '../core/format';
import { Button, ErrorNote } from '../core/ui';
import { controlsFor, notReadyReasons, reasonKey, timeInState, wrapUpLeft } from './deskState';
import { actionBusy, desk, deskAction, errorOf, figures, now } from './store';
import { labelOf } from './shortcuts';
import { setSoundOn, soundOn, unlockAudio } from './ring';

export const notReadyReason = { value: 'break' };

export function goNotReady(reason: string): Promise<boolean> {
  return deskAction('not-ready', '/api/agent/not-ready', { reason });
}

export function StateBar({ onHelp }: { onHelp: () => void }) {
  const d = desk.value;
  const c = controlsFor(d);
  const [reason, setReason] = useState(notReadyReason.value);
  const [sound, setSound] = useState(soundOn());
  const busy = actionBusy.value;
  const inState = timeInState(d, now.value);
  const left = wrapUpLeft(d, now.value);
  const f = figures.value;
  const state = d?.state ?? 'logged-out';
  void lang.value;
  return (
    <section class="agent-statebar" data-testid="state-bar" aria-label={t('agent.state.title')}>
      <div class="agent-state-now">
        <span class={`agent-state-pill state-${state}`} data-testid="agent-state" data-state={state} role="status">
          {t(`core.state.${state}`)}
          {state === 'not-ready' && d?.reason ? <span class="agent-state-reason"> · {t(reasonKey(d.reason))}</span> : null}
        </span>
        <span class="agent-clock" title={t('agent.state.timeInState')} data-testid="time-in-state">
          {inState === null ? '—' : duration(inState)}
        </span>
        {left !== null ? (
          <span class={`agent-countdown ${left < 10000 ? 'soon' : ''}`} data-testid="wrap-up-countdown" role="timer">
            {t('agent.state.wrapUpLeft', { time: duration(left) })}
          </span>
        ) : null}
        {d?.bot ? <span class="badge badge-warn">{t('agent.state.bot')}</span> : null}
      </div>
      <div class="agent-state-actions">
        {c.logIn ? (
          <Button disabled={!!busy} onClick={() => void deskAction('login', '/api/agent/login')} data-testid="take-seat">
            {t('agent.state.takeSeat')}
          </Button>
        ) : null}
        <Button
          kind="primary"
          data-testid="go-ready"
          disabled={!c.goReady || !!busy}
          onClick={() => {
            unlockAudio();
            void deskAction('ready', '/api/agent/ready');
          }}
          aria-keyshortcuts="Alt+R"
          title={state === 'wrap-up' ? t('agent.state.readyNow') : undefined}
        >
          {t('agent.state.ready')} <kbd>{labelOf('ready')}</kbd>
        </Button>
        <label class="agent-inline-field">
          <span class="visually-hidden">{t('agent.state.reason')}</span>
          <select
            name="not-ready-reason"
            value={reason}
            aria-label={t('agent.state.reason')}
            onChange={(e) => {
              const v = (e.target as HTMLSelectElement).value;
              notReadyReason.value = v;
              setReason(v);
            }}
          >
            {notReadyReasons.map((r) => (
              <option value={r}>{t(`core.reason.${r}`)}</option>
            ))}
          </select>
        </label>
        <Button
          data-testid="go-not-ready"
          disabled={!c.goNotReady || !!busy}
          onClick={() => void goNotReady(reason)}
          aria-keyshortcuts="Alt+N"
        >
          {t('agent.state.notReady')} <kbd>{labelOf('notReady')}</kbd>
        </Button>
        {c.logOut ? (
          <Button disabled={!!busy} onClick={() => void deskAction('logout', '/api/agent/logout')} data-testid="leave-seat">
            {t('agent.state.leaveSeat')}
          </Button>
        ) : null}
      </div>
      <div class="agent-state-side">
        {f ? (
          <span class="muted agent-figures" title={t('agent.state.figuresTitle')}>
            {t('agent.state.figures', { calls: f.calls, aht: f.aht_ms === null ? '—' : duration(f.aht_ms) })}
          </span>
        ) : null}
        <button
          type="button"
          class="btn btn-plain agent-icon-btn"
          aria-pressed={sound}
          onClick={() => {
            setSoundOn(!sound);
            setSound(!sound);
            unlockAudio();
          }}
        >
          {sound ? t('agent.state.soundOn') : t('agent.state.soundOff')}
        </button>
        <button type="button" class="btn btn-plain agent-icon-btn" onClick={onHelp} aria-keyshortcuts="Alt+/">
          {t('agent.key.title')} <kbd>{labelOf('help')}</kbd>
        </button>
      </div>
      {errorOf('ready', 'not-ready', 'login', 'logout') ? (
        <div class="agent-state-error">
          <ErrorNote error={errorOf('ready', 'not-ready', 'login', 'logout')} />
        </div>
      ) : null}
    </section>
  );
}
