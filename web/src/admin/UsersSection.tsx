// Users: the list of the company's people; create with role, team, companies
// and password; edit; disable / enable; set a new password; routing profile;
// the SIP phone of those who take calls.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { api } from '../core/api';
import { lang, t } from '../core/i18n';
import { dateTime } from '../core/format';
import { Badge, Button, ErrorNote, Panel } from '../core/ui';
import type { User, UserForm } from './forms';
import { emptyUserForm, roles, userCreateBody, userPatchBody, userToForm, validateUser } from './forms';
import { reload, teamName, teams, tenantName, tenants, users } from './data';
import { AField, ConfirmButton, msgText, Row, SearchBox, Split, useForm } from './shared';
import { ListPanel, sidePane, useSelection } from './section';
import { EditorForm, FormActions, useAction, useEditor } from './editor';
import { ProfileEditor } from './ProfileEditor';
import { SipPhone } from './SipPhone';

export default function UsersSection({ edit, tenant }: { edit: boolean; tenant: number }) {
  const [q, setQ] = useState('');
  const [showDisabled, setShowDisabled] = useState(true);
  const [loadError, setLoadError] = useState<unknown>(null);
  const search = useRef<HTMLInputElement>(null);
  const sel = useSelection(edit, search);

  useEffect(() => {
    Promise.all([reload.users(), reload.teams()]).catch(setLoadError);
  }, []);

  const list = useMemo(() => {
    const words = q.trim().toLowerCase().split(/\s+/).filter(Boolean);
    return users.value
      .filter((u) => u.tenants.includes(tenant))
      .filter((u) => showDisabled || !u.disabled)
      .filter((u) => words.every((w) => `${u.login} ${u.name} ${t(`core.role.${u.role}`)}`.toLowerCase().includes(w)));
  }, [users.value, q, tenant, showDisabled, lang.value]);

  const current = users.value.find((u) => u.id === sel.selected) ?? null;

  return (
    <Split
      list={
        <ListPanel
          title={t('admin.users.title')}
          newLabel={t('admin.users.new')}
          onNew={sel.onNew}
          error={loadError}
          empty={list.length === 0}
          before={
            <div class="admin-filters">
              <SearchBox value={q} onInput={setQ} inputRef={search} label={t('admin.users.search')} />
              <label class="admin-check">
                <input type="checkbox" checked={showDisabled} onChange={(e) => setShowDisabled((e.target as HTMLInputElement).checked)} />
                {t('admin.users.show_disabled')}
              </label>
              <span class="muted">{t('admin.count', { n: list.length })}</span>
            </div>
          }
          head={
            <>
              <th>{t('admin.users.login')}</th>
              <th>{t('admin.users.name')}</th>
              <th>{t('admin.users.role')}</th>
              <th>{t('admin.users.team')}</th>
              <th>{t('admin.users.state')}</th>
            </>
          }
        >
          {list.map((u) => (
            <Row selected={u.id === sel.selected} muted={u.disabled} onOpen={() => sel.open(u.id)}>
              <td>{u.login}</td>
              <td>{u.name}</td>
              <td>{t(`core.role.${u.role}`)}</td>
              <td>{teamName(u.team)}</td>
              <td>{u.disabled ? <Badge tone="bad">{t('admin.users.disabled')}</Badge> : <Badge tone="ok">{t('admin.users.active')}</Badge>}</td>
            </Row>
          ))}
        </ListPanel>
      }
      form={sidePane({
        edit,
        creating: sel.creating,
        current,
        hint: t('admin.users.hint'),
        readHint: t('admin.users.hint_read'),
        showWhenReading: true,
        editor: (user) =>
          user && !edit ? (
            <UserCard user={user} />
          ) : (
            <UserEditor key={user?.id ?? 'new'} user={user} tenant={tenant} onDone={(u) => sel.open(u.id)} onCancel={sel.cancel} />
          ),
      })}
    />
  );
}

function UserCard({ user }: { user: User }) {
  return (
    <Panel title={user.name || user.login}>
      <dl class="admin-dl">
        <dt>{t('admin.users.login')}</dt>
        <dd>{user.login}</dd>
        <dt>{t('admin.users.role')}</dt>
        <dd>{t(`core.role.${user.role}`)}</dd>
        <dt>{t('admin.users.team')}</dt>
        <dd>{teamName(user.team)}</dd>
        <dt>{t('admin.users.tenants')}</dt>
        <dd>{user.tenants.map(tenantName).join(', ')}</dd>
        <dt>{t('admin.users.state')}</dt>
        <dd>{user.disabled ? t('admin.users.disabled') : t('admin.users.active')}</dd>
        <dt>{t('admin.users.created')}</dt>
        <dd>{dateTime(user.created_at, lang.value)}</dd>
      </dl>
    </Panel>
  );
}

