// Who is calling: the matched card (with its timeline, orders and cases), a
// choice when the number is shared, or a search and a new card when nobody
// matches.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, query } from '../core/api';
import { lang, t } from '../core/i18n';
import { dateTime, duration, money } from '../core/format';
import { Button, ErrorNote, Field, Panel } from '../core/ui';
import type { Contact, Customer, CustomerSummary, TimelineItem } from './types';
import { displayNumber } from './deskState';
import {
  callerNumber,
  clearCustomer,
  customer,
  customerBusy,
  customerError,
  lookup,
  orderForm,
  queueName,
  selectCustomer,
  timeline,
  workCall,
} from './store';
import { newReceiver } from './orderForm';
import { labelOf } from './shortcuts';

function Rights({ c }: { c: { may_accept: boolean; may_pay: boolean; may_sign: boolean } }) {
  const list = [
    c.may_accept ? t('agent.rights.accept') : null,
    c.may_pay ? t('agent.rights.pay') : null,
    c.may_sign ? t('agent.rights.sign') : null,
  ].filter(Boolean);
  return <span class="muted">{list.length ? list.join(', ') : t('agent.rights.none')}</span>;
}

function addReceiver(c: Contact) {
  const f = orderForm.value;
  if (f.receivers.some((r) => r.name === c.name && r.phone === c.phone)) return;
  orderForm.value = { ...f, receivers: [...f.receivers, newReceiver(c)] };
}

function TimelineRow({ item }: { item: TimelineItem }) {
  const l = lang.value;
  if (item.kind === 'order' && item.order) {
    const o = item.order;
    return (
      <li class="agent-tl-item">
        <span class="agent-tl-kind">{t('agent.tl.order', { id: o.id })}</span>
        <span class={`badge agent-status-${o.status}`}>{t(`agent.orderStatus.${o.status}`)}</span>
        <span class="num">{money(o.total, l)}</span>
        <span class="muted">{t('agent.tl.delivery', { date: o.delivery_date })}</span>
      </li>
    );
  }
  if (item.kind === 'case' && item.case) {
    const k = item.case;
    return (
      <li class="agent-tl-item">
        <span class="agent-tl-kind">{t(`agent.caseKind.${k.kind}`)} №{k.id}</span>
        <span class="badge">{t(`agent.caseStatus.${k.status}`)}</span>
        <span class="agent-tl-text">{k.summary}</span>
        <span class="muted">{dateTime(item.at, l)}</span>
      </li>
    );
  }
  if (item.kind === 'callback' && item.callback) {
    const b = item.callback;
    return (
      <li class="agent-tl-item">
        <span class="agent-tl-kind">{t('agent.tl.callback')}</span>
        <span class="badge">{t(`agent.callbackStatus.${b.status}`)}</span>
        <span class="agent-tl-text">{b.reason}</span>
        <span class="muted">{dateTime(b.due_at, l)}</span>
      </li>
    );
  }
  const call = (item.call ?? {}) as {
    queue?: number;
    talk_ms?: number;
    outcome?: string;
    disposition?: string | null;
    note?: string | null;
    topic?: string;
  };
  return (
    <li class="agent-tl-item">
      <span class="agent-tl-kind">{t('agent.tl.call')}</span>
      <span class="muted">{dateTime(item.at, l)}</span>
      <span>{queueName(call.queue)}</span>
      {call.talk_ms ? <span class="num">{duration(call.talk_ms)}</span> : null}
      {call.topic ? <span class="agent-tl-text" data-testid="call-topic">{call.topic}</span> : null}
      {call.outcome ? <span class="badge">{call.outcome}</span> : null}
      {call.disposition ? <span class="badge">{call.disposition}</span> : null}
      {call.note ? <span class="agent-tl-text">{call.note}</span> : null}
    </li>
  );
}

type Tab = 'all' | 'order' | 'case' | 'call';

