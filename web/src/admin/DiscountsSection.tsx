// Discount rules (docs/pricing.md): percent or rubles off a product, a
// category, a customer group or the whole order; create, edit, delete.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../core/api';
import { lang, t } from '../core/i18n';
import { money } from '../core/format';
import { Badge, Button, Empty, ErrorNote, Panel } from '../core/ui';
import type { Discount, DiscountForm, Errors } from './forms';
import { bpToPercentInput, discountBody, discountTargets, discountToForm, emptyDiscountForm, validateDiscount } from './forms';
import { categories, categoryName, loadAllProducts, productLabel, reload } from './data';
import { AdminError, AField, ConfirmButton, NewButton, ProductPicker, Row, Split, submitWith, today, useForm, useShortcuts, focusForm } from './shared';
import { runningOn } from './PriceListsSection';

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

export default function DiscountsSection({ edit, tenant }: { edit: boolean; tenant: number }) {
  const [list, setList] = useState<Discount[]>([]);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [selected, setSelected] = useState<number | null>(null);
  const [creating, setCreating] = useState(edit);

  const load = () =>
    api
      .get<Discount[]>(`/api/catalogue/discounts?tenant_id=${tenant}`)
      .then((l) => {
        setList(l);
        setLoadError(null);
      })
      .catch(setLoadError);
  useEffect(() => {
    void load();
    reload.categories().catch(() => undefined);
    loadAllProducts(tenant).catch(() => undefined);
  }, [tenant]);

  const openNew = () => {
    setSelected(null);
    setCreating(true);
    focusForm();
  };
  useShortcuts(edit ? openNew : null);
  const day = today();
  const current = list.find((d) => d.id === selected) ?? null;

  return (
    <Split
      list={
        <Panel title={t('admin.discounts.title')} actions={edit ? <NewButton onClick={openNew} label={t('admin.discounts.new')} /> : null}>
          <ErrorNote error={loadError} />
          {list.length === 0 ? (
            <Empty />
          ) : (
            <table class="grid">
              <thead>
                <tr>
                  <th>{t('admin.discounts.name')}</th>
                  <th class="num">{t('admin.discounts.value')}</th>
                  <th>{t('admin.discounts.target')}</th>
                  <th>{t('admin.discounts.conditions')}</th>
                  <th>{t('admin.pricelists.period')}</th>
                </tr>
              </thead>
              <tbody>
                {list.map((d) => (
                  <Row selected={d.id === selected} muted={!runningOn(d, day)} onOpen={() => { setCreating(false); setSelected(d.id); }}>
                    <td>{d.name}</td>
                    <td class="num">{discountValue(d)}</td>
                    <td>{discountTarget(d)}</td>
                    <td>
                      {[
                        d.min_quantity ? t('admin.discounts.from_qty', { n: d.min_quantity }) : '',
                        d.min_order_total ? t('admin.discounts.from_total', { sum: money(d.min_order_total, lang.value) }) : '',
                        d.customer_group_id && d.target !== 'customer_group' ? `${t('admin.target.customer_group')} ${d.customer_group_id}` : '',
                      ].filter(Boolean).join('; ') || '—'}
                    </td>
                    <td>
                      <span class="admin-nowrap">{d.valid_from} — {d.valid_to ?? t('admin.open_end')}</span> {runningOn(d, day) ? <Badge tone="ok">{t('admin.running')}</Badge> : null}
                    </td>
                  </Row>
                ))}
              </tbody>
            </table>
          )}
        </Panel>
      }
      form={
        creating && edit ? (
          <DiscountEditor key="new" rule={null} tenant={tenant} onDone={async (d) => { await load(); setCreating(false); setSelected(d.id); }} onCancel={() => setCreating(false)} />
        ) : current && edit ? (
          <DiscountEditor
            key={current.id}
            rule={current}
            tenant={tenant}
            onDone={async () => { await load(); }}
            onCancel={() => { setSelected(null); setCreating(edit); }}
            onDeleted={async () => { setSelected(null); await load(); }}
          />
        ) : (
          <Panel>
            <p class="muted">{edit ? t('admin.discounts.hint') : t('admin.read_only')}</p>
          </Panel>
        )
      }
    />
  );
}

