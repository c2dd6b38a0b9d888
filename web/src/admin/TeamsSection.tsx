// Teams: the company's teams with lead and members; create a team; move
// people in and out of a team (a person is in at most one team).
import { useEffect, useState } from 'preact/hooks';
import { api } from '../core/api';
import { t } from '../core/i18n';
import { Button, ErrorNote, Panel } from '../core/ui';
import type { Errors } from './forms';
import { reload, teams, userName, users } from './data';
import { AField, Row, Split, useForm } from './shared';
import { ListPanel, sidePane, useSelection } from './section';
import { EditorForm, FormActions, useAction, useEditor } from './editor';

export default function TeamsSection({ edit, tenant }: { edit: boolean; tenant: number }) {
  const sel = useSelection(edit);
  const [loadError, setLoadError] = useState<unknown>(null);

  useEffect(() => {
    Promise.all([reload.teams(), reload.users()]).catch(setLoadError);
  }, []);

  const list = teams.value.filter((x) => x.tenant === tenant);
  const current = list.find((x) => x.id === sel.selected) ?? null;

  return (
    <Split
      list={
        <ListPanel
          title={t('admin.teams.title')}
          newLabel={t('admin.teams.new')}
          onNew={sel.onNew}
          error={loadError}
          empty={list.length === 0}
          head={
            <>
              <th>{t('admin.teams.name')}</th>
              <th>{t('admin.teams.lead')}</th>
              <th class="num">{t('admin.teams.members')}</th>
            </>
          }
        >
          {list.map((x) => (
            <Row selected={x.id === sel.selected} onOpen={() => sel.open(x.id)}>
              <td>{x.name}</td>
              <td>{userName(x.lead)}</td>
              <td class="num">{users.value.filter((u) => u.team === x.id).length}</td>
            </Row>
          ))}
        </ListPanel>
      }
      form={sidePane({
        edit,
        creating: sel.creating,
        current,
        hint: t('admin.teams.hint'),
        readHint: t('admin.teams.hint_read'),
        showWhenReading: true,
        editor: (team) =>
          team ? <Members teamId={team.id} tenant={tenant} edit={edit} /> : <TeamForm tenant={tenant} onDone={sel.open} onCancel={sel.cancel} />,
      })}
    />
  );
}

function TeamForm({ tenant, onDone, onCancel }: { tenant: number; onDone: (id: number) => void; onCancel: () => void }) {
  const { form, text, choice } = useForm({ name: '', lead: '' });
  const ed = useEditor(true);
  const leads = leadChoices(tenant);

  const save = (e: Event) => {
    e.preventDefault();
    const errs: Errors = {};
    if (!form.name.trim()) errs.name = { key: 'admin.v.required' };
    void ed.submit(errs, async () => {
      const body: Record<string, unknown> = { name: form.name.trim(), tenant };
      if (form.lead) body.lead = Number(form.lead);
      const created = await api.post<{ id: number }>('/api/teams', body);
      await reload.teams();
      onDone(created.id);
    });
  };

  return (
    <EditorForm title={t('admin.teams.new')} formRef={ed.formRef} onSubmit={save}>
      <AField label={t('admin.teams.name')} error={ed.errors.name}>
        <input {...text('name')} />
      </AField>
      <AField label={t('admin.teams.lead')} hint={t('admin.teams.lead_hint')}>
        <select {...choice('lead')}>
          <option value="">{t('admin.teams.no_lead')}</option>
          {leads.map((u) => (
            <option value={String(u.id)}>{u.name || u.login} ({t(`core.role.${u.role}`)})</option>
          ))}
        </select>
      </AField>
      <FormActions error={ed.error} busy={ed.busy} creating onCancel={onCancel} />
    </EditorForm>
  );
}

// Active people of the company, team leads first.
function leadChoices(tenant: number) {
  const rank = (r: string) => (r === 'team_lead' ? 0 : r === 'supervisor' ? 1 : 2);
  return users.value
    .filter((u) => u.tenants.includes(tenant) && !u.disabled)
    .sort((a, b) => rank(a.role) - rank(b.role) || (a.name || a.login).localeCompare(b.name || b.login));
}

