// Products and categories: search as one types, create, edit, and the
// product's price in each price list (saved into that list).
import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../core/api';
import { lang, t } from '../core/i18n';
import { money, parseRubles } from '../core/format';
import { Badge, Button, Empty, ErrorNote, Panel } from '../core/ui';
import type { Errors, PriceList, Product, ProductForm } from './forms';
import { emptyProductForm, kopecksToInput, productBody, productToForm, validateProduct } from './forms';
import { categories, categoryName, rememberProducts, reload } from './data';
import { AdminError, AField, msgText, NewButton, Row, SearchBox, Split, submitWith, useForm, useShortcuts, focusForm } from './shared';

const PAGE = 50;

export default function ProductsSection({ edit, tenant }: { edit: boolean; tenant: number }) {
  const [q, setQ] = useState('');
  const [category, setCategory] = useState('');
  const [list, setList] = useState<Product[]>([]);
  const [more, setMore] = useState(false);
  const [loading, setLoading] = useState(false);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [selected, setSelected] = useState<Product | null>(null);
  const [creating, setCreating] = useState(edit);
  const search = useRef<HTMLInputElement>(null);
  const seq = useRef(0);

  useEffect(() => {
    reload.categories().catch(setLoadError);
  }, []);

  const load = async (offset: number) => {
    const mine = ++seq.current;
    setLoading(true);
    try {
      const params = new URLSearchParams({ limit: String(PAGE) });
      if (q.trim()) params.set('q', q.trim());
      else {
        params.set('offset', String(offset));
        if (category) params.set('category_id', category);
      }
      const page = await api.get<Product[]>(`/api/catalogue/products?${params}`);
      if (mine !== seq.current) return;
      rememberProducts(page);
      const mineOnly = page.filter((p) => p.tenant_id === tenant && (!category || String(p.category_id) === category));
      setList((old) => (offset === 0 ? mineOnly : [...old, ...mineOnly]));
      setMore(!q.trim() && page.length === PAGE);
      setLoadError(null);
    } catch (e) {
      if (mine === seq.current) setLoadError(e);
    } finally {
      if (mine === seq.current) setLoading(false);
    }
  };

  useEffect(() => {
    const timer = setTimeout(() => void load(0), q ? 200 : 0);
    return () => clearTimeout(timer);
  }, [q, category, tenant]);

  const openNew = () => {
    setSelected(null);
    setCreating(true);
    focusForm();
  };
  useShortcuts(edit ? openNew : null, search);

  const tenantCategories = categories.value.filter((c) => c.tenant_id === tenant);

  const refreshOne = async (id: number) => {
    const p = await api.get<Product>(`/api/catalogue/products/${id}`);
    rememberProducts([p]);
    setList((old) => (old.some((x) => x.id === id) ? old.map((x) => (x.id === id ? p : x)) : [p, ...old]));
    setSelected(p);
  };

  return (
    <Split
      list={
        <div class="stack">
          <Panel title={t('admin.products.title')} actions={edit ? <NewButton onClick={openNew} label={t('admin.products.new')} /> : null}>
            <div class="admin-filters">
              <SearchBox value={q} onInput={setQ} inputRef={search} label={t('admin.products.search')} />
              <label class="admin-inline-label">
                <span>{t('admin.products.category')}</span>
                <select value={category} onChange={(e) => setCategory((e.target as HTMLSelectElement).value)} disabled={!!q.trim()}>
                  <option value="">{t('admin.products.all_categories')}</option>
                  {tenantCategories.map((c) => (
                    <option value={String(c.id)}>{c.name}</option>
                  ))}
                </select>
              </label>
              {loading ? <span class="muted">{t('core.loading')}</span> : null}
            </div>
            <ErrorNote error={loadError} />
            {list.length === 0 && !loading ? (
              <Empty />
            ) : (
              <table class="grid">
                <thead>
                  <tr>
                    <th>{t('admin.products.sku')}</th>
                    <th>{t('admin.products.name')}</th>
                    <th>{t('admin.products.category')}</th>
                    <th class="num">{t('admin.products.vat')}</th>
                    <th class="num">{t('admin.products.price')}</th>
                    <th class="num">{t('admin.products.price_today')}</th>
                  </tr>
                </thead>
                <tbody>
                  {list.map((p) => (
                    <Row selected={p.id === selected?.id} muted={!p.available} onOpen={() => { setCreating(false); setSelected(p); }}>
                      <td><code>{p.sku}</code></td>
                      <td>
                        {p.name} {!p.available ? <Badge tone="warn">{t('admin.products.unavailable')}</Badge> : null}
                      </td>
                      <td>{categoryName(p.category_id)}</td>
                      <td class="num">{p.vat_percent} %</td>
                      <td class="num">{p.price !== null && p.price !== undefined ? money(p.price, lang.value) : <span class="muted">{t('admin.products.no_price')}</span>}</td>
                      <td class="num">{p.price_today !== undefined && p.price !== null ? money(p.price_today, lang.value) : '—'}</td>
                    </Row>
                  ))}
                </tbody>
              </table>
            )}
            {more ? (
              <Button onClick={() => load(list.length)} disabled={loading}>
                {t('admin.more')}
              </Button>
            ) : null}
          </Panel>
          <CategoriesPanel tenant={tenant} edit={edit} />
        </div>
      }
      form={
        creating && edit ? (
          <ProductEditor key="new" product={null} tenant={tenant} onDone={(p) => { setCreating(false); void refreshOne(p.id); }} onCancel={() => setCreating(false)} />
        ) : selected ? (
          <div class="stack">
            {edit ? (
              <ProductEditor key={selected.id} product={selected} tenant={tenant} onDone={(p) => void refreshOne(p.id)} onCancel={() => { setSelected(null); setCreating(edit); }} />
            ) : null}
            <ProductPrices key={`p${selected.id}`} product={selected} tenant={tenant} edit={edit} onChanged={() => void refreshOne(selected.id)} />
          </div>
        ) : (
          <Panel>
            <p class="muted">{edit ? t('admin.products.hint') : t('admin.read_only')}</p>
          </Panel>
        )
      }
    />
  );
}

