// "A new order is yours": one note per assignment, bottom right, with a
// button that opens it. They go by themselves after a while; the row stays
// marked "new" in the list.
import { money } from '../core/format';
import { lang, t } from '../core/i18n';
import { Toast, Toasts as Stack } from '../core/Toasts';
import { dayLabel } from './dates';
import { dismissToast, toasts } from './store';

export function Toasts({ onOpen }: { onOpen: (id: number) => void }) {
  const l = lang.value;
  return (
    <Stack items={toasts.value} dismiss={dismissToast} class="mgr-toasts">
      {({ key, summary: s, reason }) => (
        <Toast
          class="mgr-toast"
          textClass="mgr-toast-text"
          actionsClass="mgr-toast-actions"
          data-testid="order-toast"
          data-order-id={s.id}
          onOpen={() => onOpen(s.id)}
          onDismiss={() => dismissToast(key)}
        >
          <b>{t('manager.toast.title', { id: s.id })}</b>
          <div>
            {money(s.total, l)} · {dayLabel(s.delivery_date, l)}
            {s.region ? ` · ${s.region}` : ''}
          </div>
          {reason ? <div class="muted">{reason}</div> : null}
        </Toast>
      )}
    </Stack>
  );
}
