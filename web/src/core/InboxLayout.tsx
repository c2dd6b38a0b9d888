// An inbox screen (orders, cases): the list with its title, actions,
// filters, count and key hints on the left, the open record on the right,
// live notes on top. useInbox gives the screen its refs, `open` and the
// keyboard (useListKeys); InboxLayout draws the frame. The area's CSS styles
// it through `prefix`: <prefix>-inbox, -left, -title, -scroll, -foot, -keys,
// -right.
import type { ReadonlySignal, Signal } from '@preact/signals';
import type { ComponentChildren, RefObject } from 'preact';
import { useRef } from 'preact/hooks';
import { t } from './i18n';
import { errorText } from './ui';
import { useListKeys } from './useListKeys';

export interface Inbox {
  searchRef: RefObject<HTMLInputElement>;
  selectRef: RefObject<HTMLSelectElement>; // the details' first action (next status)
  headRef: RefObject<HTMLHeadingElement>; // the details' title, when there is no action
  listRef: RefObject<HTMLDivElement>;
  detailsRef: RefObject<HTMLDivElement>;
  // Shows a record; `focus` moves the keyboard to its actions.
  open: (id: number, focus: boolean) => void;
}

export function useInbox({ rows, selectedId, fetch, onSelect, selectSearch }: {
  rows: ReadonlySignal<readonly { id: number }[]>; // as shown, in order
  selectedId: Signal<number | null>;
  fetch: (id: number) => unknown; // loads the record when another one is selected
  onSelect?: (id: number) => void; // e.g. the address follows
  selectSearch?: boolean; // '/' also selects what the search holds
}): Inbox {
  const searchRef = useRef<HTMLInputElement>(null);
  const selectRef = useRef<HTMLSelectElement>(null);
  const headRef = useRef<HTMLHeadingElement>(null);
  const listRef = useRef<HTMLDivElement>(null);
  const detailsRef = useRef<HTMLDivElement>(null);
  const open = (id: number, focus: boolean) => {
    const changed = selectedId.value !== id;
    selectedId.value = id;
    onSelect?.(id);
    if (changed) void fetch(id);
    if (focus) requestAnimationFrame(() => (selectRef.current ?? headRef.current)?.focus());
  };
  useListKeys({ rows, selectedId, open, listRef, detailsRef, searchRef, selectSearch });
  return { searchRef, selectRef, headRef, listRef, detailsRef, open };
}

type InboxLayoutProps = {
  prefix: string;
  inbox: Inbox;
  title: string;
  detailsLabel: string;
  actions?: ComponentChildren; // beside the title: reset, refresh
  filters: ComponentChildren;
  list: ComponentChildren;
  count: ComponentChildren;
  record: ComponentChildren; // the open record's details; null while there is none
  // For the pane without a record:
  selectedId: number | null;
  detailError: { id: number; error: unknown } | null; // the last failed fetch of a record
  cannotOpen: (id: number) => string;
  pick: string;
  children?: ComponentChildren; // toasts and the like
};

export function InboxLayout(p: InboxLayoutProps) {
  const x = p.prefix;
  return (
    <div class={`${x}-inbox`}>
      <section class={`panel ${x}-left`} aria-label={p.title}>
        <header class="panel-head">
          <h1 class={`${x}-title`}>{p.title}</h1>
          {p.actions}
        </header>
        {p.filters}
        <div ref={p.inbox.listRef} class={`${x}-scroll`}>
          {p.list}
        </div>
        <footer class={`${x}-foot muted`}>
          {p.count}
          <span class={`${x}-keys`}>
            <kbd>j</kbd>/<kbd>k</kbd> {t('core.keys.move')} · <kbd>Enter</kbd> {t('core.keys.open')} · <kbd>Esc</kbd> {t('core.keys.back')}
          </span>
        </footer>
      </section>
      <section class={`panel ${x}-right`} aria-label={p.detailsLabel}>
        <div ref={p.inbox.detailsRef} class={`panel-body ${x}-scroll`}>
          {p.record ?? <NoRecord {...p} />}
        </div>
      </section>
      {p.children}
    </div>
  );
}

// Why the selected record cannot be opened (the server's words), that it is
// on its way, or a hint to pick one.
function NoRecord({ selectedId, detailError, cannotOpen, pick }: InboxLayoutProps) {
  if (selectedId === null) return <p class="empty">{pick}</p>;
  if (detailError?.id === selectedId) {
    return (
      <p class="error-note" role="alert">
        {cannotOpen(selectedId)} {errorText(detailError.error)}
      </p>
    );
  }
  return <p class="empty">{t('core.loading')}</p>;
}
