// Live notes in the bottom right corner ("a new order is yours", "a case is
// overdue"): each with a button that opens what it is about and one that
// hides it; they go by themselves after a while. The area keeps the list in
// its store and draws each note's words; the look is the area's CSS
// (`class` on the stack and on each note).
import type { ComponentChildren, JSX } from 'preact';
import { useEffect } from 'preact/hooks';
import { t } from './i18n';

export const toastLifetimeMs = 20000;

type ToastsProps<T extends { key: number }> = {
  items: readonly T[];
  dismiss: (key: number) => void;
  class: string;
  lifetimeMs?: number;
  children: (item: T) => ComponentChildren; // one note, usually a <Toast>
};

// The stack: read out politely by screen readers as notes come.
export function Toasts<T extends { key: number }>({ items, dismiss, class: cls, lifetimeMs = toastLifetimeMs, children }: ToastsProps<T>) {
  return (
    <div class={cls} role="status" aria-live="polite">
      {items.map((item) => (
        <Expiring key={item.key} ms={lifetimeMs} onExpire={() => dismiss(item.key)}>
          {children(item)}
        </Expiring>
      ))}
    </div>
  );
}

function Expiring({ ms, onExpire, children }: { ms: number; onExpire: () => void; children: ComponentChildren }) {
  useEffect(() => {
    const timer = setTimeout(onExpire, ms);
    return () => clearTimeout(timer);
  }, []);
  return <>{children}</>;
}

type ToastProps = Omit<JSX.HTMLAttributes<HTMLDivElement>, 'class' | 'children'> & {
  class: string;
  textClass: string;
  actionsClass?: string; // buttons wrapped in a box of this class; without it they sit beside the text
  onOpen: () => void;
  onDismiss: () => void;
  children: ComponentChildren; // the words
};

// One note: its words, "Open" (which also hides it) and ×. Other attributes
// (data-testid, data-*-id) go on the note itself.
export function Toast({ class: cls, textClass, actionsClass, onOpen, onDismiss, children, ...rest }: ToastProps) {
  const buttons = (
    <>
      <button
        type="button"
        class="btn btn-primary"
        onClick={() => {
          onOpen();
          onDismiss();
        }}
      >
        {t('core.toast.open')}
      </button>
      <button type="button" class="btn btn-plain" aria-label={t('core.toast.dismiss')} title={t('core.toast.dismiss')} onClick={onDismiss}>
        ×
      </button>
    </>
  );
  return (
    <div class={cls} {...rest}>
      <div class={textClass}>{children}</div>
      {actionsClass ? <div class={actionsClass}>{buttons}</div> : buttons}
    </div>
  );
}
