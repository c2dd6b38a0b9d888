// The call script: the current step with its placeholders filled (say, ask
// with one button per answer — keys 1–9 pick, collect with Enter to go on,
// action with a button named for what it does), back and forward, the path
// taken and what was done. An open playbook situation shows on top with a
// way back to the script; a practice call shows what the caller says.
import { useEffect, useRef } from 'preact/hooks';
import { dateTime } from '../core/format';
import { lang, t } from '../core/i18n';
import { Button, ErrorNote, Panel } from '../core/ui';
import { isTyping } from '../core/listKeys';
import { onMessage } from '../core/ws';
import { desk } from './store';
import { focusSoon } from './shortcuts';
import {
  actionLabel,
  activeRun,
  doneText,
  optionFromKey,
  pathView,
  shortText,
  stepView,
  type DoneItem,
  type PathItem,
  type Run,
  type ScriptSession,
} from './scriptSession';
import {
  addTrainingLine,
  closeSituation,
  draftKey,
  drafts,
  loadError,
  loadScript,
  scriptStep,
  session,
  setDraft,
  stepBusy,
  stepError,
} from './scriptStore';

const PANEL = '[data-testid="script-panel"]';

// Puts the keyboard on the step's first control when it was in the panel (or nowhere).
function focusStep(): void {
  const active = document.activeElement as HTMLElement | null;
  const panel = document.querySelector(PANEL);
  if (active && active !== document.body && !panel?.contains(active)) return;
  focusSoon(`${PANEL} [data-step-focus]`, 5);
}

async function go(path: string, body: unknown, stepId: string, draft?: string): Promise<void> {
  const ok = await scriptStep(path, body, stepId, draft);
  if (ok) focusStep();
}

function choose(stepId: string, option: number): void {
  void go('/api/agent/script/choose', { option }, stepId);
}

function StepBlock({ run, live, which }: { run: Run; live: boolean; which: 'main' | 'situation' }) {
  const view = stepView(run, t);
  const step = run.step;
  const stepId = step?.id ?? '';
  const key = draftKey(run.code, stepId);
  const typed = drafts.value[key];
  const value = typed ?? view.value;
  const busy = stepBusy.value;
  const err = stepError.value && (stepError.value.step === stepId || stepError.value.step === '*') ? stepError.value.error : null;
  const disabled = busy || !live;
  const showText = view.text && !(view.kind === 'collect' && view.text === view.label);

  return (
    <div class={`agent-script-step kind-${view.kind}`} data-testid="script-step" data-step={stepId} data-kind={step?.kind ?? ''} data-ended={run.ended ? 'true' : undefined} data-run={which}>
      {showText ? (
        <p class="agent-script-text" data-testid="script-text">
          {view.text}
        </p>
      ) : null}

      {view.kind === 'ended' ? (
        <p class="agent-script-ended" role="status">
          {which === 'situation' ? t('agent.script.situationEnded') : t('agent.script.ended')}
        </p>
      ) : null}

      {view.kind === 'say' ? (
        <div class="agent-script-row">
          <Button kind="primary" data-testid="script-next" data-step-focus disabled={disabled} onClick={() => void go('/api/agent/script/next', {}, stepId)}>
            {step?.ends ? t('agent.script.finish') : t('agent.script.next')}
          </Button>
        </div>
      ) : null}

      {view.kind === 'ask' ? (
        <div class="agent-script-options" role="group" aria-label={view.text || t('agent.script.answers')}>
          {view.options.map((o, i) => (
            <button
              type="button"
              class="btn agent-script-option"
              data-testid="script-option"
              data-option={i}
              data-step-focus={i === 0 ? '' : undefined}
              disabled={disabled}
              aria-keyshortcuts={o.key ?? undefined}
              onClick={() => choose(stepId, i)}
            >
              {o.key ? <kbd>{o.key}</kbd> : null} <span>{o.label}</span>
            </button>
          ))}
        </div>
      ) : null}

      {view.kind === 'collect' ? (
        <form
          class="agent-script-collect"
          onSubmit={(e) => {
            e.preventDefault();
            const v = value.trim();
            if (!v) {
              stepError.value = { step: stepId, error: new Error(t('agent.script.needValue')) };
              return;
            }
            void go('/api/agent/script/next', { value: v }, stepId, key);
          }}
        >
          <label class="field">
            <span class="field-label">{view.label}</span>
            <input
              type={view.input}
              name="script-value"
              data-testid="script-value"
              data-step-focus
              value={value}
              maxLength={2000}
              disabled={!live}
              aria-invalid={!!err}
              aria-describedby={err ? 'agent-script-error' : undefined}
              onInput={(e) => setDraft(key, (e.target as HTMLInputElement).value)}
            />
          </label>
          <Button kind="primary" type="submit" data-testid="script-next" disabled={disabled}>
            {t('agent.script.next')} <kbd>Enter</kbd>
          </Button>
        </form>
      ) : null}

      {view.kind === 'action' ? (
        <div class="agent-script-action">
          {view.orderFirst ? (
            <p class="agent-script-hint">
              {t('agent.script.orderFirst')}{' '}
              <Button class="agent-small" data-testid="script-to-order" onClick={() => focusSoon('#agent-catalogue-search')}>
                {t('agent.script.toOrder')}
              </Button>
            </p>
          ) : null}
          <div class="agent-script-row">
            <Button
              kind={step?.action?.kind === 'end_call' ? 'danger' : 'primary'}
              data-testid="script-action"
              data-action={step?.action?.kind ?? ''}
              data-stage={step?.action?.stage || undefined}
              data-step-focus
              disabled={disabled}
              onClick={() => void go('/api/agent/script/next', {}, stepId)}
            >
              {view.actionLabel}
            </Button>
            {view.skipConsult ? (
              <Button data-testid="script-skip-consult" disabled={disabled} onClick={() => void go('/api/agent/script/next', { skip_consult: true }, stepId)}>
                {t('agent.script.skipConsult')}
              </Button>
            ) : null}
          </div>
        </div>
      ) : null}

      {err ? (
        <div data-testid="script-error" id="agent-script-error">
          <ErrorNote error={err} />
        </div>
      ) : null}

      <div class="agent-script-nav">
        <Button class="agent-small" data-testid="script-back" disabled={disabled || !run.can_back} onClick={() => void go('/api/agent/script/back', {}, stepId)} aria-label={t('agent.script.backLong')}>
          ← {t('agent.script.back')}
        </Button>
        <Button class="agent-small" data-testid="script-forward" disabled={disabled || !run.can_forward} onClick={() => void go('/api/agent/script/forward', {}, stepId)} aria-label={t('agent.script.forwardLong')}>
          {t('agent.script.forward')} →
        </Button>
      </div>
    </div>
  );
}

