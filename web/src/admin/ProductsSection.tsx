// Products and categories: search as one types, create, edit, and the
// product's price in each price list (saved into that list).
import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../core/api';
import { lang, t } from '../core/i18n';
import { money, parseRubles } from '../core/format';
import { Badge, Button, ErrorNote, Panel } from '../core/ui';
import type { PriceList, Product, ProductForm } from './forms';
import { emptyProductForm, kopecksToInput, productBody, productToForm, validateProduct } from './forms';
import { categories, categoryName, rememberProducts, reload } from './data';
import { AField, Row, SearchBox, Split } from './shared';
import { HintPanel, ListPanel, useSelection } from './section';
import { EditorForm, FormActions, useAction, useRecordForm } from './editor';
import { CategorySelect, Period } from './rules';
import { ChipsPanel } from './chips';

const PAGE = 50;

export default function ProductsSection({ edit, tenant }: { edit: boolean; tenant: number }) {
  const [q, setQ] = useState('');
  const [category, setCategory] = useState('');
  const [list, setList] = useState<Product[]>([]);
  const [more, setMore] = useState(false);
  const [loading, setLoading] = useState(false);
  const [loadError, setLoadError] = useState<unknown>(null);
  const search = useRef<HTMLInputElement>(null);
  const sel = useSelection<Product>(edit, search);
  const selected = sel.selected;
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

  const tenantCategories = categories.value.filter((c) => c.tenant_id === tenant);

  const refreshOne = async (id: number) => {
    const p = await api.get<Product>(`/api/catalogue/products/${id}`);
    rememberProducts([p]);
    setList((old) => (old.some((x) => x.id === id) ? old.map((x) => (x.id === id ? p : x)) : [p, ...old]));
    sel.setSelected(p);
  };

  return (
    <Split
      list={
        <div class="stack">
          <ListPanel
            title={t('admin.products.title')}
            newLabel={t('admin.products.new')}
            onNew={sel.onNew}
            error={loadError}
            empty={list.length === 0 && !loading}
            before={
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
            }
            head={
              <>
                <th>{t('admin.products.sku')}</th>
                <th>{t('admin.products.name')}</th>
                <th>{t('admin.products.category')}</th>
                <th class="num">{t('admin.products.vat')}</th>
                <th class="num">{t('admin.products.price')}</th>
                <th class="num">{t('admin.products.price_today')}</th>
              </>
            }
            after={
              more ? (
                <Button onClick={() => load(list.length)} disabled={loading}>
                  {t('admin.more')}
                </Button>
              ) : null
            }
          >
            {list.map((p) => (
              <Row selected={p.id === selected?.id} muted={!p.available} onOpen={() => sel.open(p)}>
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
          </ListPanel>
          <CategoriesPanel tenant={tenant} edit={edit} />
        </div>
      }
      form={
        sel.creating && edit ? (
          <ProductEditor key="new" product={null} tenant={tenant} onDone={(p) => { sel.setCreating(false); void refreshOne(p.id); }} onCancel={sel.cancel} />
        ) : selected ? (
          <div class="stack">
            {edit ? (
              <ProductEditor key={selected.id} product={selected} tenant={tenant} onDone={(p) => void refreshOne(p.id)} onCancel={sel.cancel} />
            ) : null}
            <ProductPrices key={`p${selected.id}`} product={selected} tenant={tenant} edit={edit} onChanged={() => void refreshOne(selected.id)} />
          </div>
        ) : (
          <HintPanel text={edit ? t('admin.products.hint') : t('admin.read_only')} />
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
  const { form, set, text, choice, errors, creating, save, ...ed } = useRecordForm<Product, ProductForm>({
    collection: '/api/catalogue/products',
    record: product,
    tenant,
    toForm: productToForm,
    empty: emptyProductForm,
    validate: validateProduct,
    body: productBody,
    onDone,
  });

  return (
    <EditorForm title={creating ? t('admin.products.new') : t('admin.products.edit', { sku: product!.sku })} formRef={ed.formRef} onSubmit={save}>
      <div class="row">
        <AField label={t('admin.products.sku')} error={errors.sku} hint={t('admin.products.sku_hint')}>
          <input {...text('sku')} />
        </AField>
        <AField label={t('admin.products.unit')}>
          <input {...text('unit')} />
        </AField>
      </div>
      <AField label={t('admin.products.name')} error={errors.name}>
        <input {...text('name')} />
      </AField>
      <AField label={t('admin.products.description')}>
        <textarea rows={3} {...text('description')} />
      </AField>
      <div class="row">
        <CategorySelect tenant={tenant} value={form.category_id} onChange={(id) => set('category_id', id)} label={t('admin.products.category')} emptyLabel={t('admin.products.no_category')} />
        <AField label={t('admin.products.vat')}>
          <select {...choice('vat_percent')}>
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
      <FormActions error={ed.error} busy={ed.busy} notice={ed.saved ? t('admin.saved') : null} creating={creating} onCancel={onCancel} />
      {creating ? <p class="field-hint">{t('admin.products.price_after')}</p> : null}
    </EditorForm>
  );
}

// The product's price in each price list; a price is saved into its list
// (the list is sent back whole with this one price changed).
function ProductPrices({ product, tenant, edit, onChanged }: { product: Product; tenant: number; edit: boolean; onChanged: () => void }) {
  const [lists, setLists] = useState<PriceList[] | null>(null);
  const { error, setError, busy, run } = useAction();
  const [listId, setListId] = useState('');
  const [price, setPrice] = useState('');
  const [check, setCheck] = useState('');
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
    await run(async () => {
      const prices = (l.prices ?? []).filter((x) => x.product_id !== product.id);
      prices.push({ product_id: product.id, price: k });
      await api.put(`/api/catalogue/price-lists/${l.id}`, {
        tenant_id: tenant, name: l.name, valid_from: l.valid_from, valid_to: l.valid_to, priority: l.priority, prices,
      });
      await load();
      setDone(true);
      onChanged();
    });
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
                  <td><Period of={l} /></td>
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
  const [parent, setParent] = useState('');
  const list = categories.value.filter((c) => c.tenant_id === tenant);
  return (
    <ChipsPanel
      title={t('admin.categories.title')}
      chips={list.map((c) => `${c.parent_id ? `${categoryName(c.parent_id)} › ` : ''}${c.name}`)}
      edit={edit}
      testid="admin-category-form"
      newLabel={t('admin.categories.new')}
      addLabel={t('admin.categories.add')}
      onAdd={async (name) => {
        const body: Record<string, unknown> = { tenant_id: tenant, name };
        if (parent) body.parent_id = Number(parent);
        await api.post('/api/catalogue/categories', body);
        await reload.categories();
      }}
    >
      <label class="field">
        <span class="field-label">{t('admin.categories.parent')}</span>
        <select value={parent} onChange={(e) => setParent((e.target as HTMLSelectElement).value)}>
          <option value="">—</option>
          {list.map((c) => (
            <option value={String(c.id)}>{c.name}</option>
          ))}
        </select>
      </label>
    </ChipsPanel>
  );
}
