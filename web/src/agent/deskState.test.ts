import { describe, expect, it } from 'vitest';
import { callTime, callTopic, codeLabel, controlsFor, displayNumber, reasonKey, timeInState, wrapUpLeft } from './deskState';
import type { Desk, DeskCall } from './types';

const call: DeskCall = {
  call: 7,
  queue: 2,
  caller: '+79151030044',
  dialled: '+74950000102',
  since: '2026-11-27T10:00:00.000Z',
  on_hold: false,
  consulting: false,
};

function desk(state: Desk['state'], extra: Partial<Desk> = {}): Desk {
  return { agent: 10, state, reason: null, since: '2026-11-27T10:00:00.000Z', offer: null, call: null, wrap_up: null, bot: false, ...extra };
}

const on = (d: Desk | null) =>
  Object.entries(controlsFor(d))
    .filter(([, v]) => v)
    .map(([k]) => k)
    .sort();

describe('controls in each state', () => {
  it('offers nothing before the desk is known', () => {
    expect(on(null)).toEqual([]);
  });
  it('logged out: take the seat or go straight to ready', () => {
    expect(on(desk('logged-out'))).toEqual(['goReady', 'logIn']);
  });
  it('ready: pause or leave, but no call controls', () => {
    expect(on(desk('ready'))).toEqual(['goNotReady', 'logOut']);
  });
  it('not ready: back to ready, another reason, or leave', () => {
    expect(on(desk('not-ready', { reason: 'lunch' }))).toEqual(['goNotReady', 'goReady', 'logOut']);
  });
  it('ringing: only answer and reject, and only with an offer', () => {
    expect(on(desk('reserved', { offer: call }))).toEqual(['answer', 'reject']);
    expect(on(desk('reserved'))).toEqual([]);
  });
  it('on a call: hold, transfer, hang up; on hold: resume instead of hold', () => {
    expect(on(desk('on-call', { call }))).toEqual(['hangup', 'hold', 'transfer']);
    expect(on(desk('on-hold', { call: { ...call, on_hold: true } }))).toEqual(['hangup', 'resume', 'transfer']);
  });
  it('consulting: back to the caller at any time; transfer or conference once the party answers', () => {
    const ringing = { ...call, on_hold: true, consulting: true, consult: { to: 'external' as const, number: '112', connected: false } };
    expect(on(desk('on-hold', { call: ringing }))).toEqual(['consultReturn', 'hangup']);
    const answered = { ...ringing, consult: { ...ringing.consult, connected: true } };
    expect(on(desk('on-hold', { call: answered }))).toEqual(['conference', 'consultReturn', 'consultTransfer', 'hangup']);
  });
  it('in a conference: let the third party go or leave (hang up), nothing else', () => {
    const together = { ...call, conference: true, consult: { to: 'agent' as const, agent: 12, connected: true } };
    expect(on(desk('on-call', { call: together }))).toEqual(['consultReturn', 'hangup']);
  });
  it('wrap-up: finish, ready at once, or a pause afterwards', () => {
    expect(on(desk('wrap-up', { wrap_up: call }))).toEqual(['finishWrapUp', 'goNotReady', 'goReady']);
  });
});

describe('clocks', () => {
  const t0 = Date.parse('2026-11-27T10:00:00.000Z');
  it('counts the time in state from the server\'s since', () => {
    expect(timeInState(desk('ready'), t0 + 65_000)).toBe(65_000);
    // a client clock a little behind the server never shows a negative time
    expect(timeInState(desk('ready'), t0 - 500)).toBe(0);
    // a seat never taken has the epoch: no time to show
    expect(timeInState(desk('logged-out', { since: '1970-01-01T00:00:00.000Z' }), t0)).toBeNull();
  });
  it('counts wrap-up down to its end, and only in wrap-up', () => {
    const w = desk('wrap-up', { wrap_up: { ...call, until: '2026-11-27T10:00:20.000Z' } });
    expect(wrapUpLeft(w, t0 + 5_000)).toBe(15_000);
    expect(wrapUpLeft(w, t0 + 25_000)).toBe(0);
    expect(wrapUpLeft(desk('ready'), t0)).toBeNull();
    expect(wrapUpLeft(desk('wrap-up', { wrap_up: call }), t0)).toBeNull();
  });
  it('times the call from its answer (or the offer while ringing)', () => {
    expect(callTime(desk('on-call', { call }), t0 + 90_000)).toBe(90_000);
    expect(callTime(desk('reserved', { offer: { ...call, since: '2026-11-27T10:00:03.000Z' } }), t0 + 5_000)).toBe(2_000);
    expect(callTime(desk('ready'), t0)).toBeNull();
  });
});

describe('words for the desk', () => {
  it('names reasons by key and folds unknown ones into "other"', () => {
    expect(reasonKey('lunch')).toBe('core.reason.lunch');
    expect(reasonKey('missed-offers')).toBe('core.reason.missed-offers');
    expect(reasonKey('something-new')).toBe('core.reason.other');
    expect(reasonKey(null)).toBe('core.reason.none');
  });
  it('groups Russian numbers and keeps others', () => {
    expect(displayNumber('+79151030044')).toBe('+7 915 103-00-44');
    expect(displayNumber('+442071234567')).toBe('+442071234567');
    expect(displayNumber(null)).toBeNull();
  });
  it('takes each language\'s half of a code label', () => {
    expect(codeLabel('Продажа / Sale', 'ru')).toBe('Продажа');
    expect(codeLabel('Продажа / Sale', 'en')).toBe('Sale');
    expect(codeLabel('Только так', 'en')).toBe('Только так');
  });
});

describe('the topic chosen in the voice menu', () => {
  it('shows what the caller picked, trimmed', () => {
    expect(callTopic({ ...call, topic: ' Доставка / Статус ' })).toBe('Доставка / Статус');
  });
  it('shows nothing for a call that passed no menu, or a server that does not send it', () => {
    expect(callTopic({ ...call, topic: '' })).toBeNull();
    expect(callTopic({ ...call, topic: '   ' })).toBeNull();
    expect(callTopic(call)).toBeNull();
    expect(callTopic(null, undefined)).toBeNull();
  });
  it('in wrap-up falls back to the call as it was answered', () => {
    expect(callTopic({ ...call, topic: '' }, { ...call, topic: 'Заказ' })).toBe('Заказ');
    expect(callTopic({ ...call, topic: 'Жалоба' }, { ...call, topic: 'Заказ' })).toBe('Жалоба');
  });
});
