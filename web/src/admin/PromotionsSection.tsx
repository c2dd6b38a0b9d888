// Promotions (docs/pricing.md): "buy X, pay for Y" on a product or category,
// and a gift over an order total; with the pitch the operator reads out.
import { lang, t } from '../core/i18n';
import { money } from '../core/format';
import type { Promotion, PromotionForm } from './forms';
import { emptyPromotionForm, promotionBody, promotionToForm, validatePromotion } from './forms';
import { categoryName, productLabel } from './data';
import { AField, ProductPicker, Row, today } from './shared';
import { RecordSection, type RecordEditorProps } from './section';
import { EditorForm, FormActions, useRecordForm } from './editor';
import { Period, ProductOrCategory, RunningBadge, runningOn, useCatalogueNames, ValidityFields } from './rules';

const PROMOTIONS = '/api/catalogue/promotions';

export function promotionSummary(p: Promotion): string {
  if (p.kind === 'buy_x_pay_y') {
    const on = p.category_id ? `${t('admin.target.category')}: ${categoryName(p.category_id)}` : productLabel(p.product_id);
    return `${t('admin.promotions.buy_pay', { buy: p.buy ?? 0, pay: p.pay ?? 0 })} — ${on}`;
  }
  return t('admin.promotions.gift_over', {
    n: p.gift_quantity ?? 1,
    product: productLabel(p.gift_product_id),
    sum: money(p.min_order_total ?? 0, lang.value),
  });
}

export default function PromotionsSection({ edit, tenant }: { edit: boolean; tenant: number }) {
  useCatalogueNames(tenant, true);
  const day = today();
  return (
    <RecordSection<Promotion>
      edit={edit}
      tenant={tenant}
      url={`${PROMOTIONS}?tenant_id=${tenant}`}
      title={t('admin.promotions.title')}
      newLabel={t('admin.promotions.new')}
      hint={t('admin.promotions.hint')}
      head={
        <>
          <th>{t('admin.promotions.name')}</th>
          <th>{t('admin.promotions.terms')}</th>
          <th>{t('admin.pricelists.period')}</th>
        </>
      }
      row={(p, selected, open) => (
        <Row selected={selected} muted={!runningOn(p, day)} onOpen={open}>
          <td>
            {p.name}
            {p.pitch ? <div class="muted admin-pitch">{p.pitch}</div> : null}
          </td>
          <td>{promotionSummary(p)}</td>
          <td>
            <Period of={p} /> <RunningBadge of={p} day={day} />
          </td>
        </Row>
      )}
      Editor={PromotionEditor}
    />
  );
}

function PromotionEditor({ record: promo, tenant, onDone, onCancel, onDeleted }: RecordEditorProps<Promotion>) {
  const { form, set, text, choice, errors, creating, save, remove, ...ed } = useRecordForm<Promotion, PromotionForm>({
    collection: PROMOTIONS,
    record: promo,
    tenant,
    toForm: (p) => promotionToForm(p, lang.value),
    empty: () => emptyPromotionForm(today()),
    validate: validatePromotion,
    body: promotionBody,
    onDone,
    onDeleted,
  });

  return (
    <EditorForm title={creating ? t('admin.promotions.new') : promo!.name} formRef={ed.formRef} onSubmit={save}>
      <AField label={t('admin.promotions.name')} error={errors.name}>
        <input {...text('name')} />
      </AField>
      <AField label={t('admin.promotions.pitch')} error={errors.pitch} hint={t('admin.promotions.pitch_hint')}>
        <textarea rows={2} {...text('pitch')} />
      </AField>
      <AField label={t('admin.promotions.kind')}>
        <select {...choice('kind')}>
          <option value="buy_x_pay_y">{t('admin.promotions.kind.buy_x_pay_y')}</option>
          <option value="gift_over_total">{t('admin.promotions.kind.gift_over_total')}</option>
        </select>
      </AField>
      {form.kind === 'buy_x_pay_y' ? (
        <>
          <div class="row">
            <AField label={t('admin.promotions.buy')} error={errors.buy}>
              <input inputMode="numeric" {...text('buy')} />
            </AField>
            <AField label={t('admin.promotions.pay')} error={errors.pay}>
              <input inputMode="numeric" {...text('pay')} />
            </AField>
            <AField label={t('admin.promotions.on')}>
              <select {...choice('on')}>
                <option value="product">{t('admin.target.product')}</option>
                <option value="category">{t('admin.target.category')}</option>
              </select>
            </AField>
          </div>
          <ProductOrCategory on={form.on} tenant={tenant} form={form} set={set} errors={errors} />
        </>
      ) : (
        <>
          <div class="row">
            <AField label={t('admin.promotions.min_total')} error={errors.min_order_total}>
              <input inputMode="decimal" {...text('min_order_total')} />
            </AField>
            <AField label={t('admin.promotions.gift_quantity')} error={errors.gift_quantity}>
              <input inputMode="numeric" {...text('gift_quantity')} />
            </AField>
          </div>
          <ProductPicker label={t('admin.promotions.gift')} value={form.gift_product_id} onChange={(id) => set('gift_product_id', id)} error={errors.gift_product_id} tenant={tenant} />
        </>
      )}
      <div class="row">
        <ValidityFields text={text} errors={errors} />
      </div>
      <FormActions
        error={ed.error}
        busy={ed.busy}
        notice={ed.saved ? t('admin.saved') : null}
        creating={creating}
        onCancel={onCancel}
        deleteQuestion={t('admin.promotions.delete_q')}
        onDelete={remove}
      />
    </EditorForm>
  );
}
