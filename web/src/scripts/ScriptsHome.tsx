// Call scripts and the playbook for supervisors, admins, QA and team leads:
// the list (with the queues' scripts), the editor, analytics and training,
// one tab each, for the company chosen at the top.
import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { t } from '../core/i18n';
import { TenantPicker } from '../core/TenantPicker';
import { ErrorNote } from '../core/ui';
import { chooseTenant, loadBasics, loadScripts, tenant, tenants } from './data';
import { placeOf } from './routes';
import ScriptList from './ScriptList';
import Editor from './Editor';
import AnalyticsView from './AnalyticsView';
import TrainingView from './TrainingView';

const TABS = [
  { path: '/scripts', view: 'list', label: 'scripts.tab.list' },
  { path: '/scripts/analytics', view: 'analytics', label: 'scripts.tab.analytics' },
  { path: '/scripts/training', view: 'training', label: 'scripts.tab.training' },
] as const;

export default function ScriptsHome() {
  const { path } = useLocation();
  const place = placeOf(path);
  const [error, setError] = useState<unknown>(null);
  const [ready, setReady] = useState(tenant.value !== null);

  useEffect(() => {
    loadBasics()
      .then(() => {
        setReady(true);
        return loadScripts();
      })
      .catch(setError);
  }, []);

  const active = place.view === 'edit' ? 'list' : place.view;
  return (
    <div class="sc-home">
      <div class="sc-top">
        <nav class="tabs sc-tabs" aria-label={t('scripts.title')}>
          {TABS.map((tab) => (
            <a href={tab.path} class={`sc-tab ${active === tab.view ? 'active' : ''}`} aria-current={active === tab.view ? 'page' : undefined}>
              {t(tab.label)}
            </a>
          ))}
        </nav>
        <TenantPicker
          tenants={tenants.value}
          value={tenant.value}
          onChange={chooseTenant}
          label="scripts.tenant"
          class="sc-tenant"
          testid="scripts-tenant"
          showSingle
        />
      </div>
      <ErrorNote error={error} />
      {ready && tenant.value !== null ? <Place key={`${tenant.value}`} place={place} /> : null}
    </div>
  );
}

function Place({ place }: { place: ReturnType<typeof placeOf> }) {
  switch (place.view) {
    case 'list':
      return <ScriptList />;
    case 'edit':
      return <Editor key={`${place.code}/${place.language}`} code={place.code} language={place.language} />;
    case 'analytics':
      return <AnalyticsView />;
    case 'training':
      return <TrainingView />;
  }
}
