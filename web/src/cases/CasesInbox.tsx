// The cases inbox (/cases): the cases of the user's companies with filters,
// live arrivals and escalations, and the open case with its history and the
// next step. Keyboard: j/k or ↓/↑ move, Enter to the actions, Esc back, /.
import { useEffect, useRef } from 'preact/hooks';
import { t } from '../core/i18n';
import { Button, errorText } from '../core/ui';
import { onMessage } from '../core/ws';
import { CaseDetails } from './CaseDetails';
import { CaseFilters } from './CaseFilters';
import { CaseCount, CaseList, departmentName } from './CaseList';
import { emptyCaseFilter } from './caseList';
import {
  detailError,
  dismissToast,
  fetchCase,
  fetchCustomerName,
  filter,
  loadCases,
  loading,
  loadNames,
  now,
  receiveCase,
  selected,
  selectedId,
  toasts,
  visible,
} from './store';
import type { CaseSummary } from './types';

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el?.tagName && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName));
}

function Toasts({ onOpen }: { onOpen: (id: number) => void }) {
  return (
    <div class="cs-toasts" role="status" aria-live="polite">
      {toasts.value.map((toast) => (
        <CaseToast key={toast.key} k={toast.key} type={toast.type} s={toast.summary} onOpen={onOpen} />
      ))}
    </div>
  );
}

function CaseToast({ k, type, s, onOpen }: { k: number; type: string; s: CaseSummary; onOpen: (id: number) => void }) {
  useEffect(() => {
    const timer = setTimeout(() => dismissToast(k), 20000);
    return () => clearTimeout(timer);
  }, [k]);
  return (
    <div class={`cs-toast ${type === 'case.escalated' ? 'cs-toast-bad' : ''}`} data-testid="case-toast" data-case-id={s.id}>
      <div class="cs-grow">
        <b>{type === 'case.escalated' ? t('cases.toast.escalated', { id: s.id }) : t('cases.toast.opened', { id: s.id })}</b>
        <div>{s.summary}</div>
        <div class="cs-toast-muted">{departmentName(s.department_id)}</div>
      </div>
      <button type="button" class="btn btn-primary" onClick={() => { onOpen(s.id); dismissToast(k); }}>
        {t('cases.toast.open')}
      </button>
      <button type="button" class="btn btn-plain" aria-label={t('cases.toast.dismiss')} title={t('cases.toast.dismiss')} onClick={() => dismissToast(k)}>
        ×
      </button>
    </div>
  );
}

export default function CasesInbox() {
  const searchRef = useRef<HTMLInputElement>(null);
  const selectRef = useRef<HTMLSelectElement>(null);
  const headRef = useRef<HTMLHeadingElement>(null);
  const listRef = useRef<HTMLDivElement>(null);

  const open = (id: number, focus: boolean) => {
    const changed = selectedId.value !== id;
    selectedId.value = id;
    if (changed) void fetchCase(id);
    if (focus) requestAnimationFrame(() => (selectRef.current ?? headRef.current)?.focus());
  };
  const focusRow = () => requestAnimationFrame(() => listRef.current?.querySelector<HTMLElement>('tr[aria-selected="true"]')?.focus());

  useEffect(() => {
    void loadCases();
    void loadNames();
    const tick = setInterval(() => (now.value = Date.now()), 30000);
    const offs = [
      onMessage('case.opened', (m) => receiveCase('case.opened', m.case as CaseSummary)),
      onMessage('case.escalated', (m) => receiveCase('case.escalated', m.case as CaseSummary)),
      onMessage('ws.open', () => void loadCases()),
    ];
    return () => {
      clearInterval(tick);
      offs.forEach((off) => off());
    };
  }, []);

  useEffect(() => {
    const c = selected.value;
    if (c?.customer_id) void fetchCustomerName(c.customer_id);
  }, [selected.value?.id]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
      const target = e.target as HTMLElement | null;
      if (e.key === 'Escape') {
        if (target?.closest?.('.cs-details')) {
          target.blur?.();
          focusRow();
        }
        return;
      }
      if (isTyping(target)) return;
      const inList = !target || target === document.body || !!target.closest?.('.cs-list');
      const rows = visible.value;
      const at = rows.findIndex((c) => c.id === selectedId.value);
      const move = (step: number) => {
        if (!rows.length) return;
        const next = at < 0 ? (step > 0 ? 0 : rows.length - 1) : Math.min(rows.length - 1, Math.max(0, at + step));
        open(rows[next].id, false);
        focusRow();
      };
      if (e.key === 'j' || (e.key === 'ArrowDown' && inList)) {
        e.preventDefault();
        move(1);
      } else if (e.key === 'k' || (e.key === 'ArrowUp' && inList)) {
        e.preventDefault();
        move(-1);
      } else if (e.key === 'Enter' && inList && selectedId.value !== null) {
        e.preventDefault();
        open(selectedId.value, true);
      } else if (e.key === '/') {
        e.preventDefault();
        searchRef.current?.focus();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  const c = selected.value;
  const f = filter.value;
  const changed = f.status !== '' || f.department !== '' || f.overdue || f.text !== '';
  const missing = selectedId.value !== null && !c ? detailError.value : null;
  return (
    <div class="cs-inbox">
      <section class="panel cs-left" aria-label={t('cases.title')}>
        <header class="panel-head">
          <h1 class="cs-title">{t('cases.title')}</h1>
          <div class="panel-actions">
            {changed ? (
              <Button
                onClick={() => {
                  const reload = filter.value.status !== '';
                  filter.value = { ...emptyCaseFilter };
                  if (reload) void loadCases();
                }}
              >
                {t('cases.filter.reset')}
              </Button>
            ) : null}
            <Button onClick={() => void loadCases()} disabled={loading.value}>
              {loading.value ? t('cases.refreshing') : t('cases.refresh')}
            </Button>
          </div>
        </header>
        <CaseFilters searchRef={searchRef} />
        <div class="cs-scroll" ref={listRef}>
          <CaseList onOpen={open} />
        </div>
        <footer class="cs-foot muted">
          <CaseCount />
          <span class="cs-keys">
            <kbd>j</kbd>/<kbd>k</kbd> {t('cases.keys.move')} · <kbd>Enter</kbd> {t('cases.keys.open')} · <kbd>Esc</kbd> {t('cases.keys.back')}
          </span>
        </footer>
      </section>
      <section class="panel cs-right" aria-label={t('cases.detailsLabel')}>
        <div class="panel-body cs-scroll">
          {c ? (
            <CaseDetails c={c} selectRef={selectRef} headRef={headRef} />
          ) : missing ? (
            <p class="error-note" role="alert">
              {t('cases.cannotOpen', { id: selectedId.value ?? '' })} {errorText(missing.error)}
            </p>
          ) : (
            <p class="empty">{t('cases.pick')}</p>
          )}
        </div>
      </section>
      <Toasts onOpen={(id) => open(id, true)} />
    </div>
  );
}
