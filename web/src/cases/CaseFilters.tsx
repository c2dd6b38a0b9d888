// Status, department, overdue only, words.
import type { Ref } from 'preact';
import { t } from '../core/i18n';
import { departmentName } from './CaseList';
import type { CaseStatusFilter } from './caseList';
import { cases, categories, filter, loadCases } from './store';
import { caseStatuses } from './types';

export function CaseFilters({ searchRef }: { searchRef: Ref<HTMLInputElement> }) {
  const f = filter.value;
  const set = (change: Partial<typeof f>) => {
    filter.value = { ...filter.value, ...change };
  };
  const ids = [...new Set([...categories.value.map((c) => c.department_id), ...cases.value.map((c) => c.department_id)])].sort((a, b) => a - b);
  return (
    <form class="cs-filters" role="search" aria-label={t('cases.filters')} onSubmit={(e) => e.preventDefault()}>
      <label class="field">
        <span class="field-label">{t('cases.filter.status')}</span>
        <select
          name="case-status-filter"
          value={f.status}
          onChange={(e) => {
            set({ status: e.currentTarget.value as CaseStatusFilter });
            void loadCases();
          }}
        >
          <option value="">{t('cases.filter.all')}</option>
          <option value="active">{t('cases.filter.active')}</option>
          {caseStatuses.map((s) => (
            <option value={s}>{t(`cases.status.${s}`)}</option>
          ))}
        </select>
      </label>
      <label class="field">
        <span class="field-label">{t('cases.filter.department')}</span>
        <select name="case-department-filter" value={f.department} onChange={(e) => set({ department: e.currentTarget.value })}>
          <option value="">{t('cases.filter.allDepartments')}</option>
          {ids.map((id) => (
            <option value={String(id)}>{departmentName(id)}</option>
          ))}
        </select>
      </label>
      <label class="cs-check">
        <input type="checkbox" name="case-overdue" checked={f.overdue} onChange={(e) => set({ overdue: e.currentTarget.checked })} />
        {t('cases.filter.overdue')}
      </label>
      <label class="field cs-grow">
        <span class="field-label">
          {t('cases.filter.search')} <kbd>/</kbd>
        </span>
        <input
          ref={searchRef}
          type="search"
          name="case-search"
          value={f.text}
          autocomplete="off"
          placeholder={t('cases.filter.searchHint')}
          onInput={(e) => set({ text: e.currentTarget.value })}
        />
      </label>
    </form>
  );
}
