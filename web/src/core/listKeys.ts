// The keys of a list-and-details screen, as pure decisions (no DOM, so they
// are tested alone; core/useListKeys.ts wires them to the page): j/k move
// anywhere outside a text field, ↓/↑ and Enter only while the keyboard is on
// the list, Esc from the details back to the list, / to the search.

// What a key press asks of the screen.
export type ListKeyAction =
  | { kind: 'move'; step: 1 | -1 }
  | { kind: 'open' } // the selected row: to its details' actions
  | { kind: 'back' } // from the details to the selected row
  | { kind: 'search' }
  | null;

// The part of a KeyboardEvent that matters.
export interface ListKey {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
  defaultPrevented?: boolean;
}

// Where the keyboard is when the key is pressed.
export interface ListKeyPlace {
  typing: boolean; // in a text field, a select or an editable element
  inList: boolean; // on the list (or on nothing in particular)
  inDetails: boolean;
  hasSelection: boolean; // a row is selected
}

export function listKeyAction(e: ListKey, at: ListKeyPlace): ListKeyAction {
  if (e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return null;
  // Esc leaves the details even from a field in them; anywhere else it is left alone.
  if (e.key === 'Escape') return at.inDetails ? { kind: 'back' } : null;
  if (at.typing) return null;
  if (e.key === 'j' || (e.key === 'ArrowDown' && at.inList)) return { kind: 'move', step: 1 };
  if (e.key === 'k' || (e.key === 'ArrowUp' && at.inList)) return { kind: 'move', step: -1 };
  if (e.key === 'Enter' && at.inList && at.hasSelection) return { kind: 'open' };
  if (e.key === '/') return { kind: 'search' };
  return null;
}

// The row a move lands on: one step from `at`, stopping at the ends; with
// nothing selected (at < 0) down starts at the top and up at the bottom.
// -1 for an empty list.
export function stepIndex(at: number, length: number, step: number): number {
  if (length <= 0) return -1;
  if (at < 0 || at >= length) return step > 0 ? 0 : length - 1;
  return Math.min(length - 1, Math.max(0, at + step));
}

// Whether keys typed at `target` are text for it rather than commands.
export function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || !el.tagName) return false;
  return el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName);
}
