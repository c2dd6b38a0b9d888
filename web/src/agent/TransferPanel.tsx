// Where to send the caller: a queue, a colleague (with their state), the team
// lead or an outside number. "Transfer now" is blind: the call leaves this
// desk at once. "Consult first" puts the caller on hold and rings the other
// party; the consult bar (ConsultBar) then hands the caller over, joins all
// three or returns to the caller.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../core/api';
import { t } from '../core/i18n';
import { Button, ErrorNote, Field } from '../core/ui';
import type { TransferTargets } from './types';
import { actionBusy, deskAction, errorOf, queues } from './store';
import { rememberConsult } from './consult';
import { focusSoon } from './shortcuts';

type Kind = 'queue' | 'agent' | 'team_lead' | 'external';

export function TransferPanel({ onDone }: { onDone: () => void }) {
  const [targets, setTargets] = useState<TransferTargets | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [kind, setKind] = useState<Kind>('queue');
  const [target, setTarget] = useState('');
  const [number, setNumber] = useState('');

  useEffect(() => {
    api
      .get<TransferTargets>('/api/agent/transfer-targets')
      .then((tt) => setTargets(tt))
      .catch((e) => {
        // Until the server lists targets, the queues still come from /api/queues.
        setLoadError(e);
        setTargets({ queues: queues.value, agents: [], team_leads: [] });
      });
    focusSoon('select[name="transfer-to"]');
  }, []);

  const options =
    kind === 'queue'
      ? (targets?.queues ?? []).map((q) => ({ id: q.id, text: q.name, name: q.name }))
      : kind === 'agent'
        ? (targets?.agents ?? []).map((a) => ({ id: a.id, text: `${a.name} — ${t(`core.state.${a.state}`)}`, name: a.name }))
        : [];
  const leads = targets?.team_leads ?? [];
  const chosen = target || (options[0] ? String(options[0].id) : '');
  const dialled = number.trim();
  const ready = kind === 'team_lead' ? true : kind === 'external' ? dialled !== '' : chosen !== '';
  // A consult rings one person: the team lead is consulted by name, so only when the server lists one.
  const canConsult = kind === 'team_lead' ? leads.length > 0 : ready;

  // The target as both endpoints take it; the team lead is named by the server
  // for a transfer, and by id (as a colleague) for a consult.
  type Target = { to: string; agent?: number; queue?: number; number?: string };
  function bodyFor(forConsult: boolean): Target {
    if (kind === 'queue') return { to: 'queue', queue: Number(chosen) };
    if (kind === 'agent') return { to: 'agent', agent: Number(chosen) };
    if (kind === 'external') return { to: 'external', number: dialled };
    return forConsult ? { to: 'agent', agent: leads[0].id } : { to: 'team_lead' };
  }

  async function transfer(e: Event) {
    e.preventDefault();
    if (await deskAction('transfer', '/api/agent/transfer', bodyFor(false))) onDone();
  }

  async function consult() {
    const body = bodyFor(true);
    const label =
      kind === 'external' ? dialled : kind === 'team_lead' ? leads[0].name : (options.find((o) => String(o.id) === chosen)?.name ?? '');
    if (await deskAction('consult', '/api/agent/consult', body)) {
      rememberConsult(body, label);
      onDone();
    }
  }

  return (
    <form class="agent-transfer" onSubmit={transfer} aria-label={t('agent.transfer.title')}>
      <div class="row">
        <Field label={t('agent.transfer.to')}>
          <select
            name="transfer-to"
            value={kind}
            onChange={(e) => {
              setKind((e.target as HTMLSelectElement).value as Kind);
              setTarget('');
            }}
          >
            <option value="queue">{t('agent.transfer.queue')}</option>
            <option value="agent">{t('agent.transfer.agent')}</option>
            <option value="team_lead">{t('agent.transfer.teamLead')}</option>
            <option value="external">{t('agent.transfer.external')}</option>
          </select>
        </Field>
        {kind === 'external' ? (
          <Field label={t('agent.transfer.number')} hint={t('agent.transfer.numberHint')}>
            <input
              name="transfer-number"
              type="tel"
              inputMode="tel"
              autocomplete="off"
              value={number}
              onInput={(e) => setNumber((e.target as HTMLInputElement).value)}
            />
          </Field>
        ) : kind !== 'team_lead' ? (
          <Field label={kind === 'queue' ? t('agent.transfer.whichQueue') : t('agent.transfer.whichAgent')}>
            <select name="transfer-target" value={chosen} onChange={(e) => setTarget((e.target as HTMLSelectElement).value)}>
              {options.map((o) => (
                <option value={String(o.id)}>{o.text}</option>
              ))}
            </select>
          </Field>
        ) : (
          <p class="agent-transfer-lead">
            {leads.length
              ? leads.map((l) => `${l.name} — ${t(`core.state.${l.state}`)}`).join(', ')
              : t('agent.transfer.leadByServer')}
          </p>
        )}
      </div>
      {(kind === 'agent' || kind === 'team_lead') && loadError ? <ErrorNote error={loadError} /> : null}
      {(kind === 'queue' || kind === 'agent') && targets && options.length === 0 ? <p class="muted">{t('agent.transfer.nobody')}</p> : null}
      <div class="row">
        <Button kind="primary" type="submit" data-testid="transfer-confirm" disabled={!ready || !!actionBusy.value}>
          {t('agent.transfer.go')}
        </Button>
        <Button data-testid="consult-start" disabled={!canConsult || !!actionBusy.value} onClick={() => void consult()}>
          {t('agent.transfer.consult')}
        </Button>
        <Button onClick={onDone}>{t('core.cancel')}</Button>
      </div>
      <ErrorNote error={errorOf('transfer', 'consult')} />
    </form>
  );
}
