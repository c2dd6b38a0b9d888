// Building blocks the administration sections share: the list + form layout,
// fields with their own error, the error note with the admin test id, a
// two-step delete, a product picker, and keyboard shortcuts.
import type { ComponentChildren, JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../core/api';
import { t } from '../core/i18n';
import { isoDate } from '../core/format';
import { Button, errorText } from '../core/ui';
import type { Msg, Product } from './forms';
import { productLabel, rememberProducts } from './data';

export function msgText(m: Msg | undefined): string {
  return m ? t(m.key, m.vars) : '';
}

export function today(): string {
  return isoDate(new Date());
}

// A check failed before sending: the summary above the fields' own messages.
export class Invalid extends Error {}

export function AdminError({ error }: { error: unknown }) {
  if (!error) return null;
  return (
    <p class="error-note" role="alert" data-testid="admin-error">
      {error instanceof Invalid ? t('admin.v.fix') : errorText(error)}
    </p>
  );
}

// A labelled control with its own check message underneath.
export function AField({ label, error, hint, children, class: cls }: {
  label: string;
  error?: Msg;
  hint?: string;
  children: ComponentChildren;
  class?: string;
}) {
  return (
    <label class={`field ${error ? 'admin-invalid' : ''} ${cls ?? ''}`}>
      <span class="field-label">{label}</span>
      {children}
      {error ? <span class="admin-field-error">{msgText(error)}</span> : hint ? <span class="field-hint">{hint}</span> : null}
    </label>
  );
}

// The form's state with a setter per field; text(key) and choice(key) wire a
// text box (name, value, onInput) or a select (name, value, onChange) to it.
export function useForm<T extends object>(initial: T) {
  const [form, setForm] = useState<T>(initial);
  const set = <K extends keyof T>(key: K, value: T[K]) => setForm((f) => ({ ...f, [key]: value }));
  const text = <K extends keyof T & string>(key: K) => ({
    name: key,
    value: form[key] as unknown as string,
    onInput: (e: JSX.TargetedEvent<HTMLInputElement | HTMLTextAreaElement>) => set(key, inputValue(e) as T[K]),
  });
  const choice = <K extends keyof T & string>(key: K) => ({
    name: key,
    value: form[key] as unknown as string,
    onChange: (e: JSX.TargetedEvent<HTMLSelectElement>) => set(key, inputValue(e) as T[K]),
  });
  return { form, setForm, set, text, choice };
}

// The list on the left, the form on the right (admin-split-wide: a narrow
// list and a wide form, for forms with tables of their own).
export function Split({ list, form, class: cls }: { list: ComponentChildren; form: ComponentChildren; class?: string }) {
  return (
    <div class={`admin-split ${cls ?? ''}`}>
      <div class="admin-list">{list}</div>
      <div class="admin-side">{form}</div>
    </div>
  );
}

// A table row that opens on click or Enter.
export function Row({ selected, onOpen, children, muted }: {
  selected?: boolean;
  onOpen?: () => void;
  children: ComponentChildren;
  muted?: boolean;
}) {
  return (
    <tr
      data-testid="admin-row"
      class={`${onOpen ? 'clickable' : ''} ${selected ? 'selected' : ''} ${muted ? 'admin-muted' : ''}`}
      tabIndex={onOpen ? 0 : undefined}
      aria-selected={onOpen ? !!selected : undefined}
      onClick={onOpen}
      onKeyDown={(e) => {
        if (onOpen && (e.key === 'Enter' || e.key === ' ') && e.target === e.currentTarget) {
          e.preventDefault();
          onOpen();
        }
      }}
    >
      {children}
    </tr>
  );
}

// Delete in two steps: the first press asks, the second does it.
export function ConfirmButton({ label, confirm, onConfirm, disabled, kind = 'danger' }: {
  label: string;
  confirm: string;
  onConfirm: () => void;
  disabled?: boolean;
  kind?: 'danger' | 'plain';
}) {
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <Button kind="plain" disabled={disabled} onClick={(e: Event) => { e.stopPropagation(); setAsking(true); }}>
        {label}
      </Button>
    );
  }
  return (
    <span class="admin-confirm" onClick={(e) => e.stopPropagation()}>
      <span>{confirm}</span>
      <Button kind={kind} disabled={disabled} onClick={() => { setAsking(false); onConfirm(); }}>
        {t('admin.yes')}
      </Button>
      <Button onClick={() => setAsking(false)}>{t('admin.no')}</Button>
    </span>
  );
}