function CustomerCard({ c }: { c: Customer }) {
  const [tab, setTab] = useState<Tab>('all');
  const items = timeline.value.filter((i) => tab === 'all' || i.kind === tab || (tab === 'call' && i.kind === 'callback'));
  const count = (k: string) => timeline.value.filter((i) => i.kind === k).length;
  return (
    <div class="agent-card" data-testid="customer-card" id="agent-customer-card" tabIndex={-1}>
      <div class="agent-card-head">
        <h3 class="agent-card-name" data-testid="customer-name">{c.name}</h3>
        <span class="badge">{t(`agent.customer.kind.${c.kind}`)}</span>
        {c.customer_group_id ? <span class="badge badge-ok">{t('agent.customer.group', { id: c.customer_group_id })}</span> : null}
      </div>
      <dl class="agent-card-facts">
        {c.phones.length ? (
          <>
            <dt>{t('agent.customer.phones')}</dt>
            <dd>
              {c.phones.map((p) => (
                <span class="agent-card-phone">
                  {p.display || p.number}
                  {p.label ? <span class="muted"> ({p.label})</span> : null}
                </span>
              ))}
            </dd>
          </>
        ) : null}
        {c.emails.length ? (
          <>
            <dt>{t('agent.customer.emails')}</dt>
            <dd>{c.emails.join(', ')}</dd>
          </>
        ) : null}
        {c.addresses.length ? (
          <>
            <dt>{t('agent.customer.addresses')}</dt>
            <dd>
              {c.addresses.map((a) => (
                <div>{a}</div>
              ))}
            </dd>
          </>
        ) : null}
        {c.note ? (
          <>
            <dt>{t('agent.customer.note')}</dt>
            <dd>{c.note}</dd>
          </>
        ) : null}
      </dl>
      {c.contacts.length ? (
        <div class="agent-card-contacts">
          <h3>{t('agent.customer.contacts')}</h3>
          <ul>
            {c.contacts.map((p) => (
              <li>
                <span>
                  {p.name}
                  {p.position ? <span class="muted"> · {p.position}</span> : null}
                  {p.phone ? <span class="muted"> · {displayNumber(p.phone)}</span> : null}
                </span>
                <Rights c={p} />
                <button type="button" class="btn btn-plain agent-small" onClick={() => addReceiver(p)}>
                  {t('agent.customer.asReceiver')}
                </button>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <div class="tabs agent-tl-tabs" role="tablist" aria-label={t('agent.tl.title')}>
        {(
          [
            ['all', t('agent.tl.all', { n: timeline.value.length })],
            ['order', t('agent.tl.orders', { n: count('order') })],
            ['case', t('agent.tl.cases', { n: count('case') })],
            ['call', t('agent.tl.calls', { n: count('call') + count('callback') })],
          ] as [Tab, string][]
        ).map(([k, label]) => (
          <button type="button" role="tab" aria-selected={tab === k} class={tab === k ? 'active' : ''} onClick={() => setTab(k)}>
            {label}
          </button>
        ))}
      </div>
      {items.length ? (
        <ul class="agent-tl" data-testid="customer-timeline">
          {items.map((i) => (
            <TimelineRow item={i} />
          ))}
        </ul>
      ) : (
        <p class="muted">{t('agent.tl.empty')}</p>
      )}
    </div>
  );
}

function NewCustomer({ initialName }: { initialName: string }) {
  const [kind, setKind] = useState<'person' | 'organisation'>('person');
  const [typedName, setName] = useState<string | null>(null);
  const name = typedName ?? initialName; // follows the search until typed over
  const [phone, setPhone] = useState(callerNumber() ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  async function create(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const body: Record<string, unknown> = { kind, name: name.trim(), phones: phone.trim() ? [{ number: phone.trim() }] : [] };
      const tenant = lookup.value?.tenant_id;
      if (tenant) body.tenant_id = tenant;
      const created = await api.post<Customer>('/api/customers', body);
      await selectCustomer(created.id);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }
  return (
    <form class="agent-new-customer" onSubmit={create} aria-label={t('agent.customer.new')}>
      <h3>{t('agent.customer.new')}</h3>
      <div class="row">
        <Field label={t('agent.customer.kindLabel')}>
          <select name="new-customer-kind" value={kind} onChange={(e) => setKind((e.target as HTMLSelectElement).value as 'person')}>
            <option value="person">{t('agent.customer.kind.person')}</option>
            <option value="organisation">{t('agent.customer.kind.organisation')}</option>
          </select>
        </Field>
        <Field label={t('agent.customer.phone')}>
          <input name="new-customer-phone" value={phone} onInput={(e) => setPhone((e.target as HTMLInputElement).value)} />
        </Field>
      </div>
      <Field label={t('agent.customer.name')}>
        <input name="new-customer-name" value={name} required onInput={(e) => setName((e.target as HTMLInputElement).value)} />
      </Field>
      <ErrorNote error={error} />
      <Button type="submit" data-testid="create-customer" disabled={busy || !name.trim()}>
        {t('agent.customer.create')}
      </Button>
    </form>
  );
}

export function CustomerPanel() {
  const c = customer.value;
  const found = lookup.value && workCall.value !== null && lookup.value.call === workCall.value ? lookup.value : null;
  const [q, setQ] = useState('');
  const [results, setResults] = useState<CustomerSummary[] | null>(null);
  const [searchError, setSearchError] = useState<unknown>(null);
  const seq = useRef(0);
  const [showNew, setShowNew] = useState(false);

  useEffect(() => {
    const text = q.trim();
    if (text.length < 2) {
      setResults(null);
      setSearchError(null);
      return;
    }
    const mine = ++seq.current;
    const timer = setTimeout(async () => {
      try {
        const list = await api.get<CustomerSummary[]>(`/api/customers${query({ q: text, limit: 10 })}`);
        if (mine === seq.current) {
          setResults(list);
          setSearchError(null);
        }
      } catch (e) {
        if (mine === seq.current) setSearchError(e);
      }
    }, 200);
    return () => clearTimeout(timer);
  }, [q]);

  const choices = !c && found && found.matches.length > 1 ? found.matches : null;
  const nobody = !c && found && found.matches.length === 0;
  return (
    <Panel
      title={t('agent.customer.title')}
      class="agent-customer"
      actions={
        c ? (
          <Button class="agent-small" onClick={() => clearCustomer()} data-testid="change-customer">
            {t('agent.customer.change')}
          </Button>
        ) : null
      }
    >
      {customerBusy.value && !c ? <p class="muted">{t('core.loading')}</p> : null}
      <ErrorNote error={customerError.value} />
      {c ? <CustomerCard c={c} /> : null}
      {choices ? (
        <div class="agent-choices" role="group" aria-label={t('agent.customer.shared')}>
          <p class="notice">{t('agent.customer.shared')}</p>
          {choices.map((m) => (
            <button type="button" class="btn agent-choice" data-testid="customer-choice" onClick={() => void selectCustomer(m.id)}>
              <strong>{m.name}</strong> <span class="muted">{t(`agent.customer.kind.${m.kind}`)}</span>
            </button>
          ))}
        </div>
      ) : null}
      {nobody ? (
        <p class="notice">{found!.withheld ? t('agent.customer.withheld') : t('agent.customer.noMatch', { number: displayNumber(found!.number) ?? '' })}</p>
      ) : null}
      {!c ? (
        <>
          <Field label={t('agent.customer.search')}>
            <span class="agent-search-row">
              <input
                type="search"
                data-testid="customer-search"
                id="agent-customer-search"
                value={q}
                placeholder={t('agent.customer.searchHint')}
                onInput={(e) => setQ((e.target as HTMLInputElement).value)}
                aria-keyshortcuts="Alt+C"
              />
              <kbd>{labelOf('customerSearch')}</kbd>
            </span>
          </Field>
          <ErrorNote error={searchError} />
          {results ? (
            results.length ? (
              <ul class="agent-results">
                {results.map((m) => (
                  <li>
                    <button type="button" class="btn btn-plain agent-result" data-testid="customer-result" onClick={() => void selectCustomer(m.id)}>
                      <strong>{m.name}</strong>
                      <span class="muted"> · {m.phones.map((p) => displayNumber(p)).join(', ')}</span>
                    </button>
                  </li>
                ))}
              </ul>
            ) : (
              <p class="muted">{t('agent.customer.notFound')}</p>
            )
          ) : null}
          {nobody || showNew || (results && results.length === 0) ? (
            <NewCustomer initialName={/\d/.test(q) ? '' : q.trim()} />
          ) : (
            <Button class="agent-small" onClick={() => setShowNew(true)}>
              {t('agent.customer.new')}
            </Button>
          )}
        </>
      ) : null}
    </Panel>
  );
}
