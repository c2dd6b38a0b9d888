// Discount rules (docs/pricing.md): percent or rubles off a product, a
// category, a customer group or the whole order; create, edit, delete.
import { lang, t } from '../core/i18n';
import { money } from '../core/format';
import type { Discount, DiscountForm } from './forms';
import { bpToPercentInput, discountBody, discountTargets, discountToForm, emptyDiscountForm, validateDiscount } from './forms';
import { categoryName, productLabel } from './data';
import { AField, Row, today } from './shared';
import { RecordSection, type RecordEditorProps } from './section';
import { EditorForm, FormActions, useRecordForm } from './editor';
import { Period, ProductOrCategory, RunningBadge, runningOn, useCatalogueNames, ValidityFields } from './rules';

const DISCOUNTS = '/api/catalogue/discounts';

export function discountValue(d: Discount): string {
  return d.kind === 'percent' ? `${bpToPercentInput(d.percent_bp ?? 0, lang.value)} %` : money(d.amount ?? 0, lang.value);
}

export function discountTarget(d: Discount): string {
  switch (d.target) {
    case 'product':
      return productLabel(d.product_id);
    case 'category':
      return `${t('admin.target.category')}: ${categoryName(d.category_id)}`;
    case 'customer_group':
      return `${t('admin.target.customer_group')} ${d.customer_group_id}`;
    default:
      return t('admin.target.order');
  }
}

function discountConditions(d: Discount): string {
  return [
    d.min_quantity ? t('admin.discounts.from_qty', { n: d.min_quantity }) : '',
    d.min_order_total ? t('admin.discounts.from_total', { sum: money(d.min_order_total, lang.value) }) : '',
    d.customer_group_id && d.target !== 'customer_group' ? `${t('admin.target.customer_group')} ${d.customer_group_id}` : '',
  ].filter(Boolean).join('; ') || '—';
}

export default function DiscountsSection({ edit, tenant }: { edit: boolean; tenant: number }) {
  useCatalogueNames(tenant, true);
  const day = today();
  return (
    <RecordSection<Discount>
      edit={edit}
      tenant={tenant}
      url={`${DISCOUNTS}?tenant_id=${tenant}`}
      title={t('admin.discounts.title')}
      newLabel={t('admin.discounts.new')}
      hint={t('admin.discounts.hint')}
      head={
        <>
          <th>{t('admin.discounts.name')}</th>
          <th class="num">{t('admin.discounts.value')}</th>
          <th>{t('admin.discounts.target')}</th>
          <th>{t('admin.discounts.conditions')}</th>
          <th>{t('admin.pricelists.period')}</th>
        </>
      }
      row={(d, selected, open) => (
        <Row selected={selected} muted={!runningOn(d, day)} onOpen={open}>
          <td>{d.name}</td>
          <td class="num">{discountValue(d)}</td>
          <td>{discountTarget(d)}</td>
          <td>{discountConditions(d)}</td>
          <td>
            <Period of={d} /> <RunningBadge of={d} day={day} />
          </td>
        </Row>
      )}
      Editor={DiscountEditor}
    />
  );
}

function DiscountEditor({ record: rule, tenant, onDone, onCancel, onDeleted }: RecordEditorProps<Discount>) {
  const { form, set, text, choice, errors, creating, save, remove, ...ed } = useRecordForm<Discount, DiscountForm>({
    collection: DISCOUNTS,
    record: rule,
    tenant,
    toForm: (d) => discountToForm(d, lang.value),
    empty: () => emptyDiscountForm(today()),
    validate: validateDiscount,
    body: discountBody,
    onDone,
    onDeleted,
  });

  return (
    <EditorForm title={creating ? t('admin.discounts.new') : rule!.name} formRef={ed.formRef} onSubmit={save}>
      <AField label={t('admin.discounts.name')} error={errors.name} hint={t('admin.discounts.name_hint')}>
        <input {...text('name')} />
      </AField>
      <div class="row">
        <AField label={t('admin.discounts.kind')}>
          <select {...choice('kind')}>
            <option value="percent">{t('admin.discounts.kind.percent')}</option>
            <option value="amount">{t('admin.discounts.kind.amount')}</option>
          </select>
        </AField>
        {form.kind === 'percent' ? (
          <AField label={t('admin.discounts.percent')} error={errors.percent} hint={t('admin.discounts.percent_hint')}>
            <input inputMode="decimal" {...text('percent')} />
          </AField>
        ) : (
          <AField label={t('admin.discounts.amount')} error={errors.amount} hint={t('admin.discounts.amount_hint')}>
            <input inputMode="decimal" {...text('amount')} />
          </AField>
        )}
      </div>
      <AField label={t('admin.discounts.target')}>
        <select {...choice('target')}>
          {discountTargets.map((x) => (
            <option value={x}>{t(`admin.target.${x}`)}</option>
          ))}
        </select>
      </AField>
      <ProductOrCategory on={form.target} tenant={tenant} form={form} set={set} errors={errors} />
      <div class="admin-grid3">
        <AField
          label={t('admin.target.customer_group')}
          error={errors.customer_group_id}
          hint={form.target === 'customer_group' ? undefined : t('admin.discounts.only_group_hint')}
        >
          <input inputMode="numeric" {...text('customer_group_id')} />
        </AField>
        {form.target !== 'order' ? (
          <AField label={t('admin.discounts.min_quantity')} error={errors.min_quantity}>
            <input inputMode="numeric" {...text('min_quantity')} />
          </AField>
        ) : null}
        <AField label={t('admin.discounts.min_total')} error={errors.min_order_total} hint={form.target === 'order' ? t('admin.discounts.min_total_order') : t('admin.discounts.min_total_line')}>
          <input inputMode="decimal" {...text('min_order_total')} />
        </AField>
      </div>
      <div class="row">
        <ValidityFields text={text} errors={errors} />
      </div>
      <FormActions
        error={ed.error}
        busy={ed.busy}
        notice={ed.saved ? t('admin.saved') : null}
        creating={creating}
        onCancel={onCancel}
        deleteQuestion={t('admin.discounts.delete_q')}
        onDelete={remove}
      />
    </EditorForm>
  );
}
