// Price lists: validity, priority and the price of each product (rubles on
// screen, kopecks on the wire).
import { useState } from 'preact/hooks';
import { lang, t } from '../core/i18n';
import { Button } from '../core/ui';
import type { PriceList, PriceListForm } from './forms';
import { emptyPriceListForm, kopecksToInput, priceListBody, priceListToForm, validatePriceList } from './forms';
import { cachedProduct, productLabel } from './data';
import { AField, msgText, ProductPicker, Row, today } from './shared';
import { RecordSection, type RecordEditorProps } from './section';
import { EditorForm, FormActions, useRecordForm } from './editor';
import { Period, RunningBadge, useCatalogueNames, ValidityFields } from './rules';

const PRICE_LISTS = '/api/catalogue/price-lists';

export default function PriceListsSection({ edit, tenant }: { edit: boolean; tenant: number }) {
  useCatalogueNames(tenant, false);
  const day = today();
  return (
    <RecordSection<PriceList>
      edit={edit}
      tenant={tenant}
      url={`${PRICE_LISTS}?tenant_id=${tenant}&prices=true`}
      title={t('admin.pricelists.title')}
      newLabel={t('admin.pricelists.new')}
      hint={t('admin.pricelists.hint')}
      showWhenReading
      head={
        <>
          <th>{t('admin.pricelists.name')}</th>
          <th>{t('admin.pricelists.period')}</th>
          <th class="num">{t('admin.pricelists.priority')}</th>
          <th class="num">{t('admin.pricelists.count')}</th>
          <th />
        </>
      }
      after={<p class="field-hint">{t('admin.pricelists.rule')}</p>}
      row={(l, selected, open) => (
        <Row selected={selected} onOpen={open}>
          <td>{l.name}</td>
          <td><Period of={l} /></td>
          <td class="num">{l.priority}</td>
          <td class="num">{l.prices?.length ?? 0}</td>
          <td><RunningBadge of={l} day={day} /></td>
        </Row>
      )}
      Editor={PriceListEditor}
    />
  );
}

function PriceListEditor({ record: list, tenant, readOnly, onDone, onCancel }: RecordEditorProps<PriceList>) {
  const { form, set, text, errors, creating, save, ...ed } = useRecordForm<PriceList, PriceListForm>({
    collection: PRICE_LISTS,
    record: list,
    tenant,
    toForm: (l) => priceListToForm(l, lang.value),
    empty: () => emptyPriceListForm(today()),
    validate: validatePriceList,
    body: priceListBody,
    onDone,
  });
  const [filter, setFilter] = useState('');
  const [adding, setAdding] = useState<number | null>(null);

  const setPrice = (i: number, price: string) => set('prices', form.prices.map((p, j) => (j === i ? { ...p, price } : p)));
  const words = filter.trim().toLowerCase().split(/\s+/).filter(Boolean);
  const shown = form.prices
    .map((p, i) => ({ p, i }))
    .filter(({ p }) => words.every((w) => productLabel(p.product_id).toLowerCase().includes(w)));
  const firstPriceError = Object.entries(errors).find(([k]) => k.startsWith('prices.'));

  return (
    <EditorForm title={creating ? t('admin.pricelists.new') : list!.name} formRef={ed.formRef} onSubmit={save}>
      <fieldset class="admin-plain" disabled={readOnly}>
        <AField label={t('admin.pricelists.name')} error={errors.name}>
          <input {...text('name')} />
        </AField>
        <div class="admin-grid3">
          <ValidityFields text={text} errors={errors} />
          <AField label={t('admin.pricelists.priority')} error={errors.priority} hint={t('admin.pricelists.priority_hint')}>
            <input inputMode="numeric" {...text('priority')} />
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
      <FormActions error={ed.error} busy={ed.busy} notice={ed.saved ? t('admin.saved') : null} creating={creating} onCancel={onCancel} buttons={!readOnly} />
    </EditorForm>
  );
}
