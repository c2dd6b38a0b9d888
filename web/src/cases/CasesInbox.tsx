// The cases inbox (/cases, /cases/<id>): the cases of the user's companies with filters,
// live arrivals and escalations, and the open case with its history and the
// next step. Keyboard: j/k or ↓/↑ move, Enter to the actions, Esc back, /.
import { useEffect } from 'preact/hooks';
import { t } from '../core/i18n';
import { InboxLayout, useInbox } from '../core/InboxLayout';
import { Toast, Toasts as Stack } from '../core/Toasts';
import { Button } from '../core/ui';
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

function Toasts({ onOpen }: { onOpen: (id: number) => void }) {
  return (
    <Stack items={toasts.value} dismiss={dismissToast} class="cs-toasts">
      {({ key, type, summary: s }) => (
        <Toast
          class={`cs-toast ${type === 'case.escalated' ? 'cs-toast-bad' : ''}`}
          textClass="cs-grow"
          data-testid="case-toast"
          data-case-id={s.id}
          onOpen={() => onOpen(s.id)}
          onDismiss={() => dismissToast(key)}
        >
          <b>{type === 'case.escalated' ? t('cases.toast.escalated', { id: s.id }) : t('cases.toast.opened', { id: s.id })}</b>
          <div>{s.summary}</div>
          <div class="cs-toast-muted">{departmentName(s.department_id)}</div>
        </Toast>
      )}
    </Stack>
  );
}

function idFromPath(): number | null {
  const m = /^\/cases\/(\d+)\/?$/.exec(location.pathname);
  return m ? Number(m[1]) : null;
}

// The address follows the open case quietly (a reload or a shared link opens it again).
function followAddress(id: number): void {
  if (location.pathname !== `/cases/${id}`) history.replaceState(history.state, '', `/cases/${id}`);
}

export default function CasesInbox() {
  const inbox = useInbox({ rows: visible, selectedId, fetch: fetchCase, onSelect: followAddress });

  useEffect(() => {
    const linked = idFromPath();
    if (linked) {
      selectedId.value = linked;
      void fetchCase(linked);
    }
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

  const c = selected.value;
  const f = filter.value;
  const changed = f.status !== '' || f.department !== '' || f.overdue || f.text !== '';
  return (
    <InboxLayout
      prefix="cs"
      inbox={inbox}
      title={t('cases.title')}
      detailsLabel={t('cases.detailsLabel')}
      actions={
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
      }
      filters={<CaseFilters searchRef={inbox.searchRef} />}
      list={<CaseList onOpen={inbox.open} />}
      count={<CaseCount />}
      record={c ? <CaseDetails c={c} selectRef={inbox.selectRef} headRef={inbox.headRef} /> : null}
      selectedId={selectedId.value}
      detailError={detailError.value}
      cannotOpen={(id) => t('cases.cannotOpen', { id })}
      pick={t('cases.pick')}
    >
      <Toasts onOpen={(id) => inbox.open(id, true)} />
    </InboxLayout>
  );
}
