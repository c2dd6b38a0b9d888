// "A new order is yours": one note per assignment, bottom right, with a
// button that opens it. They go by themselves after a while; the row stays
// marked "new" in the list.
import { useEffect } from 'preact/hooks';
import { money } from '../core/format';
import { lang, t } from '../core/i18n';
import { dayLabel } from './dates';
import { dismissToast, toasts, type Toast } from './store';

const lifetimeMs = 20000;

function OneToast({ toast, onOpen }: { toast: Toast; onOpen: (id: number) => void }) {
  useEffect(() => {
    const timer = setTimeout(() => dismissToast(toast.key), lifetimeMs);
    return () => clearTimeout(timer);
  }, [toast.key]);
  const s = toast.summary;
  const l = lang.value;
  return (
    <div class="mgr-toast" data-testid="order-toast" data-order-id={s.id}>
      <div class="mgr-toast-text">
        <b>{t('manager.toast.title', { id: s.id })}</b>
        <div>
          {money(s.total, l)} · {dayLabel(s.delivery_date, l)}
          {s.region ? ` · ${s.region}` : ''}
        </div>
        {toast.reason ? <div class="muted">{toast.reason}</div> : null}
      </div>
      <div class="mgr-toast-actions">
        <button
          type="button"
          class="btn btn-primary"
          onClick={() => {
            onOpen(s.id);
            dismissToast(toast.key);
          }}
        >
          {t('manager.toast.open')}
        </button>
        <button type="button" class="btn btn-plain" aria-label={t('manager.toast.dismiss')} title={t('manager.toast.dismiss')} onClick={() => dismissToast(toast.key)}>
          ×
        </button>
      </div>
    </div>
  );
}

export function Toasts({ onOpen }: { onOpen: (id: number) => void }) {
  return (
    <div class="mgr-toasts" role="status" aria-live="polite">
      {toasts.value.map((toast) => (
        <OneToast key={toast.key} toast={toast} onOpen={onOpen} />
      ))}
    </div>
  );
}
