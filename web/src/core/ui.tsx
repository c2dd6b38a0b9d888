// Small building blocks every screen uses: a labelled field, a button, the
// server's error in words, a data table, a panel. Plain elements with real
// labels so screen readers and the keyboard work without extra effort.
import type { ComponentChildren, JSX } from 'preact';
import { ApiError } from './api';
import { t } from './i18n';

// The words to show for a failed request.
export function errorText(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 0) return t('core.error.network');
    return error.detail;
  }
  if (error instanceof Error) return error.message;
  return String(error);
}

export function ErrorNote({ error, id }: { error: unknown; id?: string }) {
  if (!error) return null;
  return (
    <p class="error-note" role="alert" id={id}>
      {errorText(error)}
    </p>
  );
}

type FieldProps = {
  label: string;
  children: ComponentChildren;
  hint?: string;
  class?: string;
};

// <label> around the control keeps the two linked without ids.
export function Field({ label, children, hint, class: cls }: FieldProps) {
  return (
    <label class={`field ${cls ?? ''}`}>
      <span class="field-label">{label}</span>
      {children}
      {hint ? <span class="field-hint">{hint}</span> : null}
    </label>
  );
}

export function Panel({ title, children, actions, class: cls, id }: {
  title?: ComponentChildren;
  children: ComponentChildren;
  actions?: ComponentChildren;
  class?: string;
  id?: string;
}) {
  return (
    <section class={`panel ${cls ?? ''}`} id={id} aria-label={typeof title === 'string' ? title : undefined}>
      {title || actions ? (
        <header class="panel-head">
          {title ? <h2>{title}</h2> : null}
          {actions ? <div class="panel-actions">{actions}</div> : null}
        </header>
      ) : null}
      <div class="panel-body">{children}</div>
    </section>
  );
}

export function Button(props: JSX.ButtonHTMLAttributes<HTMLButtonElement> & { kind?: 'primary' | 'danger' | 'plain' }) {
  const { kind = 'plain', class: cls, type, ...rest } = props;
  return <button type={(type as 'button') ?? 'button'} class={`btn btn-${kind} ${cls ?? ''}`} {...rest} />;
}

export function Badge({ children, tone }: { children: ComponentChildren; tone?: string }) {
  return <span class={`badge badge-${tone ?? 'neutral'}`}>{children}</span>;
}

export function Empty({ children }: { children?: ComponentChildren }) {
  return <p class="empty">{children ?? t('core.none')}</p>;
}

// Runs an async action, keeping `busy` and the error for the caller's render.
export async function attempt<T>(
  setBusy: (b: boolean) => void,
  setError: (e: unknown) => void,
  action: () => Promise<T>,
): Promise<T | undefined> {
  setBusy(true);
  setError(null);
  try {
    return await action();
  } catch (e) {
    setError(e);
    return undefined;
  } finally {
    setBusy(false);
  }
}
