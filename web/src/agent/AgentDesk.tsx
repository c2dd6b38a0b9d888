// The operator's desktop: the state bar on top, a ringing offer under it,
// then three columns — the call and the customer; the catalogue and the
// order; the script, notes, case and callback. Everything has a shortcut.
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../core/i18n';
import { ErrorNote } from '../core/ui';
import { controlsFor } from './deskState';
import { answer, clearCustomer, customer, desk, deskAction, deskError, startDesk, workCall } from './store';
import { startLiveQuote, confirmOrder } from './orderActions';
import { shortcutFor, shortcuts, focusSoon } from './shortcuts';
import type { ShortcutAction } from './shortcuts';
import { unlockAudio } from './ring';
import { StateBar, goNotReady, notReadyReason } from './StateBar';
import { OfferBanner } from './OfferBanner';
import { CallPanel, hangUp, holdOrResume } from './CallPanel';
import { CustomerPanel } from './CustomerPanel';
import { Catalogue } from './Catalogue';
import { OrderPanel, openReadBack } from './OrderPanel';
import { CaseForm } from './CaseForm';
import { CallbackForm } from './CallbackForm';
import { NotesPanel } from './NotesPanel';
import { ScriptPanel } from './ScriptPanel';
import { PlaybookList, PLAYBOOK_SEARCH } from './PlaybookList'; // issue #8
import { WrapUp, finishWrapUp } from './WrapUp';

async function doAnswer(): Promise<void> {
  unlockAudio();
  const where = await answer();
  if (where === 'card') focusSoon('#agent-customer-card', 90);
  else if (where === 'choose') focusSoon('[data-testid="customer-choice"]', 90);
  else if (where === 'search') focusSoon('#agent-customer-search', 30);
}

function doReject(): void {
  const offer = desk.value?.offer;
  if (offer) void deskAction('reject', '/api/agent/reject', { call: offer.call });
}

function Help({ onClose }: { onClose: () => void }) {
  const close = useRef<HTMLButtonElement>(null);
  useEffect(() => close.current?.focus(), []);
  return (
    <div class="overlay" onClick={(e) => e.target === e.currentTarget && onClose()}>
      <div class="panel agent-help" role="dialog" aria-modal="true" aria-labelledby="agent-help-title" data-testid="shortcut-help">
        <header class="panel-head">
          <h2 id="agent-help-title">{t('agent.key.title')}</h2>
        </header>
        <div class="panel-body">
          <table class="grid">
            <tbody>
              {shortcuts.map((s) => (
                <tr>
                  <td>
                    <kbd>{s.label}</kbd>
                  </td>
                  <td>{t(s.text)}</td>
                </tr>
              ))}
              <tr>
                <td>
                  <kbd>↓</kbd> <kbd>↑</kbd> <kbd>Enter</kbd>
                </td>
                <td>{t('agent.key.arrows')}</td>
              </tr>
              {/* issue #8: the script's answers */}
              <tr>
                <td>
                  <kbd>1</kbd>…<kbd>9</kbd>
                </td>
                <td>{t('agent.script.keyOptions')}</td>
              </tr>
            </tbody>
          </table>
          <p class="muted">{t('agent.key.layout')}</p>
          <button type="button" class="btn btn-primary" ref={close} onClick={onClose}>
            {t('core.close')}
          </button>
        </div>
      </div>
    </div>
  );
}

export default function AgentDesk() {
  const [help, setHelp] = useState(false);
  const [transferOpen, setTransferOpen] = useState(false);

  useEffect(() => {
    const stopDesk = startDesk();
    const stopQuote = startLiveQuote();
    const unlock = () => unlockAudio();
    window.addEventListener('pointerdown', unlock, { once: true });
    return () => {
      stopDesk();
      stopQuote();
      window.removeEventListener('pointerdown', unlock);
    };
  }, []);

  // The transfer chooser closes when the call is gone.
  const onCallNow = !!desk.value?.call;
  useEffect(() => {
    if (!onCallNow) setTransferOpen(false);
  }, [onCallNow]);

  useEffect(() => {
    const run = (action: ShortcutAction): boolean => {
      const c = controlsFor(desk.value);
      switch (action) {
        case 'answer':
          if (!c.answer) return false;
          void doAnswer();
          return true;
        case 'reject':
          if (!c.reject) return false;
          doReject();
          return true;
        case 'hold':
          if (!c.hold && !c.resume) return false;
          holdOrResume();
          return true;
        case 'hangup':
          if (!c.hangup) return false;
          hangUp();
          return true;
        case 'transfer':
          if (!c.transfer) return false;
          setTransferOpen((open) => !open);
          return true;
        case 'ready':
          if (!c.goReady) return false;
          void deskAction('ready', '/api/agent/ready');
          return true;
        case 'notReady':
          if (!c.goNotReady) return false;
          void goNotReady(notReadyReason.value);
          return true;
        case 'customerSearch':
          if (customer.value) clearCustomer();
          focusSoon('#agent-customer-search');
          return true;
        case 'catalogueSearch':
          focusSoon('#agent-catalogue-search');
          return true;
        case 'readBack':
          openReadBack();
          return true;
        case 'confirmOrder':
          void confirmOrder();
          return true;
        case 'caseForm':
          focusSoon('select[name="case-kind"]');
          return true;
        case 'callbackForm':
          focusSoon('input[name="callback-at"]');
          return true;
        case 'notes':
          focusSoon(desk.value?.state === 'wrap-up' ? '#agent-wrap-note' : '#agent-call-notes');
          return true;
        case 'finishWrapUp':
          if (!c.finishWrapUp) return false;
          void finishWrapUp();
          return true;
        // issue #8: the playbook's search; the script's current step
        case 'playbook':
          focusSoon(`#${PLAYBOOK_SEARCH}`);
          return true;
        case 'script':
          focusSoon('[data-testid="script-panel"] [data-step-focus]');
          return true;
        case 'help':
          setHelp((h) => !h);
          return true;
      }
      return false;
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setHelp(false);
      const action = shortcutFor(e);
      if (!action) return;
      e.preventDefault();
      run(action);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <div class="agent-desk">
      <StateBar onHelp={() => setHelp(true)} />
      {deskError.value ? (
        <div class="agent-desk-error">
          <ErrorNote error={deskError.value} />
        </div>
      ) : null}
      <OfferBanner onAnswer={() => void doAnswer()} onReject={doReject} />
      <div class="agent-grid">
        <div class="agent-col agent-col-left">
          <WrapUp />
          <CallPanel transferOpen={transferOpen} setTransferOpen={setTransferOpen} />
          <CustomerPanel />
        </div>
        <div class="agent-col agent-col-mid">
          <Catalogue />
          <OrderPanel />
        </div>
        <div class="agent-col agent-col-right">
          <ScriptPanel />
          {/* issue #8: the playbook under the script */}
          <PlaybookList />
          <NotesPanel />
          {/* Keyed by the call: a new call mounts fresh forms at once (an effect
              that cleared them ran after paint and could eat the first keystrokes). */}
          <CaseForm key={`case-${workCall.value ?? 0}`} />
          <CallbackForm key={`callback-${workCall.value ?? 0}`} />
        </div>
      </div>
      {help ? <Help onClose={() => setHelp(false)} /> : null}
    </div>
  );
}
