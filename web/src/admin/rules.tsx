// Parts the catalogue's dated rules share (price lists, discounts,
// promotions): the validity period, "running today", the dates in the form,
// the category select and the product-or-category target.
import type { JSX } from 'preact';
import { useEffect } from 'preact/hooks';
import { t } from '../core/i18n';
import { Badge } from '../core/ui';
import type { Errors, Msg } from './forms';
import { categories, loadAllProducts, reload } from './data';
import { AField, ProductPicker } from './shared';

type Dated = { valid_from: string; valid_to?: string | null };

export function runningOn(p: Dated, day: string): boolean {
  return p.valid_from <= day && (!p.valid_to || day <= p.valid_to);
}

// "2024-01-01 — 2024-12-31" or "… — open-ended", never broken across lines.
export function Period({ of }: { of: Dated }) {
  return <span class="admin-nowrap">{of.valid_from} — {of.valid_to ?? t('admin.open_end')}</span>;
}

export function RunningBadge({ of, day }: { of: Dated; day: string }) {
  return runningOn(of, day) ? <Badge tone="ok">{t('admin.running')}</Badge> : null;
}

// Names of products (and categories) for the rows of a rule list.
export function useCatalogueNames(tenant: number, withCategories: boolean) {
  useEffect(() => {
    if (withCategories) reload.categories().catch(() => undefined);
    loadAllProducts(tenant).catch(() => undefined);
  }, [tenant]);
}

type TextInput = (key: 'valid_from' | 'valid_to') => {
  name: string;
  value: string;
  onInput: (e: JSX.TargetedEvent<HTMLInputElement | HTMLTextAreaElement>) => void;
};

// "Valid from" and "valid to" (empty: open-ended).
export function ValidityFields({ text, errors }: { text: TextInput; errors: Errors }) {
  return (
    <>
      <AField label={t('admin.valid_from')} error={errors.valid_from}>
        <input type="date" {...text('valid_from')} />
      </AField>
      <AField label={t('admin.valid_to')} error={errors.valid_to} hint={t('admin.valid_to_hint')}>
        <input type="date" {...text('valid_to')} />
      </AField>
    </>
  );
}

// The company's categories; "—" (or emptyLabel) for none.
export function CategorySelect({ tenant, value, onChange, label = t('admin.target.category'), emptyLabel = '—', error }: {
  tenant: number;
  value: string;
  onChange: (id: string) => void;
  label?: string;
  emptyLabel?: string;
  error?: Msg;
}) {
  return (
    <AField label={label} error={error}>
      <select name="category_id" value={value} onChange={(e) => onChange((e.target as HTMLSelectElement).value)}>
        <option value="">{emptyLabel}</option>
        {categories.value
          .filter((c) => c.tenant_id === tenant)
          .map((c) => (
            <option value={String(c.id)}>{c.name}</option>
          ))}
      </select>
    </AField>
  );
}

// What a rule applies to: a product (picked by name or SKU) or a category.
export function ProductOrCategory({ on, tenant, form, set, errors }: {
  on: string;
  tenant: number;
  form: { product_id: number | null; category_id: string };
  errors: Errors;
  set(key: 'product_id' | 'category_id', value: number | string | null): void;
}) {
  if (on === 'product') {
    return <ProductPicker label={t('admin.target.product')} value={form.product_id} onChange={(id) => set('product_id', id)} error={errors.product_id} tenant={tenant} />;
  }
  if (on === 'category') {
    return <CategorySelect tenant={tenant} value={form.category_id} onChange={(id) => set('category_id', id)} error={errors.category_id} />;
  }
  return null;
}
