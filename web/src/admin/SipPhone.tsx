// An agent's SIP phone (docs/telephony.md): the SIP user name (the login),
// whether a SIP password is set, whether a phone is registered now and from
// where, and setting the SIP password (GET / PUT /api/users/{id}/sip). Only
// operators and team leads take calls on a phone. A server without SIP
// answers 503, said here in plain words.
import { useEffect, useState } from 'preact/hooks';
import { api, ApiError } from '../core/api';
import { dateTime } from '../core/format';
import { lang, t } from '../core/i18n';
import { Badge, Button, Panel } from '../core/ui';
import type { SipPhone as Phone } from '../recordings/types';
import type { User } from './forms';
import { AdminError } from './shared';

export function takesCalls(role: string): boolean {
  return role === 'operator' || role === 'team_lead';
}

function sipOff(e: unknown): boolean {
  return e instanceof ApiError && e.status === 503;
}

export function SipPhone({ user }: { user: User }) {
  const [phone, setPhone] = useState<Phone | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [off, setOff] = useState(false);
  const [password, setPassword] = useState('');
  const [check, setCheck] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);

  const load = () =>
    api
      .get<Phone>(`/api/users/${user.id}/sip`)
      .then((p) => {
        setPhone(p);
        setLoadError(null);
        setOff(false);
      })
      .catch((e) => {
        if (sipOff(e)) setOff(true);
        else setLoadError(e);
      });

  useEffect(() => {
    if (takesCalls(user.role)) void load();
  }, [user.id, user.role]);

  if (!takesCalls(user.role)) return null;

  const save = async (e: Event) => {
    e.preventDefault();
    setDone(false);
    const short = password.length < 8;
    setCheck(short);
    if (short) return;
    setBusy(true);
    setError(null);
    try {
      setPhone(await api.put<Phone>(`/api/users/${user.id}/sip`, { password }));
      setPassword('');
      setDone(true);
    } catch (err) {
      if (sipOff(err)) setOff(true);
      else setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Panel title={t('admin.sip.title')}>
      <div data-testid="sip-phone">
        {off ? (
          <p class="notice" role="status" data-testid="sip-off">
            {t('admin.sip.off')}
          </p>
        ) : null}
        <AdminError error={loadError} />
        {!phone && !off && !loadError ? <p class="muted">{t('core.loading')}</p> : null}
        {phone ? (
          <>
            <dl class="admin-dl">
              <dt>{t('admin.sip.user')}</dt>
              <dd data-testid="sip-user">{phone.sip_user}</dd>
              <dt>{t('admin.sip.password')}</dt>
              <dd data-testid="sip-configured" data-configured={String(phone.configured)}>
                {phone.configured ? <Badge tone="ok">{t('admin.sip.configured')}</Badge> : <Badge tone="warn">{t('admin.sip.not_configured')}</Badge>}
              </dd>
              <dt>{t('admin.sip.registration')}</dt>
              <dd data-testid="sip-registered" data-registered={String(phone.registered)}>
                {phone.registered ? <Badge tone="ok">{t('admin.sip.registered')}</Badge> : <Badge>{t('admin.sip.not_registered')}</Badge>}
              </dd>
            </dl>
            {phone.contacts.length ? (
              <table class="grid admin-compact" data-testid="sip-contacts">
                <thead>
                  <tr>
                    <th>{t('admin.sip.contact')}</th>
                    <th>{t('admin.sip.source')}</th>
                    <th>{t('admin.sip.expires')}</th>
                  </tr>
                </thead>
                <tbody>
                  {phone.contacts.map((c) => (
                    <tr>
                      <td class="admin-sip-contact">{c.contact}</td>
                      <td>{c.source}</td>
                      <td>{dateTime(c.expires_at, lang.value)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : (
              <p class="muted">{t('admin.sip.no_contacts')}</p>
            )}
            <Button onClick={() => void load()} class="admin-sip-refresh">
              {t('admin.sip.refresh')}
            </Button>
          </>
        ) : null}
        {!off ? (
          <>
            <form class="admin-inline-form" data-testid="sip-password-form" onSubmit={save} noValidate>
              <label class={`field ${check ? 'admin-invalid' : ''}`}>
                <span class="field-label">{t('admin.sip.new_password')}</span>
                <input
                  type="password"
                  name="sip-password"
                  autoComplete="new-password"
                  placeholder={t('admin.users.password_hint')}
                  value={password}
                  onInput={(e) => setPassword((e.target as HTMLInputElement).value)}
                />
              </label>
              <Button type="submit" disabled={busy} data-testid="sip-password-save">
                {t('admin.sip.set_password')}
              </Button>
            </form>
            {check ? (
              <p class="error-note" role="alert">
                {t('admin.v.password')}
              </p>
            ) : null}
            <AdminError error={error} />
            {done ? (
              <p class="notice" role="status" data-testid="sip-password-set">
                {t('admin.sip.password_set')}
              </p>
            ) : null}
          </>
        ) : null}
      </div>
    </Panel>
  );
}
