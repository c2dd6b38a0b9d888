// Keyboard shortcuts of the desk: Alt + a letter, matched by the key's place
// on the keyboard (event.code), so they work the same in the Russian layout.
export type ShortcutAction =
  | 'answer'
  | 'reject'
  | 'hold'
  | 'hangup'
  | 'transfer'
  | 'ready'
  | 'notReady'
  | 'customerSearch'
  | 'catalogueSearch'
  | 'readBack'
  | 'confirmOrder'
  | 'caseForm'
  | 'callbackForm'
  | 'notes'
  | 'finishWrapUp'
  // issue #8: the playbook's search and the script's current step
  | 'playbook'
  | 'script'
  | 'help';

export interface Shortcut {
  action: ShortcutAction;
  code: string; // KeyboardEvent.code
  label: string; // what <kbd> shows
  text: string; // i18n key of what it does
}

export const shortcuts: Shortcut[] = [
  { action: 'answer', code: 'KeyA', label: 'Alt+A', text: 'agent.key.answer' },
  { action: 'reject', code: 'KeyD', label: 'Alt+D', text: 'agent.key.reject' },
  { action: 'hold', code: 'KeyH', label: 'Alt+H', text: 'agent.key.hold' },
  { action: 'hangup', code: 'KeyX', label: 'Alt+X', text: 'agent.key.hangup' },
  { action: 'transfer', code: 'KeyT', label: 'Alt+T', text: 'agent.key.transfer' },
  { action: 'ready', code: 'KeyR', label: 'Alt+R', text: 'agent.key.ready' },
  { action: 'notReady', code: 'KeyN', label: 'Alt+N', text: 'agent.key.notReady' },
  { action: 'customerSearch', code: 'KeyC', label: 'Alt+C', text: 'agent.key.customer' },
  { action: 'catalogueSearch', code: 'KeyS', label: 'Alt+S', text: 'agent.key.catalogue' },
  { action: 'readBack', code: 'KeyB', label: 'Alt+B', text: 'agent.key.readBack' },
  { action: 'confirmOrder', code: 'KeyO', label: 'Alt+O', text: 'agent.key.confirm' },
  { action: 'caseForm', code: 'KeyK', label: 'Alt+K', text: 'agent.key.case' },
  { action: 'callbackForm', code: 'KeyL', label: 'Alt+L', text: 'agent.key.callback' },
  { action: 'notes', code: 'KeyM', label: 'Alt+M', text: 'agent.key.notes' },
  { action: 'finishWrapUp', code: 'KeyW', label: 'Alt+W', text: 'agent.key.finish' },
  // issue #8: the playbook and the script
  { action: 'playbook', code: 'KeyP', label: 'Alt+P', text: 'agent.playbook.key' },
  { action: 'script', code: 'KeyJ', label: 'Alt+J', text: 'agent.script.key' },
  { action: 'help', code: 'Slash', label: 'Alt+/', text: 'agent.key.help' },
];

export function labelOf(action: ShortcutAction): string {
  return shortcuts.find((s) => s.action === action)?.label ?? '';
}

// The action for a key press, or null (only Alt alone, no Ctrl / Meta / Shift).
export function shortcutFor(e: { altKey: boolean; ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; code: string }): ShortcutAction | null {
  if (!e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return null;
  return shortcuts.find((s) => s.code === e.code)?.action ?? null;
}

// Moves focus to an element once it exists (it may appear on the next render).
export function focusSoon(selector: string, tries = 10): void {
  const attempt = (left: number) => {
    const el = document.querySelector<HTMLElement>(selector);
    if (el && !(el as HTMLButtonElement).disabled) {
      el.focus({ preventScroll: true });
      el.scrollIntoView({ block: 'nearest' });
      if (el instanceof HTMLInputElement && el.type !== 'checkbox') el.select();
      return;
    }
    if (left > 0) requestAnimationFrame(() => attempt(left - 1));
  };
  attempt(tries);
}
