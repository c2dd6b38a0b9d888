// Where to send the caller: a queue, a colleague (with their state) or the
// team lead. Blind transfer: the call leaves this desk at once.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../core/api';
import { t } from '../core/i18n';
import { Button, ErrorNote, Field } from '../core/ui';
import type { TransferTargets } from './types';
import { actionBusy, deskAction, errorOf, queues } from './store';
import { focusSoon } from './shortcuts';

type Kind = 'queue' | 'agent' | 'team_lead';

export function TransferPanel({ onDone }: { onDone: () => void }) {
  const [targets, setTargets] = useState<TransferTargets | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [kind, setKind] = useState<Kind>('queue');
  const [target, setTarget] = useState('');

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
      ? (targets?.queues ?? []).map((q) => ({ id: q.id, text: q.name }))
      : kind === 'agent'
        ? (targets?.agents ?? []).map((a) => ({ id: a.id, text: `${a.name} — ${t(`core.state.${a.state}`)}` }))
        : [];
  const leads = targets?.team_leads ?? [];
  const chosen = target || (options[0] ? String(options[0].id) : '');
  const ready = kind === 'team_lead' ? true : chosen !== '';

  async function go(e: Event) {
    e.preventDefault();
    const body =
      kind === 'queue'
        ? { to: 'queue', queue: Number(chosen) }
        : kind === 'agent'
          ? { to: 'agent', agent: Number(chosen) }
          : { to: 'team_lead' };
    if (await deskAction('transfer', '/api/agent/transfer', body)) onDone();
  }

  return (
    <form class="agent-transfer" onSubmit={go} aria-label={t('agent.transfer.title')}>
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
          </select>
        </Field>
        {kind !== 'team_lead' ? (
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
      {kind !== 'queue' && loadError ? <ErrorNote error={loadError} /> : null}
      {kind !== 'team_lead' && targets && options.length === 0 ? <p class="muted">{t('agent.transfer.nobody')}</p> : null}
      <div class="row">
        <Button kind="primary" type="submit" data-testid="transfer-confirm" disabled={!ready || !!actionBusy.value}>
          {t('agent.transfer.go')}
        </Button>
        <Button onClick={onDone}>{t('core.cancel')}</Button>
      </div>
      <ErrorNote error={errorOf('transfer')} />
    </form>
  );
}
