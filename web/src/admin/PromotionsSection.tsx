// Promotions (docs/pricing.md): "buy X, pay for Y" on a product or category,
// and a gift over an order total; with the pitch the operator reads out.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../core/api';
import { lang, t } from '../core/i18n';
import { money } from '../core/format';
import { Badge, Button, Empty, ErrorNote, Panel } from '../core/ui';
import type { Errors, Promotion, PromotionForm } from './forms';
import { emptyPromotionForm, promotionBody, promotionToForm, validatePromotion } from './forms';
import { categories, categoryName, loadAllProducts, productLabel, reload } from './data';
import { AdminError, AField, ConfirmButton, NewButton, ProductPicker, Row, Split, submitWith, today, useForm, useShortcuts, focusForm } from './shared';
import { runningOn } from './PriceListsSection';

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
  const [list, setList] = useState<Promotion[]>([]);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [selected, setSelected] = useState<number | null>(null);
  const [creating, setCreating] = useState(edit);

  const load = () =>
    api
      .get<Promotion[]>(`/api/catalogue/promotions?tenant_id=${tenant}`)
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
  const current = list.find((p) => p.id === selected) ?? null;

  return (
    <Split
      list={
        <Panel title={t('admin.promotions.title')} actions={edit ? <NewButton onClick={openNew} label={t('admin.promotions.new')} /> : null}>
          <ErrorNote error={loadError} />
          {list.length === 0 ? (
            <Empty />
          ) : (
            <table class="grid">
              <thead>
                <tr>
                  <th>{t('admin.promotions.name')}</th>
                  <th>{t('admin.promotions.terms')}</th>
                  <th>{t('admin.pricelists.period')}</th>
                </tr>
              </thead>
              <tbody>
                {list.map((p) => (
                  <Row selected={p.id === selected} muted={!runningOn(p, day)} onOpen={() => { setCreating(false); setSelected(p.id); }}>
                    <td>
                      {p.name}
                      {p.pitch ? <div class="muted admin-pitch">{p.pitch}</div> : null}
                    </td>
                    <td>{promotionSummary(p)}</td>
                    <td>
                      <span class="admin-nowrap">{p.valid_from} — {p.valid_to ?? t('admin.open_end')}</span> {runningOn(p, day) ? <Badge tone="ok">{t('admin.running')}</Badge> : null}
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
          <PromotionEditor key="new" promo={null} tenant={tenant} onDone={async (p) => { await load(); setCreating(false); setSelected(p.id); }} onCancel={() => setCreating(false)} />
        ) : current && edit ? (
          <PromotionEditor
            key={current.id}
            promo={current}
            tenant={tenant}
            onDone={async () => { await load(); }}
            onCancel={() => { setSelected(null); setCreating(edit); }}
            onDeleted={async () => { setSelected(null); await load(); }}
          />
        ) : (
          <Panel>
            <p class="muted">{edit ? t('admin.promotions.hint') : t('admin.read_only')}</p>
          </Panel>
        )
      }
    />
  );
}

function PromotionEditor({ promo, tenant, onDone, onCancel, onDeleted }: {
  promo: Promotion | null;
  tenant: number;
  onDone: (p: Promotion) => Promise<void>;
  onCancel: () => void;
  onDeleted?: () => Promise<void>;
}) {
  const creating = promo === null;
  const { form, set } = useForm<PromotionForm>(promo ? promotionToForm(promo, lang.value) : emptyPromotionForm(today()));
  const [errors, setErrors] = useState<Errors>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const tenantCategories = categories.value.filter((c) => c.tenant_id === tenant);

  const save = async (e: Event) => {
    e.preventDefault();
    setSaved(false);
    const ok = await submitWith(validatePromotion(form), setErrors, setBusy, setError, formRef.current, async () => {
      const body = promotionBody(form, tenant);
      const p = creating
        ? await api.post<Promotion>('/api/catalogue/promotions', body)
        : await api.put<Promotion>(`/api/catalogue/promotions/${promo!.id}`, body);
      await onDone(p);
    });
    if (ok && !creating) setSaved(true);
  };

  const remove = async () => {
    setBusy(true);
    setError(null);
    try {
      await api.del(`/api/catalogue/promotions/${promo!.id}`);
      await onDeleted?.();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Panel title={creating ? t('admin.promotions.new') : promo!.name}>
      <form ref={formRef} data-testid="admin-form" onSubmit={save} noValidate>
        <AField label={t('admin.promotions.name')} error={errors.name}>
          <input name="name" value={form.name} onInput={(e) => set('name', (e.target as HTMLInputElement).value)} />
        </AField>
        <AField label={t('admin.promotions.pitch')} error={errors.pitch} hint={t('admin.promotions.pitch_hint')}>
          <textarea name="pitch" rows={2} value={form.pitch} onInput={(e) => set('pitch', (e.target as HTMLTextAreaElement).value)} />
        </AField>
        <AField label={t('admin.promotions.kind')}>
          <select name="kind" value={form.kind} onChange={(e) => set('kind', (e.target as HTMLSelectElement).value as PromotionForm['kind'])}>
            <option value="buy_x_pay_y">{t('admin.promotions.kind.buy_x_pay_y')}</option>
            <option value="gift_over_total">{t('admin.promotions.kind.gift_over_total')}</option>
          </select>
        </AField>
        {form.kind === 'buy_x_pay_y' ? (
          <>
            <div class="row">
              <AField label={t('admin.promotions.buy')} error={errors.buy}>
                <input name="buy" inputMode="numeric" value={form.buy} onInput={(e) => set('buy', (e.target as HTMLInputElement).value)} />
              </AField>
              <AField label={t('admin.promotions.pay')} error={errors.pay}>
                <input name="pay" inputMode="numeric" value={form.pay} onInput={(e) => set('pay', (e.target as HTMLInputElement).value)} />
              </AField>
              <AField label={t('admin.promotions.on')}>
                <select name="on" value={form.on} onChange={(e) => set('on', (e.target as HTMLSelectElement).value as PromotionForm['on'])}>
                  <option value="product">{t('admin.target.product')}</option>
                  <option value="category">{t('admin.target.category')}</option>
                </select>
              </AField>
            </div>
            {form.on === 'product' ? (
              <ProductPicker label={t('admin.target.product')} value={form.product_id} onChange={(id) => set('product_id', id)} error={errors.product_id} tenant={tenant} />
            ) : (
              <AField label={t('admin.target.category')} error={errors.category_id}>
                <select name="category_id" value={form.category_id} onChange={(e) => set('category_id', (e.target as HTMLSelectElement).value)}>
                  <option value="">—</option>
                  {tenantCategories.map((c) => (
                    <option value={String(c.id)}>{c.name}</option>
                  ))}
                </select>
              </AField>
            )}
          </>
        ) : (
          <>
            <div class="row">
              <AField label={t('admin.promotions.min_total')} error={errors.min_order_total}>
                <input name="min_order_total" inputMode="decimal" value={form.min_order_total} onInput={(e) => set('min_order_total', (e.target as HTMLInputElement).value)} />
              </AField>
              <AField label={t('admin.promotions.gift_quantity')} error={errors.gift_quantity}>
                <input name="gift_quantity" inputMode="numeric" value={form.gift_quantity} onInput={(e) => set('gift_quantity', (e.target as HTMLInputElement).value)} />
              </AField>
            </div>
            <ProductPicker label={t('admin.promotions.gift')} value={form.gift_product_id} onChange={(id) => set('gift_product_id', id)} error={errors.gift_product_id} tenant={tenant} />
          </>
        )}
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
          {!creating ? <ConfirmButton label={t('core.delete')} confirm={t('admin.promotions.delete_q')} onConfirm={remove} disabled={busy} /> : null}
        </div>
      </form>
    </Panel>
  );
}
