// Price lists: validity, priority and the price of each product (rubles on
// screen, kopecks on the wire).
import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../core/api';
import { lang, t } from '../core/i18n';
import { Badge, Button, Empty, ErrorNote, Panel } from '../core/ui';
import type { Errors, PriceList, PriceListForm } from './forms';
import { emptyPriceListForm, kopecksToInput, priceListBody, priceListToForm, validatePriceList } from './forms';
import { cachedProduct, loadAllProducts, productLabel } from './data';
import { AdminError, AField, msgText, NewButton, ProductPicker, Row, Split, submitWith, today, useForm, useShortcuts, focusForm } from './shared';

export function runningOn(p: { valid_from: string; valid_to?: string | null }, day: string): boolean {
  return p.valid_from <= day && (!p.valid_to || day <= p.valid_to);
}

export default function PriceListsSection({ edit, tenant }: { edit: boolean; tenant: number }) {
  const [lists, setLists] = useState<PriceList[]>([]);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [selected, setSelected] = useState<number | null>(null);
  const [creating, setCreating] = useState(edit);

  const load = () =>
    api
      .get<PriceList[]>(`/api/catalogue/price-lists?tenant_id=${tenant}&prices=true`)
      .then((l) => {
        setLists(l);
        setLoadError(null);
      })
      .catch(setLoadError);
  useEffect(() => {
    void load();
    loadAllProducts(tenant).catch(() => undefined);
  }, [tenant]);

  const openNew = () => {
    setSelected(null);
    setCreating(true);
    focusForm();
  };
  useShortcuts(edit ? openNew : null);
  const day = today();
  const current = lists.find((l) => l.id === selected) ?? null;

  return (
    <Split
      list={
        <Panel title={t('admin.pricelists.title')} actions={edit ? <NewButton onClick={openNew} label={t('admin.pricelists.new')} /> : null}>
          <ErrorNote error={loadError} />
          {lists.length === 0 ? (
            <Empty />
          ) : (
            <table class="grid">
              <thead>
                <tr>
                  <th>{t('admin.pricelists.name')}</th>
                  <th>{t('admin.pricelists.period')}</th>
                  <th class="num">{t('admin.pricelists.priority')}</th>
                  <th class="num">{t('admin.pricelists.count')}</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {lists.map((l) => (
                  <Row selected={l.id === selected} onOpen={() => { setCreating(false); setSelected(l.id); }}>
                    <td>{l.name}</td>
                    <td><span class="admin-nowrap">{l.valid_from} — {l.valid_to ?? t('admin.open_end')}</span></td>
                    <td class="num">{l.priority}</td>
                    <td class="num">{l.prices?.length ?? 0}</td>
                    <td>{runningOn(l, day) ? <Badge tone="ok">{t('admin.running')}</Badge> : null}</td>
                  </Row>
                ))}
              </tbody>
            </table>
          )}
          <p class="field-hint">{t('admin.pricelists.rule')}</p>
        </Panel>
      }
      form={
        creating && edit ? (
          <PriceListEditor key="new" list={null} tenant={tenant} onDone={async (l) => { await load(); setCreating(false); setSelected(l.id); }} onCancel={() => setCreating(false)} />
        ) : current ? (
          <PriceListEditor key={current.id} list={current} tenant={tenant} readOnly={!edit} onDone={async () => { await load(); }} onCancel={() => { setSelected(null); setCreating(edit); }} />
        ) : (
          <Panel>
            <p class="muted">{edit ? t('admin.pricelists.hint') : t('admin.read_only')}</p>
          </Panel>
        )
      }
    />
  );
}