function PathList({ run, done }: { run: Run; done: DoneItem[] }) {
  const view = pathView(run);
  // An action step has no text of its own: the path names it by what was done, or by its button.
  const named = run.step?.kind === 'action' ? actionLabel(run.step.action, t) : '';
  const l = lang.value;
  const label = (item: PathItem, i: number) => {
    if (item.text) return shortText(item, 28);
    const did = [...done].reverse().find((d) => d.step === item.id && (d.code === undefined || d.code === run.code));
    if (did) return shortText({ ...item, text: doneText(did, t, (iso) => dateTime(iso, l)) }, 28);
    if (i === view.current && named) return shortText({ ...item, text: named }, 28);
    return shortText(item, 28);
  };
  if (!view.items.length) return null;
  return (
    <nav class="agent-script-path" aria-label={t('agent.script.path')}>
      <ol data-testid="script-path">
        {view.hidden ? (
          <li class="muted" title={t('agent.script.folded', { n: view.hidden })}>
            … {view.hidden}
          </li>
        ) : null}
        {view.items.map((item, i) => (
          <li class={i === view.current ? 'current' : ''} aria-current={i === view.current ? 'step' : undefined} title={item.text || item.id} data-step={item.id}>
            {label(item, i)}
          </li>
        ))}
      </ol>
    </nav>
  );
}

function DoneList({ s }: { s: ScriptSession }) {
  const done = s.done ?? [];
  if (!done.length) return null;
  const l = lang.value;
  return (
    <section class="agent-script-done" aria-label={t('agent.script.doneTitle')}>
      <h3>{t('agent.script.doneTitle')}</h3>
      <ul data-testid="script-done">
        {done.map((d) => (
          <li data-action={d.action}>{doneText(d, t, (iso) => dateTime(iso, l))}</li>
        ))}
      </ul>
    </section>
  );
}

