// Users: the list of the company's people; create with role, team, companies
// and password; edit; disable / enable; set a new password; routing profile.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { api } from '../core/api';
import { lang, t } from '../core/i18n';
import { dateTime } from '../core/format';
import { Badge, Button, Empty, ErrorNote, Panel } from '../core/ui';
import type { Errors, User, UserForm } from './forms';
import { emptyUserForm, roles, userCreateBody, userPatchBody, userToForm, validateUser } from './forms';
import { reload, teamName, teams, tenantName, tenants, users } from './data';
import { AdminError, AField, ConfirmButton, msgText, NewButton, Row, SearchBox, Split, submitWith, useForm, useShortcuts, focusForm } from './shared';
import { ProfileEditor } from './ProfileEditor';

export default function UsersSection({ edit, tenant }: { edit: boolean; tenant: number }) {
  const [q, setQ] = useState('');
  const [showDisabled, setShowDisabled] = useState(true);
  const [selected, setSelected] = useState<number | null>(null);
  const [creating, setCreating] = useState(edit);
  const [loadError, setLoadError] = useState<unknown>(null);
  const search = useRef<HTMLInputElement>(null);

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

  const openNew = () => {
    setSelected(null);
    setCreating(true);
    focusForm();
  };
  useShortcuts(edit ? openNew : null, search);

  const current = users.value.find((u) => u.id === selected) ?? null;

  return (
    <Split
      list={
        <Panel
          title={t('admin.users.title')}
          actions={edit ? <NewButton onClick={openNew} label={t('admin.users.new')} /> : null}
        >
          <div class="admin-filters">
            <SearchBox value={q} onInput={setQ} inputRef={search} label={t('admin.users.search')} />
            <label class="admin-check">
              <input type="checkbox" checked={showDisabled} onChange={(e) => setShowDisabled((e.target as HTMLInputElement).checked)} />
              {t('admin.users.show_disabled')}
            </label>
            <span class="muted">{t('admin.count', { n: list.length })}</span>
          </div>
          <ErrorNote error={loadError} />
          {list.length === 0 ? (
            <Empty />
          ) : (
            <table class="grid">
              <thead>
                <tr>
                  <th>{t('admin.users.login')}</th>
                  <th>{t('admin.users.name')}</th>
                  <th>{t('admin.users.role')}</th>
                  <th>{t('admin.users.team')}</th>
                  <th>{t('admin.users.state')}</th>
                </tr>
              </thead>
              <tbody>
                {list.map((u) => (
                  <Row
                    selected={u.id === selected}
                    muted={u.disabled}
                    onOpen={() => {
                      setCreating(false);
                      setSelected(u.id);
                    }}
                  >
                    <td>{u.login}</td>
                    <td>{u.name}</td>
                    <td>{t(`core.role.${u.role}`)}</td>
                    <td>{teamName(u.team)}</td>
                    <td>{u.disabled ? <Badge tone="bad">{t('admin.users.disabled')}</Badge> : <Badge tone="ok">{t('admin.users.active')}</Badge>}</td>
                  </Row>
                ))}
              </tbody>
            </table>
          )}
        </Panel>
      }
      form={
        creating && edit ? (
          <UserEditor key="new" user={null} tenant={tenant} onDone={(u) => { setCreating(false); setSelected(u.id); }} onCancel={() => setCreating(false)} />
        ) : current ? (
          edit ? (
            <UserEditor key={current.id} user={current} tenant={tenant} onDone={() => undefined} onCancel={() => { setSelected(null); setCreating(edit); }} />
          ) : (
            <UserCard user={current} />
          )
        ) : (
          <Panel>
            <p class="muted">{edit ? t('admin.users.hint') : t('admin.users.hint_read')}</p>
          </Panel>
        )
      }
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
  const { form, set } = useForm<UserForm>(user ? userToForm(user) : emptyUserForm(tenant));
  const [errors, setErrors] = useState<Errors>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const teamChoices = teams.value.filter((x) => form.tenants.includes(x.tenant));

  const save = async (e: Event) => {
    e.preventDefault();
    setSaved(false);
    const ok = await submitWith(validateUser(form, creating), setErrors, setBusy, setError, formRef.current, async () => {
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
    if (ok && !creating) setSaved(true);
  };

  const toggleTenant = (id: number, on: boolean) =>
    set('tenants', on ? [...form.tenants, id].sort((a, b) => a - b) : form.tenants.filter((x) => x !== id));

  return (
    <div class="stack">
      <Panel title={creating ? t('admin.users.new') : t('admin.users.edit', { login: user!.login })}>
        <form ref={formRef} data-testid="admin-form" onSubmit={save} noValidate>
          {creating ? (
            <AField label={t('admin.users.login')} error={errors.login} hint={t('admin.users.login_hint')}>
              <input name="login" value={form.login} autoComplete="off" onInput={(e) => set('login', (e.target as HTMLInputElement).value)} />
            </AField>
          ) : null}
          <AField label={t('admin.users.name')}>
            <input name="name" value={form.name} onInput={(e) => set('name', (e.target as HTMLInputElement).value)} />
          </AField>
          <div class="row">
            <AField label={t('admin.users.role')}>
              <select name="role" value={form.role} onChange={(e) => set('role', (e.target as HTMLSelectElement).value as UserForm['role'])}>
                {roles.map((r) => (
                  <option value={r}>{t(`core.role.${r}`)}</option>
                ))}
              </select>
            </AField>
            <AField label={t('admin.users.team')}>
              <select name="team" value={form.team} onChange={(e) => set('team', (e.target as HTMLSelectElement).value)}>
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
              <input name="password" type="password" autoComplete="new-password" value={form.password} onInput={(e) => set('password', (e.target as HTMLInputElement).value)} />
            </AField>
          ) : null}
          <AdminError error={error} />
          {saved && !error ? <p class="notice" role="status">{t('admin.saved')}</p> : null}
          <div class="admin-actions">
            <Button kind="primary" type="submit" disabled={busy} data-testid="admin-save">
              {creating ? t('core.create') : t('core.save')}
            </Button>
            <Button onClick={onCancel}>{t('core.cancel')}</Button>
          </div>
        </form>
      </Panel>
      {!creating ? <UserAccount user={user!} /> : null}
      {!creating ? <ProfileEditor user={user!} /> : null}
    </div>
  );
}

// Disable / enable and a new password: separate actions with their own errors.
function UserAccount({ user }: { user: User }) {
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [password, setPassword] = useState('');
  const [pwError, setPwError] = useState<unknown>(null);
  const [pwCheck, setPwCheck] = useState('');
  const [pwDone, setPwDone] = useState(false);

  const setDisabled = async (disabled: boolean) => {
    setBusy(true);
    setError(null);
    try {
      await api.patch(`/api/users/${user.id}`, { disabled });
      await reload.users();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

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
