// After the call: a disposition code, the note, and finish (before the
// countdown ends it by itself).
import { useEffect, useState } from 'preact/hooks';
import { api, query } from '../core/api';
import { lang, t } from '../core/i18n';
import { duration } from '../core/format';
import { Button, ErrorNote, Field, Panel } from '../core/ui';
import type { Code } from './types';
import { callTopic, codeLabel, displayNumber, wrapUpLeft } from './deskState';
import { actionBusy, callerNumber, desk, deskAction, done, errorOf, lastCall, loadDesk, notes, now, tenantId } from './store';
import { labelOf } from './shortcuts';

// The code the work done suggests (an order, a case, a callback).
export function suggestedDisposition(codes: Code[], d: { order: boolean; caseOpened: boolean; callback: boolean }): string {
  const has = (c: string) => codes.some((k) => k.code === c);
  if (d.order && has('order')) return 'order';
  if (d.caseOpened && has('complaint')) return 'complaint';
  if (d.callback && has('callback')) return 'callback';
  return '';
}

export const wrapUpChoice = { value: '' };

export async function finishWrapUp(): Promise<void> {
  const ok = await deskAction('wrap-up', '/api/agent/wrap-up', { disposition: wrapUpChoice.value, note: notes.value.trim() });
  if (ok) {
    notes.value = '';
    void loadDesk(); // today's figures now count this call
  }
}

export function WrapUp() {
  const d = desk.value;
  const [codes, setCodes] = useState<Code[]>([]);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [choice, setChoice] = useState<string | null>(null);
  useEffect(() => {
    api
      .get<Code[]>(`/api/codes${query({ kind: 'disposition' })}`)
      .then(setCodes)
      .catch(setLoadError);
  }, []);
  if (!d || d.state !== 'wrap-up') return null;
  const tenant = tenantId();
  const list = codes.filter((c) => !tenant || !('tenant' in c) || (c as unknown as { tenant: number }).tenant === tenant);
  const value = choice ?? suggestedDisposition(list, done.value);
  wrapUpChoice.value = value;
  const left = wrapUpLeft(d, now.value);
  const topic = callTopic(d.wrap_up, lastCall.value?.call === d.wrap_up?.call ? lastCall.value : null);
  const busy = !!actionBusy.value;
  return (
    <Panel title={t('agent.wrap.title')} class="agent-wrap">
      <form
        data-testid="wrap-up"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void finishWrapUp();
        }}
      >
        <p class="muted">
          {displayNumber(callerNumber()) ? t('agent.wrap.call', { number: displayNumber(callerNumber())! }) : t('agent.wrap.withheld')}
          {left !== null ? ` · ${t('agent.state.wrapUpLeft', { time: duration(left) })}` : ''}
          {topic ? <span data-testid="wrap-up-topic"> · {t('agent.call.topic', { topic })}</span> : null}
        </p>
        <Field label={t('agent.wrap.disposition')}>
          <select name="disposition" value={value} onChange={(e) => setChoice((e.target as HTMLSelectElement).value)}>
            <option value="">{t('agent.wrap.noCode')}</option>
            {list.map((c) => (
              <option value={c.code}>{codeLabel(c.label, lang.value)}</option>
            ))}
          </select>
        </Field>
        <ErrorNote error={loadError} />
        <Field label={t('agent.wrap.note')}>
          <textarea name="wrap-up-note" id="agent-wrap-note" rows={3} value={notes.value} onInput={(e) => (notes.value = (e.target as HTMLTextAreaElement).value)} />
        </Field>
        <ErrorNote error={errorOf('wrap-up', 'ready')} />
        <Button kind="primary" type="submit" data-testid="finish-wrap-up" disabled={busy} aria-keyshortcuts="Alt+W">
          {t('agent.wrap.finish')} <kbd>{labelOf('finishWrapUp')}</kbd>
        </Button>
      </form>
    </Panel>
  );
}
