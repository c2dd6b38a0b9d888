// The keyboard of a list-and-details screen (the orders and cases inboxes):
// j/k or ↓/↑ move the selection and open the row quietly, Enter goes to the
// row's actions, Esc from the details back to the row, / to the search.
// The decisions are in listKeys.ts; this hook listens on the document while
// the screen is mounted. The list's selected row is the element inside
// `listRef` with aria-selected="true" (it has tabIndex 0).
import type { ReadonlySignal } from '@preact/signals';
import type { RefObject } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { isTyping, listKeyAction, stepIndex } from './listKeys';

export interface ListKeysOptions {
  rows: ReadonlySignal<readonly { id: number }[]>; // the rows as shown, in order
  selectedId: ReadonlySignal<number | null>;
  // Shows a row's details; `focus` moves the keyboard to its actions.
  open: (id: number, focus: boolean) => void;
  listRef: RefObject<HTMLElement>;
  detailsRef: RefObject<HTMLElement>;
  searchRef: RefObject<HTMLInputElement>;
  selectSearch?: boolean; // '/' also selects what the search holds
}

// Puts the keyboard on the selected row once it has been drawn.
export function focusSelectedRow(list: RefObject<HTMLElement>): void {
  requestAnimationFrame(() => list.current?.querySelector<HTMLElement>('[aria-selected="true"]')?.focus());
}

export function useListKeys(options: ListKeysOptions): void {
  // The listener stays for the screen's life and reads the latest options.
  const latest = useRef(options);
  latest.current = options;

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const o = latest.current;
      const target = e.target as HTMLElement | null;
      const inside = (ref: RefObject<HTMLElement>) => !!target && !!ref.current?.contains(target);
      const action = listKeyAction(e, {
        typing: isTyping(target),
        inList: !target || target === document.body || inside(o.listRef),
        inDetails: inside(o.detailsRef),
        hasSelection: o.selectedId.value !== null,
      });
      if (!action) return;
      if (action.kind === 'back') {
        target?.blur?.();
        focusSelectedRow(o.listRef);
        return;
      }
      e.preventDefault();
      if (action.kind === 'move') {
        const rows = o.rows.value;
        const next = stepIndex(rows.findIndex((r) => r.id === o.selectedId.value), rows.length, action.step);
        if (next < 0) return;
        o.open(rows[next].id, false);
        focusSelectedRow(o.listRef);
      } else if (action.kind === 'open') {
        if (o.selectedId.value !== null) o.open(o.selectedId.value, true);
      } else {
        o.searchRef.current?.focus();
        if (o.selectSearch) o.searchRef.current?.select();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
}