function Training({ s }: { s: ScriptSession }) {
  const list = useRef<HTMLOListElement>(null);
  const lines = s.training?.lines ?? [];
  useEffect(() => {
    const el = list.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [lines.length]);
  if (!s.training) return null;
  return (
    <section class="agent-script-training" aria-label={t('agent.script.training')}>
      <h3>
        {t('agent.script.training')} <span class="badge">{s.training.situation}</span>
      </h3>
      <p class="agent-small-text muted">{t('agent.script.callerSays')}</p>
      <ol ref={list} aria-live="polite">
        {lines.length === 0 ? <li class="muted">{t('agent.script.noLines')}</li> : null}
        {lines.map((line) => (
          <li data-testid="training-line">«{line.text}»</li>
        ))}
      </ol>
    </section>
  );
}

export function ScriptPanel() {
  const d = desk.value;
  const l = lang.value;

  // Every desk change (answer, hold, consult, wrap-up) and language switch: the session again.
  useEffect(() => {
    void loadScript();
  }, [d, l]);

  useEffect(() => {
    const offs = [
      onMessage('training.line', (m) => {
        if (typeof m.call === 'number' && typeof m.text === 'string') addTrainingLine(m.call, m.text, typeof m.index === 'number' ? m.index : undefined);
      }),
      onMessage('ws.open', () => void loadScript()),
    ];
    return () => offs.forEach((off) => off());
  }, []);

  // Keys 1–9 pick an answer while the keyboard is in the panel or nowhere in particular.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented) return;
      const target = e.target as HTMLElement | null;
      if (isTyping(target)) return;
      const panel = document.querySelector(PANEL);
      if (target && target !== document.body && !panel?.contains(target)) return;
      const s = session.value;
      const active = activeRun(s);
      const step = active?.run.step;
      if (!s || s.live === false || !active || active.run.ended || !step || step.kind !== 'ask') return;
      const option = optionFromKey(e, step.options?.length ?? 0);
      if (option === null || stepBusy.value) return;
      e.preventDefault();
      choose(step.id, option);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  const s = session.value;
  const active = activeRun(s);
  const live = !!s && s.live !== false;
  const main = s?.main ?? null;

  return (
    <Panel title={t('agent.script.title')} class="agent-script" actions={<kbd title={t('agent.script.key')}>Alt+J</kbd>}>
      <div data-testid="script-panel" data-call={s?.call ?? ''}>
        {main && s?.call ? (
          <p class="agent-script-name" data-testid="script-name" data-code={main.code} data-version={main.version}>
            {main.name} · {t('agent.script.version', { n: main.version })}
          </p>
        ) : null}
        {loadError.value && !s ? <ErrorNote error={loadError.value} /> : null}
        {!s || s.call === null || s.call === undefined ? (
          <p class="muted agent-script-empty">{t('agent.script.noCall')}</p>
        ) : (
          <>
            {!live ? <p class="muted agent-small-text">{t('agent.script.readOnly')}</p> : null}
            {s.training ? <Training s={s} /> : null}
            {s.situation ? (
              <section class="agent-script-situation" data-testid="situation" data-code={s.situation.code} aria-label={s.situation.name}>
                <header>
                  <span class="badge badge-warn">{s.situation.code}</span>
                  <strong>{s.situation.name}</strong>
                  <Button class="agent-small" data-testid="situation-close" disabled={stepBusy.value} onClick={() => void closeSituation().then((ok) => ok && focusStep())}>
                    {t('agent.script.backToScript')}
                  </Button>
                </header>
                <StepBlock run={s.situation} live={live} which="situation" />
                <PathList run={s.situation} done={s.done ?? []} />
              </section>
            ) : null}
            {!s.situation && main ? (
              <>
                <StepBlock run={main} live={live} which="main" />
                <PathList run={main} done={s.done ?? []} />
              </>
            ) : null}
            {s.situation && main ? (
              <p class="muted agent-small-text agent-script-paused">
                {t('agent.script.paused', { name: main.name, step: shortText(main.step ?? { id: '', kind: '' }, 40) })}
              </p>
            ) : null}
            {!main && !s.situation ? <p class="muted">{t('agent.script.noScript')}</p> : null}
            {stepError.value && !active ? <ErrorNote error={stepError.value.error} /> : null}
            <DoneList s={s} />
          </>
        )}
      </div>
    </Panel>
  );
}
