// The script as the operator will meet it, walked from the draft being
// edited: the text with its placeholders as chips, the caller's possible
// answers as buttons (1–9), Enter or → to go on, ← to go back.
import { useEffect, useState } from 'preact/hooks';
import { t } from '../core/i18n';
import { Badge, Button } from '../core/ui';
import type { Draft } from './model';
import { advance, back, canGoOn, keepWalk, segments, startWalk, view, type Walk } from './preview';
import type { Step } from './types';

export function Preview({ draft, onShowStep }: { draft: Draft; onShowStep: (id: string) => void }) {
  const [walk, setWalk] = useState<Walk>(() => startWalk(draft));
  // Edits keep the walk as far as it still follows the links.
  useEffect(() => setWalk((w) => keepWalk(draft, w)), [draft]);

  const v = view(draft, walk);
  const goOn = () => setWalk(advance(draft, walk));
  const choose = (i: number) => setWalk(advance(draft, walk, i));
  const goBack = () => setWalk(back(draft, walk));
  const restart = () => setWalk(startWalk(draft));

  const onKey = (e: KeyboardEvent) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const tag = (e.target as HTMLElement).tagName;
    if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT') return;
    if (/^[1-9]$/.test(e.key) && v.kind === 'step' && v.step.kind === 'ask') {
      const i = Number(e.key) - 1;
      if (i < (v.step.options?.length ?? 0)) {
        e.preventDefault();
        choose(i);
      }
    } else if (e.key === 'ArrowRight' && canGoOn(draft, walk)) {
      e.preventDefault();
      goOn();
    } else if (e.key === 'ArrowLeft' && walk.path.length > 1) {
      e.preventDefault();
      goBack();
    }
  };

  return (
    <section class="panel sc-preview" data-testid="preview" aria-label={t('scripts.preview.title')} onKeyDown={onKey}>
      <header class="panel-head">
        <h2>{t('scripts.preview.title')}</h2>
        <div class="panel-actions">
          <Button class="sc-small" onClick={goBack} disabled={walk.path.length <= 1}>
            {t('scripts.preview.back')} <kbd>←</kbd>
          </Button>
          <Button class="sc-small" onClick={restart}>
            {t('scripts.preview.restart')}
          </Button>
        </div>
      </header>
      <div class="panel-body">
        {v.kind === 'empty' ? <p class="muted">{t('scripts.preview.no_start')}</p> : null}
        {v.kind === 'missing' ? <p class="sc-preview-stop">{t('scripts.preview.missing', { id: v.id })}</p> : null}
        {v.kind === 'nowhere' ? <p class="sc-preview-stop">{t('scripts.preview.nowhere', { id: v.from })}</p> : null}
        {v.kind === 'loop' ? <p class="sc-preview-stop">{t('scripts.preview.loop', { id: v.id })}</p> : null}
        {v.kind === 'step' ? (
          <div class="sc-preview-step">
            <p class="sc-preview-meta">
              <button type="button" class="sc-link" onClick={() => onShowStep(v.id)} title={t('scripts.preview.to_form')}>
                {v.id}
              </button>
              <Badge>{t(`scripts.stepkind.${v.step.kind}`)}</Badge>
            </p>
            <StepView step={v.step} ends={v.ends} onNext={goOn} onChoose={choose} />
          </div>
        ) : null}
        {walk.path.length > 1 ? (
          <ol class="sc-path" aria-label={t('scripts.preview.path')}>
            {walk.path.map((id, i) => (
              <li class={i === walk.path.length - 1 ? 'current' : ''}>{id}</li>
            ))}
          </ol>
        ) : null}
      </div>
    </section>
  );
}

export function Filled({ text }: { text: string }) {
  if (!text) return <span class="muted">{t('scripts.preview.empty_text')}</span>;
  return (
    <>
      {segments(text).map((s) =>
        'text' in s ? (
          s.text
        ) : (
          <span class={`sc-chip ${s.known ? '' : 'unknown'}`} title={s.known ? t('scripts.preview.placeholder') : t('scripts.preview.unknown')}>
            «{s.placeholder}»
          </span>
        ),
      )}
    </>
  );
}

function StepView({ step, ends, onNext, onChoose }: { step: Step; ends: boolean; onNext: () => void; onChoose: (i: number) => void }) {
  const next = (label: string) =>
    step.next ? (
      <Button kind="primary" onClick={onNext} class="sc-preview-next">
        {label} <kbd>→</kbd>
      </Button>
    ) : ends ? null : (
      <p class="sc-preview-stop">{t('scripts.preview.dead_end')}</p>
    );
  switch (step.kind) {
    case 'say':
      return (
        <>
          <p class="sc-say" data-testid="preview-text">
            <Filled text={step.text ?? ''} />
          </p>
          {next(t('scripts.preview.next'))}
        </>
      );
    case 'ask':
      return (
        <>
          <p class="sc-say" data-testid="preview-text">
            <Filled text={step.text ?? ''} />
          </p>
          <div class="sc-preview-options">
            {(step.options ?? []).map((o, i) => (
              <Button data-testid="preview-option" onClick={() => onChoose(i)} disabled={!o.next} title={o.next ? `→ ${o.next}` : t('scripts.preview.option_nowhere')}>
                {i < 9 ? <kbd>{i + 1}</kbd> : null} <Filled text={o.label} />
              </Button>
            ))}
            {!(step.options ?? []).length ? <p class="sc-preview-stop">{t('scripts.preview.no_options')}</p> : null}
          </div>
        </>
      );
    case 'collect':
      return (
        <>
          <p class="sc-say" data-testid="preview-text">
            <Filled text={step.label ?? ''} />
          </p>
          <p class="sc-collect muted">
            {t('scripts.preview.collect', { field: step.field || '?', target: t(`scripts.target.${step.target ?? 'call'}`) })}
            {step.input && step.input !== 'text' ? ` · ${t(`scripts.input.${step.input}`)}` : ''}
          </p>
          {next(t('scripts.preview.next'))}
        </>
      );
    case 'action':
      return (
        <>
          <p class="sc-say" data-testid="preview-text">
            <strong>{t(`scripts.action.${step.action ?? 'hold'}`)}</strong>
            {actionDetail(step)}
          </p>
          {ends ? <p class="sc-preview-end" role="status">{t(step.action === 'return' ? 'scripts.preview.returns' : 'scripts.preview.ends')}</p> : null}
          {next(t('scripts.preview.confirm'))}
        </>
      );
    case 'jump':
      return null;
  }
}

function actionDetail(step: Step): string {
  switch (step.action) {
    case 'open_case':
      return step.category ? ` · ${step.category}` : '';
    case 'transfer':
      return ` · ${t(`scripts.transfer.${step.to || 'queue'}`)}${step.id ? ` ${step.id}` : ''}`;
    case 'consult_supervisor_then_transfer':
      return step.number ? ` · ${step.number}` : '';
    case 'end_call':
      return step.outcome ? ` · ${step.outcome}` : '';
    default:
      return '';
  }
}