function LeadForm({ teamId, tenant, lead }: { teamId: number; tenant: number; lead: number | null }) {
  const [value, setValue] = useState(lead ? String(lead) : '');
  const { error, busy, run } = useAction();
  const [done, setDone] = useState(false);
  const save = async (e: Event) => {
    e.preventDefault();
    setDone(false);
    await run(async () => {
      await api.patch(`/api/teams/${teamId}`, { lead: value ? Number(value) : null });
      await reload.teams();
      setDone(true);
    });
  };
  return (
    <>
      <form class="admin-inline-form" data-testid="admin-lead-form" onSubmit={save}>
        <label class="field">
          <span class="field-label">{t('admin.teams.lead')}</span>
          <select value={value} onChange={(e) => setValue((e.target as HTMLSelectElement).value)}>
            <option value="">{t('admin.teams.no_lead')}</option>
            {leadChoices(tenant).map((u) => (
              <option value={String(u.id)}>{u.name || u.login} ({t(`core.role.${u.role}`)})</option>
            ))}
          </select>
        </label>
        <Button type="submit" disabled={busy || value === (lead ? String(lead) : '')}>{t('admin.teams.set_lead')}</Button>
      </form>
      <ErrorNote error={error} />
      {done && !error ? <p class="notice" role="status">{t('admin.saved')}</p> : null}
    </>
  );
}

function Members({ teamId, tenant, edit }: { teamId: number; tenant: number; edit: boolean }) {
  const team = teams.value.find((x) => x.id === teamId)!;
  const members = users.value.filter((u) => u.team === teamId);
  const others = users.value.filter((u) => u.tenants.includes(tenant) && u.team !== teamId && !u.disabled);
  const [adding, setAdding] = useState('');
  const { error, busy, run } = useAction();

  const move = (userId: number, team: number | null) =>
    run(async () => {
      await api.patch(`/api/users/${userId}`, { team });
      await reload.users();
      setAdding('');
    });

  return (
    <Panel title={team.name}>
      {edit ? (
        <LeadForm key={`${team.id}:${team.lead}`} teamId={team.id} tenant={tenant} lead={team.lead} />
      ) : (
        <p class="muted">
          {t('admin.teams.lead')}: {userName(team.lead)}
        </p>
      )}
      <h3>{t('admin.teams.people')}</h3>
      <ul class="admin-members">
        {members.map((u) => (
          <li>
            <span>{u.name || u.login}</span> <span class="muted">{t(`core.role.${u.role}`)}</span>
            {edit ? (
              <Button disabled={busy} onClick={() => move(u.id, null)} aria-label={`${t('admin.teams.remove')}: ${u.name || u.login}`}>
                {t('admin.teams.remove')}
              </Button>
            ) : null}
          </li>
        ))}
        {members.length === 0 ? <li class="muted">{t('admin.teams.empty')}</li> : null}
      </ul>
      {edit ? (
        <form
          class="admin-inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (adding) void move(Number(adding), teamId);
          }}
        >
          <label class="field">
            <span class="field-label">{t('admin.teams.add')}</span>
            <select value={adding} onChange={(e) => setAdding((e.target as HTMLSelectElement).value)}>
              <option value="">—</option>
              {others.map((u) => (
                <option value={String(u.id)}>
                  {u.name || u.login}
                  {u.team ? ` (${t('admin.teams.now_in', { team: teams.value.find((x) => x.id === u.team)?.name ?? '' })})` : ''}
                </option>
              ))}
            </select>
          </label>
          <Button type="submit" disabled={busy || !adding}>{t('admin.teams.add_button')}</Button>
        </form>
      ) : null}
      <ErrorNote error={error} />
      {edit ? <p class="field-hint">{t('admin.teams.no_rename')}</p> : null}
    </Panel>
  );
}