function ProductEditor({ product, tenant, onDone, onCancel }: {
  product: Product | null;
  tenant: number;
  onDone: (p: Product) => void;
  onCancel: () => void;
}) {
  const creating = product === null;
  const { form, set } = useForm<ProductForm>(product ? productToForm(product) : emptyProductForm());
  const [errors, setErrors] = useState<Errors>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const tenantCategories = categories.value.filter((c) => c.tenant_id === tenant);

  const save = async (e: Event) => {
    e.preventDefault();
    setSaved(false);
    const ok = await submitWith(validateProduct(form), setErrors, setBusy, setError, formRef.current, async () => {
      const body = productBody(form, tenant);
      const p = creating
        ? await api.post<Product>('/api/catalogue/products', body)
        : await api.put<Product>(`/api/catalogue/products/${product!.id}`, body);
      onDone(p);
    });
    if (ok && !creating) setSaved(true);
  };

  return (
    <Panel title={creating ? t('admin.products.new') : t('admin.products.edit', { sku: product!.sku })}>
      <form ref={formRef} data-testid="admin-form" onSubmit={save} noValidate>
        <div class="row">
          <AField label={t('admin.products.sku')} error={errors.sku} hint={t('admin.products.sku_hint')}>
            <input name="sku" value={form.sku} onInput={(e) => set('sku', (e.target as HTMLInputElement).value)} />
          </AField>
          <AField label={t('admin.products.unit')}>
            <input name="unit" value={form.unit} onInput={(e) => set('unit', (e.target as HTMLInputElement).value)} />
          </AField>
        </div>
        <AField label={t('admin.products.name')} error={errors.name}>
          <input name="name" value={form.name} onInput={(e) => set('name', (e.target as HTMLInputElement).value)} />
        </AField>
        <AField label={t('admin.products.description')}>
          <textarea name="description" rows={3} value={form.description} onInput={(e) => set('description', (e.target as HTMLTextAreaElement).value)} />
        </AField>
        <div class="row">
          <AField label={t('admin.products.category')}>
            <select name="category_id" value={form.category_id} onChange={(e) => set('category_id', (e.target as HTMLSelectElement).value)}>
              <option value="">{t('admin.products.no_category')}</option>
              {tenantCategories.map((c) => (
                <option value={String(c.id)}>{c.name}</option>
              ))}
            </select>
          </AField>
          <AField label={t('admin.products.vat')}>
            <select name="vat_percent" value={form.vat_percent} onChange={(e) => set('vat_percent', (e.target as HTMLSelectElement).value)}>
              {['20', '10', '0'].map((v) => (
                <option value={v}>{v} %</option>
              ))}
            </select>
          </AField>
        </div>
        <label class="admin-check">
          <input type="checkbox" name="available" checked={form.available} onChange={(e) => set('available', (e.target as HTMLInputElement).checked)} />
          {t('admin.products.available')}
        </label>
        <AdminError error={error} />
        {saved && !error ? <p class="notice" role="status">{t('admin.saved')}</p> : null}
        <div class="admin-actions">
          <Button kind="primary" type="submit" disabled={busy} data-testid="admin-save">{creating ? t('core.create') : t('core.save')}</Button>
          <Button onClick={onCancel}>{t('core.cancel')}</Button>
        </div>
        {creating ? <p class="field-hint">{t('admin.products.price_after')}</p> : null}
      </form>
    </Panel>
  );
}

