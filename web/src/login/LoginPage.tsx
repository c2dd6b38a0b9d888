// Sign-in, and the same form over the current screen when a session ends.
import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { t } from '../core/i18n';
import { login, me } from '../core/session';
import { homeFor } from '../core/nav';
import { Button, ErrorNote, Field } from '../core/ui';
import { ApiError } from '../core/api';

function loginError(error: unknown): unknown {
  if (error instanceof ApiError && error.status === 401) return new Error(t('login.wrong'));
  return error;
}

export function LoginPage() {
  const { route, path } = useLocation();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const user = await login(name.trim(), password);
      if (path === '/' || path === '/login') route(homeFor(user.role), true);
    } catch (err) {
      setError(loginError(err));
      setPassword('');
    } finally {
      setBusy(false);
    }
  };

  return (
    <main class="login-page">
      <form class="login-card" onSubmit={submit} aria-labelledby="login-title">
        <h1 id="login-title">{t('login.title')}</h1>
        <p class="muted">{t('login.subtitle')}</p>
        <Field label={t('login.login')}>
          <input name="login" autoComplete="username" value={name} autoFocus required
            onInput={(e) => setName(e.currentTarget.value)} />
        </Field>
        <Field label={t('login.password')}>
          <input name="password" type="password" autoComplete="current-password" value={password} required
            onInput={(e) => setPassword(e.currentTarget.value)} />
        </Field>
        <ErrorNote error={error} />
        <Button kind="primary" type="submit" disabled={busy}>
          {busy ? t('core.loading') : t('login.submit')}
        </Button>
      </form>
    </main>
  );
}

export function ReLogin() {
  const user = me.value!;
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await login(user.login, password);
    } catch (err) {
      setError(loginError(err));
      setPassword('');
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="overlay" role="dialog" aria-modal="true" aria-labelledby="relogin-title">
      <form class="login-card" onSubmit={submit}>
        <h2 id="relogin-title">{t('core.expired.title')}</h2>
        <p class="muted">{t('core.expired.text')}</p>
        <Field label={t('login.password')}>
          <input type="password" autoComplete="current-password" value={password} autoFocus required
            onInput={(e) => setPassword(e.currentTarget.value)} />
        </Field>
        <ErrorNote error={error} />
        <Button kind="primary" type="submit" disabled={busy}>{t('login.submit')}</Button>
      </form>
    </div>
  );
}
