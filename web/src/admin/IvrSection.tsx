// IVR menus: the voice menus callers hear on a menu's numbers before they
// reach a queue. The list shows every menu the administrator sees (numbers
// are one space across the centre, so a clash is visible here); a new menu
// belongs to the company chosen at the top.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../core/api';
import { t } from '../core/i18n';
import type { IvrMenu } from './ivr';
import { reload, tenantName, tenants } from './data';
import { Row, Split } from './shared';
import { ListPanel, sidePane, useSelection } from './section';
import { IvrEditor, MENUS } from './IvrEditor';

// The chosen company's menus first, then by name.
function ordered(menus: IvrMenu[], tenant: number): IvrMenu[] {
  return [...menus].sort((a, b) => Number(a.tenant !== tenant) - Number(b.tenant !== tenant) || a.name.localeCompare(b.name));
}

export default function IvrSection({ edit, tenant }: { edit: boolean; tenant: number }) {
  const sel = useSelection(edit);
  const [menus, setMenus] = useState<IvrMenu[]>([]);
  const [loadError, setLoadError] = useState<unknown>(null);

  const load = () =>
    api
      .get<{ menus: IvrMenu[] }>(MENUS)
      .then((r) => {
        setMenus(r.menus);
        setLoadError(null);
      })
      .catch(setLoadError);

  useEffect(() => {
    void load();
    reload.queues().catch(setLoadError);
  }, []);

  const several = tenants.value.length > 1;
  const list = ordered(menus, tenant);
  const current = list.find((m) => m.id === sel.selected) ?? null;

  return (
    <Split
      class="admin-split-wide"
      list={
        <ListPanel
          title={t('admin.ivr.title')}
          newLabel={t('admin.ivr.new')}
          onNew={sel.onNew}
          error={loadError}
          empty={list.length === 0}
          head={
            <>
              <th>{t('admin.ivr.name')}</th>
              <th>{t('admin.ivr.numbers')}</th>
              {several ? <th>{t('admin.tenant')}</th> : null}
            </>
          }
          after={<p class="field-hint">{t('admin.ivr.about')}</p>}
        >
          {list.map((m) => (
            <Row selected={m.id === sel.selected} onOpen={edit ? () => sel.open(m.id!) : undefined}>
              <td>{m.name}</td>
              <td>{m.numbers.join(', ') || '—'}</td>
              {several ? <td>{tenantName(m.tenant)}</td> : null}
            </Row>
          ))}
        </ListPanel>
      }
      form={sidePane({
        edit,
        creating: sel.creating,
        current,
        hint: t('admin.ivr.hint'),
        editor: (menu) => (
          <IvrEditor
            key={menu?.id ?? 'new'}
            menu={menu}
            tenant={tenant}
            onDone={async (saved) => {
              await load();
              sel.open(saved.id!);
            }}
            onCancel={sel.cancel}
            onDeleted={async () => {
              sel.setSelected(null);
              await load();
            }}
          />
        ),
      })}
    />
  );
}