// The product's price in each price list; a price is saved into its list
// (the list is sent back whole with this one price changed).
function ProductPrices({ product, tenant, edit, onChanged }: { product: Product; tenant: number; edit: boolean; onChanged: () => void }) {
  const [lists, setLists] = useState<PriceList[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [listId, setListId] = useState('');
  const [price, setPrice] = useState('');
  const [check, setCheck] = useState('');
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);

  const load = () =>
    api
      .get<PriceList[]>(`/api/catalogue/price-lists?tenant_id=${tenant}&prices=true`)
      .then((l) => {
        setLists(l);
        setError(null);
      })
      .catch(setError);
  useEffect(() => {
    void load();
  }, [product.id]);

  useEffect(() => {
    const l = lists?.find((x) => String(x.id) === listId);
    const p = l?.prices?.find((x) => x.product_id === product.id);
    setPrice(p ? kopecksToInput(p.price, lang.value) : '');
  }, [listId, lists]);

  const save = async (e: Event) => {
    e.preventDefault();
    setDone(false);
    const l = lists?.find((x) => String(x.id) === listId);
    if (!l) {
      setCheck(t('admin.products.pick_list'));
      return;
    }
    const k = parseRubles(price);
    if (k === null || k < 0) {
      setCheck(t('admin.v.money'));
      return;
    }
    setCheck('');
    setBusy(true);
    setError(null);
    try {
      const prices = (l.prices ?? []).filter((x) => x.product_id !== product.id);
      prices.push({ product_id: product.id, price: k });
      await api.put(`/api/catalogue/price-lists/${l.id}`, {
        tenant_id: tenant, name: l.name, valid_from: l.valid_from, valid_to: l.valid_to, priority: l.priority, prices,
      });
      await load();
      setDone(true);
      onChanged();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Panel title={t('admin.products.prices', { sku: product.sku })}>
      <p>
        {t('admin.products.price_today')}:{' '}
        <b>{product.price !== null && product.price !== undefined ? money(product.price_today ?? product.price, lang.value) : t('admin.products.no_price')}</b>
        {product.price_error ? <span class="muted"> — {product.price_error}</span> : null}
      </p>
      {lists ? (
        <table class="grid admin-compact">
          <thead>
            <tr>
              <th>{t('admin.pricelists.name')}</th>
              <th>{t('admin.pricelists.period')}</th>
              <th class="num">{t('admin.products.price')}</th>
            </tr>
          </thead>
          <tbody>
            {lists.map((l) => {
              const p = l.prices?.find((x) => x.product_id === product.id);
              return (
                <tr>
                  <td>{l.name}</td>
                  <td><span class="admin-nowrap">{l.valid_from} — {l.valid_to ?? t('admin.open_end')}</span></td>
                  <td class="num">{p ? money(p.price, lang.value) : '—'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
      {edit && lists && lists.length > 0 ? (
        <form class="admin-inline-form" data-testid="admin-price-form" onSubmit={save} noValidate>
          <label class="field">
            <span class="field-label">{t('admin.products.in_list')}</span>
            <select value={listId} onChange={(e) => setListId((e.target as HTMLSelectElement).value)}>
              <option value="">—</option>
              {lists.map((l) => (
                <option value={String(l.id)}>{l.name}</option>
              ))}
            </select>
          </label>
          <label class={`field ${check ? 'admin-invalid' : ''}`}>
            <span class="field-label">{t('admin.products.price_rub')}</span>
            <input inputMode="decimal" value={price} onInput={(e) => setPrice((e.target as HTMLInputElement).value)} />
          </label>
          <Button type="submit" disabled={busy}>{t('admin.products.set_price')}</Button>
        </form>
      ) : null}
      {check ? <p class="error-note" role="alert">{check}</p> : null}
      {done ? <p class="notice" role="status">{t('admin.saved')}</p> : null}
      <ErrorNote error={error} />
    </Panel>
  );
}

function CategoriesPanel({ tenant, edit }: { tenant: number; edit: boolean }) {
  const [name, setName] = useState('');
  const [parent, setParent] = useState('');
  const [check, setCheck] = useState<Errors>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const list = categories.value.filter((c) => c.tenant_id === tenant);

  const add = async (e: Event) => {
    e.preventDefault();
    if (!name.trim()) {
      setCheck({ name: { key: 'admin.v.required' } });
      return;
    }
    setCheck({});
    setBusy(true);
    setError(null);
    try {
      const body: Record<string, unknown> = { tenant_id: tenant, name: name.trim() };
      if (parent) body.parent_id = Number(parent);
      await api.post('/api/catalogue/categories', body);
      await reload.categories();
      setName('');
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Panel title={t('admin.categories.title')}>
      <p class="admin-chips">
        {list.map((c) => (
          <span class="badge">{c.parent_id ? `${categoryName(c.parent_id)} › ` : ''}{c.name}</span>
        ))}
        {list.length === 0 ? <span class="muted">{t('core.none')}</span> : null}
      </p>
      {edit ? (
        <form class="admin-inline-form" data-testid="admin-category-form" onSubmit={add} noValidate>
          <label class={`field ${check.name ? 'admin-invalid' : ''}`}>
            <span class="field-label">{t('admin.categories.new')}</span>
            <input value={name} onInput={(e) => setName((e.target as HTMLInputElement).value)} />
            {check.name ? <span class="admin-field-error">{msgText(check.name)}</span> : null}
          </label>
          <label class="field">
            <span class="field-label">{t('admin.categories.parent')}</span>
            <select value={parent} onChange={(e) => setParent((e.target as HTMLSelectElement).value)}>
              <option value="">—</option>
              {list.map((c) => (
                <option value={String(c.id)}>{c.name}</option>
              ))}
            </select>
          </label>
          <Button type="submit" disabled={busy}>{t('admin.categories.add')}</Button>
        </form>
      ) : null}
      <ErrorNote error={error} />
    </Panel>
  );
}
