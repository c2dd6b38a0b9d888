// Product search as one types: today's price, the discounts one unit gets
// and the promotions to tell the caller; one click (or Enter) adds a line.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, query } from '../core/api';
import { lang, t } from '../core/i18n';
import { money } from '../core/format';
import { ErrorNote, Panel } from '../core/ui';
import type { Product } from './types';
import { reasonText } from './quote';
import { addProduct } from './orderForm';
import { orderForm } from './store';
import { labelOf } from './shortcuts';

function moveFocus(from: HTMLElement, step: number) {
  const buttons = Array.from(document.querySelectorAll<HTMLButtonElement>('[data-testid="add-product"]:not(:disabled)'));
  const at = buttons.indexOf(from as HTMLButtonElement);
  const next = buttons[at + step];
  if (next) next.focus();
  else if (step < 0) document.getElementById('agent-catalogue-search')?.focus();
}

export function Catalogue() {
  const [q, setQ] = useState('');
  const [items, setItems] = useState<Product[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const seq = useRef(0);
  const l = lang.value;

  useEffect(() => {
    const text = q.trim();
    if (!text) {
      setItems(null);
      setError(null);
      return;
    }
    const mine = ++seq.current;
    const timer = setTimeout(async () => {
      setBusy(true);
      try {
        const list = await api.get<Product[]>(`/api/catalogue/products${query({ q: text, limit: 20 })}`);
        if (mine === seq.current) {
          setItems(list);
          setError(null);
        }
      } catch (e) {
        if (mine === seq.current) setError(e);
      } finally {
        if (mine === seq.current) setBusy(false);
      }
    }, 180);
    return () => clearTimeout(timer);
  }, [q]);

  const inOrder = new Map(orderForm.value.lines.map((line) => [line.productId, line.quantity]));

  return (
    <Panel title={t('agent.catalogue.title')} class="agent-catalogue">
      <label class="agent-search-row">
        <span class="visually-hidden">{t('agent.catalogue.search')}</span>
        <input
          type="search"
          id="agent-catalogue-search"
          data-testid="catalogue-search"
          value={q}
          placeholder={t('agent.catalogue.searchHint')}
          aria-label={t('agent.catalogue.search')}
          aria-keyshortcuts="Alt+S"
          onInput={(e) => setQ((e.target as HTMLInputElement).value)}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown' || (e.key === 'Enter' && items?.length)) {
              e.preventDefault();
              document.querySelector<HTMLButtonElement>('[data-testid="add-product"]:not(:disabled)')?.focus();
            }
          }}
        />
        <kbd>{labelOf('catalogueSearch')}</kbd>
        {busy ? <span class="muted">{t('core.loading')}</span> : null}
      </label>
      <ErrorNote error={error} />
      {items === null ? (
        <p class="muted agent-hint">{t('agent.catalogue.hint')}</p>
      ) : items.length === 0 ? (
        <p class="muted agent-hint">{t('agent.catalogue.nothing')}</p>
      ) : (
        <table class="grid agent-products">
          <thead>
            <tr>
              <th>{t('agent.catalogue.product')}</th>
              <th class="num">{t('agent.catalogue.price')}</th>
              <th>{t('agent.catalogue.offers')}</th>
              <th>
                <span class="visually-hidden">{t('agent.catalogue.add')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((p) => {
              const cut = p.price !== null && p.price_today < p.price;
              const qty = inOrder.get(p.id);
              return (
                <tr data-testid="product-row" class={p.available ? '' : 'agent-unavailable'}>
                  <td>
                    <div class="agent-product-name">{p.name}</div>
                    <div class="muted agent-small-text">
                      {p.sku} · {p.unit} · {t('agent.catalogue.vat', { n: p.vat_percent })}
                      {!p.available ? <strong class="agent-bad"> · {t('agent.catalogue.unavailable')}</strong> : null}
                    </div>
                  </td>
                  <td class="num">
                    {p.price === null ? (
                      <span class="muted">{t('agent.catalogue.noPrice')}</span>
                    ) : (
                      <>
                        {cut ? <s class="muted">{money(p.price, l)}</s> : null}
                        <div class={cut ? 'agent-good' : ''}>{money(p.price_today, l)}</div>
                      </>
                    )}
                  </td>
                  <td class="agent-offers">
                    {p.adjustments.map((a) => (
                      <div class="agent-offer-line agent-good">{reasonText(a, l)}</div>
                    ))}
                    {p.promotions.map((pr) => (
                      <div class="agent-offer-line" title={pr.pitch}>
                        <span class="badge badge-warn">{t('agent.catalogue.promo')}</span> {pr.name}
                        <div class="muted agent-small-text">{pr.pitch}</div>
                      </div>
                    ))}
                  </td>
                  <td>
                    <button
                      type="button"
                      class="btn btn-primary agent-small"
                      data-testid="add-product"
                      disabled={!p.available || p.price === null}
                      aria-label={t('agent.catalogue.addNamed', { name: p.name })}
                      onClick={() => (orderForm.value = addProduct(orderForm.value, p))}
                      onKeyDown={(e) => {
                        if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
                          e.preventDefault();
                          moveFocus(e.currentTarget as HTMLElement, e.key === 'ArrowDown' ? 1 : -1);
                        } else if (e.key === 'Escape') {
                          document.getElementById('agent-catalogue-search')?.focus();
                        }
                      }}
                    >
                      {qty ? t('agent.catalogue.addMore', { n: qty }) : t('agent.catalogue.add')}
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </Panel>
  );
}