function UserEditor({ user, tenant, onDone, onCancel }: {
  user: User | null;
  tenant: number;
  onDone: (u: User) => void;
  onCancel: () => void;
}) {
  const creating = user === null;
  const { form, set, text, choice } = useForm<UserForm>(user ? userToForm(user) : emptyUserForm(tenant));
  const ed = useEditor(creating);
  const { errors } = ed;
  const teamChoices = teams.value.filter((x) => form.tenants.includes(x.tenant));

  const save = (e: Event) => {
    e.preventDefault();
    void ed.submit(validateUser(form, creating), async () => {
      let result: User;
      if (creating) {
        result = await api.post<User>('/api/users', userCreateBody(form));
      } else {
        const body = userPatchBody(user!, form);
        result = Object.keys(body).length ? await api.patch<User>(`/api/users/${user!.id}`, body) : user!;
      }
      await reload.users();
      onDone(result);
    });
  };

  const toggleTenant = (id: number, on: boolean) =>
    set('tenants', on ? [...form.tenants, id].sort((a, b) => a - b) : form.tenants.filter((x) => x !== id));

  return (
    <div class="stack">
      <EditorForm title={creating ? t('admin.users.new') : t('admin.users.edit', { login: user!.login })} formRef={ed.formRef} onSubmit={save}>
        {creating ? (
          <AField label={t('admin.users.login')} error={errors.login} hint={t('admin.users.login_hint')}>
            <input autoComplete="off" {...text('login')} />
          </AField>
        ) : null}
        <AField label={t('admin.users.name')}>
          <input {...text('name')} />
        </AField>
        <div class="row">
          <AField label={t('admin.users.role')}>
            <select {...choice('role')}>
              {roles.map((r) => (
                <option value={r}>{t(`core.role.${r}`)}</option>
              ))}
            </select>
          </AField>
          <AField label={t('admin.users.team')}>
            <select {...choice('team')}>
              <option value="">{t('admin.users.no_team')}</option>
              {teamChoices.map((x) => (
                <option value={String(x.id)}>{x.name}</option>
              ))}
            </select>
          </AField>
        </div>
        <fieldset class={`admin-fieldset ${errors.tenants ? 'admin-invalid' : ''}`}>
          <legend class="field-label">{t('admin.users.tenants')}</legend>
          {tenants.value.map((x) => (
            <label class="admin-check">
              <input type="checkbox" name="tenants" value={String(x.id)} checked={form.tenants.includes(x.id)} onChange={(e) => toggleTenant(x.id, (e.target as HTMLInputElement).checked)} />
              {x.name}
            </label>
          ))}
          {errors.tenants ? <span class="admin-field-error">{msgText(errors.tenants)}</span> : null}
        </fieldset>
        {creating ? (
          <AField label={t('admin.users.password')} error={errors.password} hint={t('admin.users.password_hint')}>
            <input type="password" autoComplete="new-password" {...text('password')} />
          </AField>
        ) : null}
        <FormActions error={ed.error} busy={ed.busy} notice={ed.saved ? t('admin.saved') : null} creating={creating} onCancel={onCancel} />
      </EditorForm>
      {!creating ? <UserAccount user={user!} /> : null}
      {!creating ? <ProfileEditor user={user!} /> : null}
      {!creating ? <SipPhone key={user!.id} user={user!} /> : null}
    </div>
  );
}

// Disable / enable and a new password: separate actions with their own errors.
function UserAccount({ user }: { user: User }) {
  const { error, busy, setBusy, run } = useAction();
  const [password, setPassword] = useState('');
  const [pwError, setPwError] = useState<unknown>(null);
  const [pwCheck, setPwCheck] = useState('');
  const [pwDone, setPwDone] = useState(false);

  const setDisabled = (disabled: boolean) =>
    run(async () => {
      await api.patch(`/api/users/${user.id}`, { disabled });
      await reload.users();
    });

  const resetPassword = async (e: Event) => {
    e.preventDefault();
    setPwDone(false);
    if (password.length < 8) {
      setPwCheck(t('admin.v.password'));
      return;
    }
    setPwCheck('');
    setBusy(true);
    setPwError(null);
    try {
      await api.post(`/api/users/${user.id}/password`, { password });
      setPassword('');
      setPwDone(true);
    } catch (err) {
      setPwError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Panel title={t('admin.users.account')}>
      <div class="admin-actions">
        {user.disabled ? (
          <Button kind="primary" disabled={busy} onClick={() => setDisabled(false)} data-testid="admin-enable">
            {t('admin.users.enable')}
          </Button>
        ) : (
          <ConfirmButton label={t('admin.users.disable')} confirm={t('admin.users.disable_q')} onConfirm={() => setDisabled(true)} disabled={busy} />
        )}
        <span class="muted">{user.disabled ? t('admin.users.disabled_note') : t('admin.users.disable_note')}</span>
      </div>
      <ErrorNote error={error} />
      <form class="admin-inline-form" data-testid="admin-password-form" onSubmit={resetPassword} noValidate>
        <label class={`field ${pwCheck ? 'admin-invalid' : ''}`}>
          <span class="field-label">{t('admin.users.new_password')}</span>
          <input type="password" autoComplete="new-password" placeholder={t('admin.users.password_hint')} value={password} onInput={(e) => setPassword((e.target as HTMLInputElement).value)} />
        </label>
        <Button type="submit" disabled={busy}>{t('admin.users.set_password')}</Button>
      </form>
      {pwCheck ? <p class="error-note" role="alert">{pwCheck}</p> : null}
      <ErrorNote error={pwError} />
      {pwDone ? <p class="notice" role="status">{t('admin.users.password_set')}</p> : null}
    </Panel>
  );
}
