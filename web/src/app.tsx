// The shell: sign-in, the header with navigation by role, the language
// switch, the live-connection light, and the screens.
import { useEffect } from 'preact/hooks';
import { LocationProvider, Router, Route, useLocation } from 'preact-iso';
import { lang, setLang, t } from './core/i18n';
import { expired, logout, me, restore, restoring } from './core/session';
import { connected, startLive, stopLive } from './core/ws';
import { homeFor, mayVisit, navFor } from './core/nav';
import { LoginPage, ReLogin } from './login/LoginPage';
import AgentDesk from './agent/AgentDesk';
import Wallboard from './supervisor/Wallboard';
import TeamView from './team/TeamView';
import OrdersInbox from './manager/OrdersInbox';
import CasesInbox from './cases/CasesInbox';
import AdminHome from './admin/AdminHome';
import ScriptsHome from './scripts/ScriptsHome'; // issue #8: scripts area
import RecordingsScreen from './recordings/RecordingsScreen';

function LangSwitch() {
  return (
    <div class="lang-switch" role="group" aria-label={t('core.lang')}>
      {(['ru', 'en'] as const).map((l) => (
        <button
          type="button"
          class={lang.value === l ? 'active' : ''}
          aria-pressed={lang.value === l}
          onClick={() => setLang(l)}
        >
          {l.toUpperCase()}
        </button>
      ))}
    </div>
  );
}

function Header() {
  const { path, route } = useLocation();
  const user = me.value!;
  return (
    <header class="topbar">
      <a class="brand" href={homeFor(user.role)}>
        {t('core.app')}
      </a>
      <nav aria-label="main">
        {navFor(user.role).map((item) => (
          <a
            href={item.path}
            class={path === item.path || path.startsWith(`${item.path}/`) ? 'active' : ''}
            aria-current={path.startsWith(item.path) ? 'page' : undefined}
          >
            {t(item.label)}
          </a>
        ))}
      </nav>
      <div class="topbar-right">
        <span class={`live-light ${connected.value ? 'on' : 'off'}`} title={connected.value ? t('core.live') : t('core.offline')}>
          {connected.value ? t('core.live') : t('core.offline')}
        </span>
        <span class="who" data-testid="who">
          {user.name} · {t(`core.role.${user.role}`)}
        </span>
        <LangSwitch />
        <button
          type="button"
          class="btn btn-plain"
          onClick={async () => {
            await logout();
            route('/');
          }}
        >
          {t('core.logout')}
        </button>
      </div>
    </header>
  );
}

// Sends a user to their home screen, or away from a screen their role lacks.
function Guarded({ path, children }: { path: string; children: preact.ComponentChildren }) {
  const { route } = useLocation();
  const user = me.value!;
  const allowed = mayVisit(user.role, path);
  useEffect(() => {
    if (!allowed) route(homeFor(user.role), true);
  }, [allowed]);
  return allowed ? <>{children}</> : null;
}

function Home() {
  const { route } = useLocation();
  useEffect(() => route(homeFor(me.value!.role), true), []);
  return null;
}

function NotFound() {
  return <p class="empty">{t('core.notfound')}</p>;
}

// One component per screen, defined once, so moving between /orders and
// /orders/17 keeps the screen mounted (and what the user typed).
const AgentScreen = () => <Guarded path="/agent"><AgentDesk /></Guarded>;
const WallboardScreen = () => <Guarded path="/wallboard"><Wallboard /></Guarded>;
const TeamScreen = () => <Guarded path="/team"><TeamView /></Guarded>;
const OrdersScreen = () => <Guarded path="/orders"><OrdersInbox /></Guarded>;
const CasesScreen = () => <Guarded path="/cases"><CasesInbox /></Guarded>;
const AdminScreen = () => <Guarded path="/admin"><AdminHome /></Guarded>;
const ScriptsScreen = () => <Guarded path="/scripts"><ScriptsHome /></Guarded>; // issue #8
const RecordingsRoute = () => <Guarded path="/recordings"><RecordingsScreen /></Guarded>;

function Shell() {
  return (
    <div class="shell">
      <Header />
      <main class="content">
        <Router>
          <Route path="/" component={Home} />
          <Route path="/agent" component={AgentScreen} />
          <Route path="/wallboard" component={WallboardScreen} />
          <Route path="/team" component={TeamScreen} />
          <Route path="/orders/*" component={OrdersScreen} />
          <Route path="/orders" component={OrdersScreen} />
          <Route path="/cases/*" component={CasesScreen} />
          <Route path="/cases" component={CasesScreen} />
          <Route path="/admin/*" component={AdminScreen} />
          <Route path="/admin" component={AdminScreen} />
          <Route path="/scripts/*" component={ScriptsScreen} />
          <Route path="/scripts" component={ScriptsScreen} />
          <Route path="/recordings" component={RecordingsRoute} />
          <Route default component={NotFound} />
        </Router>
      </main>
      {expired.value ? <ReLogin /> : null}
    </div>
  );
}

export function App() {
  useEffect(() => {
    document.documentElement.lang = lang.value;
    void restore();
  }, []);
  const signedIn = me.value !== null;
  useEffect(() => {
    if (signedIn) startLive();
    else stopLive();
  }, [signedIn]);
  if (restoring.value) return <p class="empty">{t('core.loading')}</p>;
  return <LocationProvider>{signedIn ? <Shell /> : <LoginPage />}</LocationProvider>;
}
