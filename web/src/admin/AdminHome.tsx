// Administration: a tab per section (/admin/<section>), the company the
// screens work on, and the section itself. Sections and their forms follow
// the role (docs/rbac.md); the server remains the judge.
import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { t } from '../core/i18n';
import { TenantPicker } from '../core/TenantPicker';
import { me } from '../core/session';
import { ErrorNote } from '../core/ui';
import { mayEdit, sectionFromPath, sectionsFor, type Section } from './access';
import { chooseTenant, loadTenants, tenant, tenants } from './data';
import UsersSection from './UsersSection';
import TeamsSection from './TeamsSection';
import DepartmentsSection from './DepartmentsSection';
import QueuesSection from './QueuesSection';
import IvrSection from './IvrSection';
import CodesSection from './CodesSection';
import ProductsSection from './ProductsSection';
import PriceListsSection from './PriceListsSection';
import DiscountsSection from './DiscountsSection';
import PromotionsSection from './PromotionsSection';

const views: Record<Section, (p: { edit: boolean; tenant: number }) => preact.JSX.Element> = {
  users: UsersSection,
  teams: TeamsSection,
  departments: DepartmentsSection,
  queues: QueuesSection,
  ivr: IvrSection,
  codes: CodesSection,
  products: ProductsSection,
  'price-lists': PriceListsSection,
  discounts: DiscountsSection,
  promotions: PromotionsSection,
};

export default function AdminHome() {
  const { path, route } = useLocation();
  const user = me.value!;
  const [error, setError] = useState<unknown>(null);
  const [ready, setReady] = useState(tenants.value.length > 0);
  const section = sectionFromPath(user.role, path);

  useEffect(() => {
    loadTenants()
      .then(() => setReady(true))
      .catch(setError);
  }, []);

  // /admin (or an unknown section) goes to the first section of the role.
  useEffect(() => {
    if (section && !path.startsWith(`/admin/${section}`)) route(`/admin/${section}`, true);
  }, [section, path]);

  if (!section) return <p class="empty">{t('admin.nothing')}</p>;
  const View = views[section];
  const visible = sectionsFor(user.role);
  const catalogue = ['products', 'price-lists', 'discounts', 'promotions'];

  return (
    <div class="admin">
      <div class="admin-top">
        <nav class="admin-tabs" aria-label={t('admin.sections')}>
          {visible.map((s, i) => (
            <>
              {i > 0 && catalogue.includes(s.section) && !catalogue.includes(visible[i - 1].section) ? (
                <span class="admin-tab-gap" aria-hidden="true" />
              ) : null}
              <a
                href={`/admin/${s.section}`}
                data-testid="admin-tab"
                data-section={s.section}
                class={s.section === section ? 'active' : ''}
                aria-current={s.section === section ? 'page' : undefined}
              >
                {t(`admin.tab.${s.section}`)}
              </a>
            </>
          ))}
        </nav>
        <TenantPicker
          tenants={tenants.value}
          value={tenant.value}
          onChange={chooseTenant}
          label="admin.tenant"
          class="admin-tenant"
          testid="admin-tenant"
        />
      </div>
      <ErrorNote error={error} />
      {ready && tenant.value !== null ? (
        <View key={`${section}:${tenant.value}`} edit={mayEdit(user.role, section)} tenant={tenant.value} />
      ) : !error ? (
        <p class="empty">{t('core.loading')}</p>
      ) : null}
    </div>
  );
}
