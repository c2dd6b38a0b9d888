// What the desk offers in each state, and the clocks it shows. Pure: the
// components and the keyboard shortcuts both ask here, so a button and its
// shortcut are never out of step.
import type { AgentState, Desk, DeskCall } from './types';

export interface Controls {
  logIn: boolean; // take the seat
  logOut: boolean;
  goReady: boolean;
  goNotReady: boolean;
  answer: boolean;
  reject: boolean;
  hold: boolean;
  resume: boolean;
  hangup: boolean;
  transfer: boolean;
  consultTransfer: boolean; // hand the caller to the party consulted
  conference: boolean; // bring the caller into the consult
  consultReturn: boolean; // end the consult (or let the third party of a conference go)
  finishWrapUp: boolean;
}

const none: Controls = {
  logIn: false,
  logOut: false,
  goReady: false,
  goNotReady: false,
  answer: false,
  reject: false,
  hold: false,
  resume: false,
  hangup: false,
  transfer: false,
  consultTransfer: false,
  conference: false,
  consultReturn: false,
  finishWrapUp: false,
};

export function controlsFor(desk: Desk | null): Controls {
  if (!desk) return none;
  const c: Controls = { ...none };
  switch (desk.state) {
    case 'logged-out':
      c.logIn = true;
      c.goReady = true;
      break;
    case 'ready':
      c.goNotReady = true;
      c.logOut = true;
      break;
    case 'not-ready':
      c.goReady = true;
      c.goNotReady = true; // another reason
      c.logOut = true;
      break;
    case 'reserved':
      c.answer = desk.offer !== null;
      c.reject = desk.offer !== null;
      break;
    case 'on-call':
      c.hold = true;
      c.hangup = true;
      c.transfer = true;
      break;
    case 'on-hold':
      c.resume = true;
      c.hangup = true;
      c.transfer = true;
      break;
    case 'wrap-up':
      c.finishWrapUp = true;
      c.goReady = true; // ends wrap-up early
      c.goNotReady = true; // a pause once wrap-up ends
      break;
  }
  const call = desk.call;
  if (call && onCall(desk.state) && (call.consulting || call.conference)) {
    // The caller waits while the operator consults: the consult decides what comes next.
    c.hold = false;
    c.resume = false;
    c.transfer = false;
    c.consultReturn = true;
    c.consultTransfer = call.consulting && !!call.consult?.connected;
    c.conference = c.consultTransfer;
  }
  return c;
}

// A state in which a caller is connected to the operator.
export function onCall(state: AgentState | undefined): boolean {
  return state === 'on-call' || state === 'on-hold';
}

function ms(iso: string | null | undefined): number | null {
  if (!iso) return null;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? null : t;
}

// Milliseconds in the current state; null when the server has no time for it
// (a seat never taken answers the epoch).
export function timeInState(desk: Desk | null, now: number): number | null {
  const since = ms(desk?.since);
  if (since === null || since <= 0) return null;
  return Math.max(0, now - since);
}

// Milliseconds left of wrap-up before the server ends it by itself; null
// outside wrap-up or without a limit.
export function wrapUpLeft(desk: Desk | null, now: number): number | null {
  if (!desk || desk.state !== 'wrap-up') return null;
  const until = ms(desk.wrap_up?.until);
  if (until === null || until <= 0) return null;
  return Math.max(0, until - now);
}

// Milliseconds since the call was answered (or since the offer rang).
export function callTime(desk: Desk | null, now: number): number | null {
  const since = ms(desk?.call?.since ?? desk?.offer?.since);
  if (since === null) return null;
  return Math.max(0, now - since);
}

// The i18n key for a not-ready reason the server names.
export const notReadyReasons = ['break', 'lunch', 'training', 'meeting', 'coaching', 'technical', 'health', 'other'] as const;

export function reasonKey(reason: string | null | undefined): string {
  const known = ['login', 'missed-offers', ...notReadyReasons] as string[];
  if (!reason || reason === 'none') return 'core.reason.none';
  return known.includes(reason) ? `core.reason.${reason}` : 'core.reason.other';
}

// The number to show: the server's E.164 as "+7 916 123-45-67" for Russian
// numbers, anything else as it came; null means withheld.
export function displayNumber(number: string | null | undefined): string | null {
  if (!number) return null;
  const m = /^\+7(\d{3})(\d{3})(\d{2})(\d{2})$/.exec(number);
  return m ? `+7 ${m[1]} ${m[2]}-${m[3]}-${m[4]}` : number;
}

// Codes come with labels like "Продажа / Sale"; each language takes its half.
export function codeLabel(label: string, lang: 'ru' | 'en'): string {
  const parts = label.split(' / ');
  if (parts.length !== 2) return label;
  return lang === 'ru' ? parts[0] : parts[1];
}

// What the caller chose in the voice menu, from the first of `calls` that
// has it; null when none does (no menu on the way, or an older server).
export function callTopic(...calls: (DeskCall | null | undefined)[]): string | null {
  for (const c of calls) {
    const topic = c?.topic?.trim();
    if (topic) return topic;
  }
  return null;
}