function PriceListEditor({ list, tenant, readOnly, onDone, onCancel }: {
  list: PriceList | null;
  tenant: number;
  readOnly?: boolean;
  onDone: (l: PriceList) => Promise<void>;
  onCancel: () => void;
}) {
  const creating = list === null;
  const { form, set } = useForm<PriceListForm>(list ? priceListToForm(list, lang.value) : emptyPriceListForm(today()));
  const [errors, setErrors] = useState<Errors>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const [filter, setFilter] = useState('');
  const [adding, setAdding] = useState<number | null>(null);
  const formRef = useRef<HTMLFormElement>(null);

  const save = async (e: Event) => {
    e.preventDefault();
    setSaved(false);
    const ok = await submitWith(validatePriceList(form), setErrors, setBusy, setError, formRef.current, async () => {
      const body = priceListBody(form, tenant);
      const l = creating
        ? await api.post<PriceList>('/api/catalogue/price-lists', body)
        : await api.put<PriceList>(`/api/catalogue/price-lists/${list!.id}`, body);
      await onDone(l);
    });
    if (ok && !creating) setSaved(true);
  };

  const setPrice = (i: number, price: string) => set('prices', form.prices.map((p, j) => (j === i ? { ...p, price } : p)));
  const words = filter.trim().toLowerCase().split(/\s+/).filter(Boolean);
  const shown = form.prices
    .map((p, i) => ({ p, i }))
    .filter(({ p }) => words.every((w) => productLabel(p.product_id).toLowerCase().includes(w)));
  const firstPriceError = Object.entries(errors).find(([k]) => k.startsWith('prices.'));

  return (
    <Panel title={creating ? t('admin.pricelists.new') : list!.name}>
      <form ref={formRef} data-testid="admin-form" onSubmit={save} noValidate>
        <fieldset class="admin-plain" disabled={readOnly}>
          <AField label={t('admin.pricelists.name')} error={errors.name}>
            <input name="name" value={form.name} onInput={(e) => set('name', (e.target as HTMLInputElement).value)} />
          </AField>
          <div class="admin-grid3">
            <AField label={t('admin.valid_from')} error={errors.valid_from}>
              <input name="valid_from" type="date" value={form.valid_from} onInput={(e) => set('valid_from', (e.target as HTMLInputElement).value)} />
            </AField>
            <AField label={t('admin.valid_to')} error={errors.valid_to} hint={t('admin.valid_to_hint')}>
              <input name="valid_to" type="date" value={form.valid_to} onInput={(e) => set('valid_to', (e.target as HTMLInputElement).value)} />
            </AField>
            <AField label={t('admin.pricelists.priority')} error={errors.priority} hint={t('admin.pricelists.priority_hint')}>
              <input name="priority" inputMode="numeric" value={form.priority} onInput={(e) => set('priority', (e.target as HTMLInputElement).value)} />
            </AField>
          </div>
          <div class="admin-prices-head">
            <h3>{t('admin.pricelists.prices', { n: form.prices.length })}</h3>
            <input type="search" aria-label={t('admin.pricelists.filter')} placeholder={t('admin.pricelists.filter')} value={filter} onInput={(e) => setFilter((e.target as HTMLInputElement).value)} />
          </div>
          {firstPriceError ? <p class="admin-field-error">{productLabel(form.prices[Number(firstPriceError[0].split('.')[1])]?.product_id)}: {msgText(firstPriceError[1])}</p> : null}
          <div class="admin-prices">
            <table class="grid admin-compact">
              <tbody>
                {shown.map(({ p, i }) => {
                  const product = cachedProduct(p.product_id);
                  return (
                    <tr class={errors[`prices.${i}`] ? 'admin-invalid' : ''}>
                      <td>{productLabel(p.product_id)}</td>
                      <td class="num">
                        <input class="admin-money" inputMode="decimal" aria-label={`${t('admin.products.price_rub')}: ${product?.sku ?? p.product_id}`} value={p.price} onInput={(e) => setPrice(i, (e.target as HTMLInputElement).value)} />
                      </td>
                      <td>
                        {!readOnly ? (
                          <Button onClick={() => set('prices', form.prices.filter((_, j) => j !== i))} aria-label={`${t('admin.remove')}: ${product?.sku ?? p.product_id}`}>
                            ×
                          </Button>
                        ) : null}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
            {form.prices.length === 0 ? <p class="muted">{t('admin.pricelists.no_prices')}</p> : null}
          </div>
          {!readOnly ? (
            <div class="row">
              <ProductPicker label={t('admin.pricelists.add_product')} value={adding} onChange={setAdding} tenant={tenant} />
              <Button
                disabled={!adding}
                onClick={() => {
                  if (!adding) return;
                  if (!form.prices.some((p) => p.product_id === adding)) {
                    const known = cachedProduct(adding);
                    set('prices', [...form.prices, { product_id: adding, price: known?.price ? kopecksToInput(known.price, lang.value) : '' }]);
                  }
                  setFilter(productLabel(adding).split(' — ')[0]);
                  setAdding(null);
                }}
              >
                {t('admin.pricelists.add')}
              </Button>
            </div>
          ) : null}
        </fieldset>
        <AdminError error={error} />
        {saved && !error ? <p class="notice" role="status">{t('admin.saved')}</p> : null}
        {!readOnly ? (
          <div class="admin-actions">
            <Button kind="primary" type="submit" disabled={busy} data-testid="admin-save">{creating ? t('core.create') : t('core.save')}</Button>
            <Button onClick={onCancel}>{t('core.cancel')}</Button>
          </div>
        ) : null}
      </form>
    </Panel>
  );
}
