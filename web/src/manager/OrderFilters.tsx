// Status, delivery dates and words. A status is asked of the server; the
// rest narrows the loaded list as one types.
import type { Ref } from 'preact';
import { t } from '../core/i18n';
import { Button } from '../core/ui';
import { emptyFilter, type StatusFilter } from './orderList';
import { filter, loadOrders, loading } from './store';
import { orderStatuses } from './types';

export function OrderFilters({ searchRef }: { searchRef: Ref<HTMLInputElement> }) {
  const f = filter.value;
  const set = (change: Partial<typeof f>) => {
    filter.value = { ...filter.value, ...change };
  };
  return (
    <form class="mgr-filters" role="search" aria-label={t('manager.filters')} onSubmit={(e) => e.preventDefault()}>
      <label class="field mgr-f-status">
        <span class="field-label">{t('manager.filter.status')}</span>
        <select
          name="status-filter"
          value={f.status}
          onChange={(e) => {
            set({ status: (e.currentTarget.value as StatusFilter) ?? '' });
            void loadOrders();
          }}
        >
          <option value="">{t('manager.filter.all')}</option>
          <option value="open">{t('manager.filter.open')}</option>
          {orderStatuses.map((s) => (
            <option value={s}>{t(`manager.status.${s}`)}</option>
          ))}
        </select>
      </label>
      <label class="field mgr-f-date">
        <span class="field-label">{t('manager.filter.from')}</span>
        <input type="date" name="delivery-from" value={f.from} max={f.to || undefined} onInput={(e) => set({ from: e.currentTarget.value })} />
      </label>
      <label class="field mgr-f-date">
        <span class="field-label">{t('manager.filter.to')}</span>
        <input type="date" name="delivery-to" value={f.to} min={f.from || undefined} onInput={(e) => set({ to: e.currentTarget.value })} />
      </label>
      <label class="field mgr-f-search">
        <span class="field-label">
          {t('manager.filter.search')} <kbd>/</kbd>
        </span>
        <input
          ref={searchRef}
          type="search"
          name="order-search"
          value={f.text}
          placeholder={t('manager.filter.searchHint')}
          autocomplete="off"
          onInput={(e) => set({ text: e.currentTarget.value })}
        />
      </label>
    </form>
  );
}

// Clear the filters; load the list again.
export function FilterActions() {
  const f = filter.value;
  const changed = f.status !== '' || f.from !== '' || f.to !== '' || f.text !== '';
  return (
    <div class="mgr-f-actions">
      {changed ? (
        <Button
          onClick={() => {
            const hadStatus = filter.value.status !== '';
            filter.value = { ...emptyFilter };
            if (hadStatus) void loadOrders();
          }}
        >
          {t('manager.filter.reset')}
        </Button>
      ) : null}
      <Button onClick={() => void loadOrders()} disabled={loading.value} title={t('manager.refreshHint')}>
        {loading.value ? t('manager.refreshing') : t('manager.refresh')}
      </Button>
    </div>
  );
}
