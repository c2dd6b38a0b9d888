// For supervisors and admins: give the order to a named manager, or let the
// hand-off rules choose again.
import { useEffect, useState } from 'preact/hooks';
import { plural, t } from '../core/i18n';
import { Button, ErrorNote } from '../core/ui';
import { draftOf, loadManagers, managers, people, reassign, setDraft } from './store';
import type { Order } from './types';

export function managerName(id: number | null | undefined): string {
  if (id === null || id === undefined) return t('manager.nobody');
  return people.value[id] ?? t('manager.managerNo', { id });
}

export function Reassign({ order }: { order: Order }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [listError, setListError] = useState<unknown>(null);
  const list = managers.value[order.tenant_id];
  const draft = draftOf(order.id);

  useEffect(() => {
    setError(null);
    if (!list) loadManagers(order.tenant_id).catch(setListError);
  }, [order.id, order.tenant_id]);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await reassign(order.id, draft.manager ? Number(draft.manager) : null, draft.assignComment.trim());
      setDraft(order.id, { manager: '', assignComment: '' });
      void loadManagers(order.tenant_id).catch(() => undefined);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="mgr-assign" onSubmit={submit} noValidate aria-label={t('manager.assign.title')}>
      <h3>{t('manager.assign.title')}</h3>
      <ErrorNote error={listError} />
      <div class="mgr-status-row">
        <label class="field">
          <span class="field-label">{t('manager.assign.to')}</span>
          <select name="assign-manager" value={draft.manager} onChange={(e) => setDraft(order.id, { manager: e.currentTarget.value })}>
            <option value="">{t('manager.assign.byRules')}</option>
            {(list ?? []).filter((m) => m.active).map((m) => (
              <option value={String(m.user_id)} disabled={m.user_id === order.manager_id}>
                {managerName(m.user_id)} — {plural('manager.assign.load', m.open_orders)}
                {m.regions.length ? ` — ${m.regions.join(', ')}` : ''}
                {m.user_id === order.manager_id ? ` (${t('manager.assign.current')})` : ''}
              </option>
            ))}
          </select>
        </label>
        <label class="field mgr-grow">
          <span class="field-label">{t('manager.assign.comment')}</span>
          <input
            type="text"
            name="assign-comment"
            value={draft.assignComment}
            onInput={(e) => setDraft(order.id, { assignComment: e.currentTarget.value })}
          />
        </label>
        <Button type="submit" data-testid="reassign" disabled={busy} class="mgr-assign-btn">
          {busy ? t('manager.change.saving') : t('manager.assign.go')}
        </Button>
      </div>
      <ErrorNote error={error} />
    </form>
  );
}