function DiscountEditor({ rule, tenant, onDone, onCancel, onDeleted }: {
  rule: Discount | null;
  tenant: number;
  onDone: (d: Discount) => Promise<void>;
  onCancel: () => void;
  onDeleted?: () => Promise<void>;
}) {
  const creating = rule === null;
  const { form, set } = useForm<DiscountForm>(rule ? discountToForm(rule, lang.value) : emptyDiscountForm(today()));
  const [errors, setErrors] = useState<Errors>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const tenantCategories = categories.value.filter((c) => c.tenant_id === tenant);

  const save = async (e: Event) => {
    e.preventDefault();
    setSaved(false);
    const ok = await submitWith(validateDiscount(form), setErrors, setBusy, setError, formRef.current, async () => {
      const body = discountBody(form, tenant);
      const d = creating
        ? await api.post<Discount>('/api/catalogue/discounts', body)
        : await api.put<Discount>(`/api/catalogue/discounts/${rule!.id}`, body);
      await onDone(d);
    });
    if (ok && !creating) setSaved(true);
  };

  const remove = async () => {
    setBusy(true);
    setError(null);
    try {
      await api.del(`/api/catalogue/discounts/${rule!.id}`);
      await onDeleted?.();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Panel title={creating ? t('admin.discounts.new') : rule!.name}>
      <form ref={formRef} data-testid="admin-form" onSubmit={save} noValidate>
        <AField label={t('admin.discounts.name')} error={errors.name} hint={t('admin.discounts.name_hint')}>
          <input name="name" value={form.name} onInput={(e) => set('name', (e.target as HTMLInputElement).value)} />
        </AField>
        <div class="row">
          <AField label={t('admin.discounts.kind')}>
            <select name="kind" value={form.kind} onChange={(e) => set('kind', (e.target as HTMLSelectElement).value as DiscountForm['kind'])}>
              <option value="percent">{t('admin.discounts.kind.percent')}</option>
              <option value="amount">{t('admin.discounts.kind.amount')}</option>
            </select>
          </AField>
          {form.kind === 'percent' ? (
            <AField label={t('admin.discounts.percent')} error={errors.percent} hint={t('admin.discounts.percent_hint')}>
              <input name="percent" inputMode="decimal" value={form.percent} onInput={(e) => set('percent', (e.target as HTMLInputElement).value)} />
            </AField>
          ) : (
            <AField label={t('admin.discounts.amount')} error={errors.amount} hint={t('admin.discounts.amount_hint')}>
              <input name="amount" inputMode="decimal" value={form.amount} onInput={(e) => set('amount', (e.target as HTMLInputElement).value)} />
            </AField>
          )}
        </div>
        <AField label={t('admin.discounts.target')}>
          <select name="target" value={form.target} onChange={(e) => set('target', (e.target as HTMLSelectElement).value as DiscountForm['target'])}>
            {discountTargets.map((x) => (
              <option value={x}>{t(`admin.target.${x}`)}</option>
            ))}
          </select>
        </AField>
        {form.target === 'product' ? (
          <ProductPicker label={t('admin.target.product')} value={form.product_id} onChange={(id) => set('product_id', id)} error={errors.product_id} tenant={tenant} />
        ) : null}
        {form.target === 'category' ? (
          <AField label={t('admin.target.category')} error={errors.category_id}>
            <select name="category_id" value={form.category_id} onChange={(e) => set('category_id', (e.target as HTMLSelectElement).value)}>
              <option value="">—</option>
              {tenantCategories.map((c) => (
                <option value={String(c.id)}>{c.name}</option>
              ))}
            </select>
          </AField>
        ) : null}
        <div class="admin-grid3">
          <AField
            label={t('admin.target.customer_group')}
            error={errors.customer_group_id}
            hint={form.target === 'customer_group' ? undefined : t('admin.discounts.only_group_hint')}
          >
            <input name="customer_group_id" inputMode="numeric" value={form.customer_group_id} onInput={(e) => set('customer_group_id', (e.target as HTMLInputElement).value)} />
          </AField>
          {form.target !== 'order' ? (
            <AField label={t('admin.discounts.min_quantity')} error={errors.min_quantity}>
              <input name="min_quantity" inputMode="numeric" value={form.min_quantity} onInput={(e) => set('min_quantity', (e.target as HTMLInputElement).value)} />
            </AField>
          ) : null}
          <AField label={t('admin.discounts.min_total')} error={errors.min_order_total} hint={form.target === 'order' ? t('admin.discounts.min_total_order') : t('admin.discounts.min_total_line')}>
            <input name="min_order_total" inputMode="decimal" value={form.min_order_total} onInput={(e) => set('min_order_total', (e.target as HTMLInputElement).value)} />
          </AField>
        </div>
        <div class="row">
          <AField label={t('admin.valid_from')} error={errors.valid_from}>
            <input name="valid_from" type="date" value={form.valid_from} onInput={(e) => set('valid_from', (e.target as HTMLInputElement).value)} />
          </AField>
          <AField label={t('admin.valid_to')} error={errors.valid_to} hint={t('admin.valid_to_hint')}>
            <input name="valid_to" type="date" value={form.valid_to} onInput={(e) => set('valid_to', (e.target as HTMLInputElement).value)} />
          </AField>
        </div>
        <AdminError error={error} />
        {saved && !error ? <p class="notice" role="status">{t('admin.saved')}</p> : null}
        <div class="admin-actions">
          <Button kind="primary" type="submit" disabled={busy} data-testid="admin-save">{creating ? t('core.create') : t('core.save')}</Button>
          <Button onClick={onCancel}>{t('core.cancel')}</Button>
          {!creating ? <ConfirmButton label={t('core.delete')} confirm={t('admin.discounts.delete_q')} onConfirm={remove} disabled={busy} /> : null}
        </div>
      </form>
    </Panel>
  );
}
