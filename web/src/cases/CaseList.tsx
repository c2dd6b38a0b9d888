// The cases' rows: number, what it is about, department, status and due time.
import { useEffect, useRef } from 'preact/hooks';
import { plural, t } from '../core/i18n';
import { Badge, ErrorNote } from '../core/ui';
import { Due } from './Due';
import { cases, departments, fresh, labels, loadError, loaded, now, selectedId, visible } from './store';
import type { Case, CaseStatus } from './types';

const tones: Record<CaseStatus, string> = { open: 'warn', in_progress: 'cs-progress', resolved: 'ok', closed: 'neutral' };

export function CaseStatusBadge({ status }: { status: CaseStatus }) {
  return <Badge tone={tones[status]}>{t(`cases.status.${status}`)}</Badge>;
}

export function departmentName(id: number): string {
  return departments.value[id] ?? t('cases.departmentNo', { id });
}

function Row({ c, selected, onOpen }: { c: Case; selected: boolean; onOpen: (id: number, focus: boolean) => void }) {
  const ref = useRef<HTMLTableRowElement>(null);
  useEffect(() => {
    if (selected) ref.current?.scrollIntoView({ block: 'nearest' });
  }, [selected]);
  const isNew = fresh.value.has(c.id);
  return (
    <tr
      ref={ref}
      data-testid="case-row"
      data-case-id={c.id}
      data-status={c.status}
      class={`clickable ${selected ? 'selected' : ''} ${isNew ? 'cs-fresh' : ''}`}
      tabIndex={selected ? 0 : -1}
      aria-selected={selected}
      onClick={() => onOpen(c.id, false)}
      onDblClick={() => onOpen(c.id, true)}
    >
      <td class="num cs-id">
        {c.id}
        {isNew ? <span class="cs-new">{t('cases.new')}</span> : null}
      </td>
      <td class="cs-what">
        <div class="cs-cut" title={c.summary}>
          <span class="cs-kind">{t(`cases.kind.${c.kind}`)}</span> {c.summary}
        </div>
        <div class="cs-cut muted cs-small">
          {labels.value[c.category] ?? c.category} · <span data-testid="case-row-department">{departmentName(c.department_id)}</span>
        </div>
      </td>
      <td>
        <CaseStatusBadge status={c.status} />
      </td>
      <td class="cs-small">
        <Due c={c} now={now.value} />
      </td>
    </tr>
  );
}

export function CaseList({ onOpen }: { onOpen: (id: number, focus: boolean) => void }) {
  const rows = visible.value;
  return (
    <div class="cs-list">
      <ErrorNote error={loadError.value} />
      {!loaded.value && !loadError.value ? <p class="empty">{t('cases.loading')}</p> : null}
      {loaded.value && !rows.length ? <p class="empty">{cases.value.length ? t('cases.noneMatch') : t('cases.none')}</p> : null}
      {rows.length ? (
        <table class="grid cs-table" aria-label={t('cases.listLabel')}>
          <thead>
            <tr>
              <th class="num">№</th>
              <th>{t('cases.col.what')}</th>
              <th>{t('cases.col.status')}</th>
              <th>{t('cases.col.due')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((c) => (
              <Row key={c.id} c={c} selected={c.id === selectedId.value} onOpen={onOpen} />
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}

export function CaseCount() {
  if (!loaded.value) return null;
  const n = visible.value.length;
  const all = cases.value.length;
  return <span aria-live="polite">{n === all ? plural('cases.count', all) : t('cases.countOf', { n, all })}</span>;
}
