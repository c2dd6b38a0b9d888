// A complaint, remark, suggestion or request, sent to the department its
// category names (with the category's time limit).
import { useEffect, useState } from 'preact/hooks';
import { api } from '../core/api';
import { lang, t } from '../core/i18n';
import { dateTime } from '../core/format';
import { Button, ErrorNote, Field, Panel } from '../core/ui';
import type { CaseCategory } from './types';
import { caseSummary } from './caseForm';
import { confirmed, customer, desk, done, refreshTimeline, tenantId, workCall } from './store';
import { labelOf } from './shortcuts';

interface OpenedCase {
  id: number;
  category: string;
  due_at: string;
  department_name?: string;
}

const kinds = ['complaint', 'remark', 'suggestion', 'request'] as const;

export function CaseForm() {
  const [categories, setCategories] = useState<CaseCategory[]>([]);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [kind, setKind] = useState<string>('complaint');
  const [category, setCategory] = useState('');
  const [summary, setSummary] = useState('');
  const [text, setText] = useState('');
  const [linkOrder, setLinkOrder] = useState(true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [opened, setOpened] = useState<OpenedCase | null>(null);

  useEffect(() => {
    api
      .get<CaseCategory[]>('/api/case-categories')
      .then(setCategories)
      .catch(setLoadError);
  }, []);
  // A new call starts a new case form: the desk mounts one per call (key).

  const tenant = tenantId();
  const list = categories.filter((c) => !tenant || c.tenant_id === tenant);
  const chosen = list.find((c) => c.code === category) ?? list[0];
  const order = confirmed.value;

  async function open(e: Event) {
    e.preventDefault();
    setError(null);
    if (!text.trim() && !summary.trim()) {
      setError(new Error(t('agent.case.needText')));
      return;
    }
    setBusy(true);
    try {
      const body: Record<string, unknown> = {
        kind,
        category: chosen?.code ?? '',
        summary: caseSummary(summary, text),
        details: text.trim(),
      };
      const tid = tenant ?? chosen?.tenant_id;
      if (tid) body.tenant_id = tid;
      if (customer.value) body.customer_id = customer.value.id;
      const callId = desk.value?.call?.call ?? desk.value?.wrap_up?.call ?? workCall.value;
      if (callId) body.call_id = callId;
      if (order && linkOrder) body.order_id = order.id;
      const created = await api.post<OpenedCase>('/api/cases', body);
      setOpened(created);
      done.value = { ...done.value, caseOpened: true };
      void refreshTimeline();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  if (opened) {
    const cat = categories.find((c) => c.code === opened.category);
    return (
      <Panel title={t('agent.case.title')} class="agent-case">
        <div data-testid="case-opened" role="status" class="agent-done">
          <p>
            <strong>{t('agent.case.opened', { id: opened.id })}</strong>
          </p>
          <p class="muted">{t('agent.case.routed', { category: cat?.label ?? opened.category, due: dateTime(opened.due_at, lang.value) })}</p>
          {opened.department_name ? <p class="muted">{t('agent.case.department', { name: opened.department_name })}</p> : null}
          <Button
            onClick={() => {
              setOpened(null);
              setSummary('');
              setText('');
            }}
          >
            {t('agent.case.another')}
          </Button>
        </div>
      </Panel>
    );
  }

  return (
    <Panel title={t('agent.case.title')} class="agent-case" actions={<kbd>{labelOf('caseForm')}</kbd>}>
      <form data-testid="case-form" id="agent-case-form" noValidate onSubmit={open} aria-label={t('agent.case.title')}>
        <div class="row">
          <Field label={t('agent.case.kind')}>
            <select name="case-kind" value={kind} onChange={(e) => setKind((e.target as HTMLSelectElement).value)} aria-keyshortcuts="Alt+K">
              {kinds.map((k) => (
                <option value={k}>{t(`agent.caseKind.${k}`)}</option>
              ))}
            </select>
          </Field>
          <Field label={t('agent.case.category')}>
            <select name="case-category" value={chosen?.code ?? ''} onChange={(e) => setCategory((e.target as HTMLSelectElement).value)}>
              {list.map((c) => (
                <option value={c.code}>{c.label}</option>
              ))}
            </select>
          </Field>
        </div>
        {chosen ? <p class="muted agent-small-text">{t('agent.case.sla', { hours: Math.round((chosen.sla_minutes / 60) * 10) / 10 })}</p> : null}
        <ErrorNote error={loadError} />
        <Field label={t('agent.case.summary')} hint={t('agent.case.summaryHint')}>
          <input name="case-summary" value={summary} maxLength={300} onInput={(e) => setSummary((e.target as HTMLInputElement).value)} />
        </Field>
        <Field label={t('agent.case.text')}>
          <textarea name="case-text" rows={3} value={text} onInput={(e) => setText((e.target as HTMLTextAreaElement).value)} />
        </Field>
        {order ? (
          <label class="agent-check">
            <input type="checkbox" checked={linkOrder} onChange={(e) => setLinkOrder((e.target as HTMLInputElement).checked)} />{' '}
            {t('agent.case.linkOrder', { id: order.id })}
          </label>
        ) : null}
        {!customer.value ? <p class="muted agent-small-text">{t('agent.case.noCustomer')}</p> : null}
        <ErrorNote error={error} />
        <Button kind="primary" type="submit" data-testid="open-case" disabled={busy || !chosen}>
          {t('agent.case.open')}
        </Button>
      </form>
    </Panel>
  );
}