// Alt+N opens a new form; "/" jumps to the list's search box.
export function useShortcuts(onNew: (() => void) | null, search?: { current: HTMLInputElement | null }) {
  useEffect(() => {
    const handler = (e: KeyboardEvent) => {
      const typing = e.target instanceof HTMLElement && /^(INPUT|SELECT|TEXTAREA)$/.test(e.target.tagName);
      if (onNew && e.altKey && !e.ctrlKey && !e.metaKey && (e.code === 'KeyN' || e.key === 'n' || e.key === 'N')) {
        e.preventDefault();
        onNew();
      } else if (search?.current && e.key === '/' && !typing) {
        e.preventDefault();
        search.current.focus();
      }
    };
    window.addEventListener('keydown', handler);
    return () => window.removeEventListener('keydown', handler);
  }, [onNew, search]);
}

export function NewButton({ onClick, label }: { onClick: () => void; label: string }) {
  return (
    <Button kind="primary" onClick={onClick} data-testid="admin-new" title="Alt+N">
      {label} <kbd class="admin-kbd">Alt+N</kbd>
    </Button>
  );
}

export function SearchBox({ value, onInput, inputRef, label }: {
  value: string;
  onInput: (v: string) => void;
  inputRef?: { current: HTMLInputElement | null };
  label: string;
}) {
  return (
    <label class="admin-search">
      <span class="admin-sr-only">{label}</span>
      <input
        ref={inputRef}
        type="search"
        placeholder={`${label}…  /`}
        aria-label={label}
        value={value}
        onInput={(e) => onInput((e.target as HTMLInputElement).value)}
      />
    </label>
  );
}

// Pick a product by typing part of its name or SKU.
export function ProductPicker({ value, onChange, label, error, tenant }: {
  value: number | null;
  onChange: (id: number | null) => void;
  label: string;
  error?: Msg;
  tenant: number;
}) {
  const [q, setQ] = useState('');
  const [found, setFound] = useState<Product[]>([]);
  const [loadError, setLoadError] = useState<unknown>(null);
  const seq = useRef(0);
  useEffect(() => {
    const text = q.trim();
    if (!text) {
      setFound([]);
      return;
    }
    const mine = ++seq.current;
    const timer = setTimeout(async () => {
      try {
        const list = await api.get<Product[]>(`/api/catalogue/products?q=${encodeURIComponent(text)}&limit=8`);
        if (mine !== seq.current) return;
        rememberProducts(list);
        setFound(list.filter((p) => p.tenant_id === tenant));
        setLoadError(null);
      } catch (e) {
        if (mine === seq.current) setLoadError(e);
      }
    }, 200);
    return () => clearTimeout(timer);
  }, [q, tenant]);
  return (
    <div class={`field admin-picker ${error ? 'admin-invalid' : ''}`}>
      <span class="field-label">{label}</span>
      {value ? (
        <div class="admin-picked">
          <span>{productLabel(value)}</span>
          <Button onClick={() => onChange(null)} aria-label={`${t('admin.change')}: ${label}`}>
            {t('admin.change')}
          </Button>
        </div>
      ) : (
        <>
          <input
            type="search"
            aria-label={label}
            placeholder={t('admin.product.find')}
            value={q}
            onInput={(e) => setQ((e.target as HTMLInputElement).value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                if (found[0]) {
                  onChange(found[0].id);
                  setQ('');
                }
              }
            }}
          />
          {found.length > 0 ? (
            <ul class="admin-found" role="listbox" aria-label={label}>
              {found.map((p) => (
                <li>
                  <button type="button" role="option" onClick={() => { onChange(p.id); setQ(''); }}>
                    <b>{p.sku}</b> {p.name}
                  </button>
                </li>
              ))}
            </ul>
          ) : q.trim() ? (
            <span class="field-hint">{t('admin.product.none_found')}</span>
          ) : null}
          {loadError ? <span class="admin-field-error">{errorText(loadError)}</span> : null}
        </>
      )}
      {error ? <span class="admin-field-error">{msgText(error)}</span> : null}
    </div>
  );
}

export function Section({ children }: { children: ComponentChildren }) {
  return <div class="admin-section">{children}</div>;
}

export function inputValue(e: JSX.TargetedEvent<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>): string {
  return (e.target as HTMLInputElement).value;
}

// Puts the cursor into the section's form (after "New" or Alt+N).
export function focusForm(): void {
  setTimeout(() => {
    document
      .querySelector<HTMLElement>('[data-testid=admin-form] input:not([type=hidden]):not([disabled]), [data-testid=admin-form] select, [data-testid=admin-form] textarea')
      ?.focus();
  }, 0);
}
