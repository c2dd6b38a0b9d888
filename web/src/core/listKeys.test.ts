// The inbox keyboard: which key does what, and where a move lands.
import { describe, expect, it } from 'vitest';
import { isTyping, listKeyAction, stepIndex, type ListKeyPlace } from './listKeys';

const onList: ListKeyPlace = { typing: false, inList: true, inDetails: false, hasSelection: true };
const inDetails: ListKeyPlace = { typing: false, inList: false, inDetails: true, hasSelection: true };
const typingInDetails: ListKeyPlace = { ...inDetails, typing: true };
const inSearch: ListKeyPlace = { typing: true, inList: false, inDetails: false, hasSelection: true };

describe('listKeyAction', () => {
  it('moves with j/k anywhere but a text field, with the arrows only on the list', () => {
    expect(listKeyAction({ key: 'j' }, onList)).toEqual({ kind: 'move', step: 1 });
    expect(listKeyAction({ key: 'k' }, inDetails)).toEqual({ kind: 'move', step: -1 });
    expect(listKeyAction({ key: 'ArrowDown' }, onList)).toEqual({ kind: 'move', step: 1 });
    expect(listKeyAction({ key: 'ArrowUp' }, onList)).toEqual({ kind: 'move', step: -1 });
    expect(listKeyAction({ key: 'ArrowDown' }, inDetails)).toBeNull();
    expect(listKeyAction({ key: 'j' }, inSearch)).toBeNull();
  });

  it('opens the selected row with Enter on the list only', () => {
    expect(listKeyAction({ key: 'Enter' }, onList)).toEqual({ kind: 'open' });
    expect(listKeyAction({ key: 'Enter' }, { ...onList, hasSelection: false })).toBeNull();
    expect(listKeyAction({ key: 'Enter' }, inDetails)).toBeNull();
  });

  it('goes back from the details with Esc, even from a field there', () => {
    expect(listKeyAction({ key: 'Escape' }, inDetails)).toEqual({ kind: 'back' });
    expect(listKeyAction({ key: 'Escape' }, typingInDetails)).toEqual({ kind: 'back' });
    expect(listKeyAction({ key: 'Escape' }, onList)).toBeNull();
    expect(listKeyAction({ key: 'Escape' }, inSearch)).toBeNull();
  });

  it('jumps to the search with / unless typing', () => {
    expect(listKeyAction({ key: '/' }, onList)).toEqual({ kind: 'search' });
    expect(listKeyAction({ key: '/' }, inDetails)).toEqual({ kind: 'search' });
    expect(listKeyAction({ key: '/' }, typingInDetails)).toBeNull();
  });

  it('leaves keys with modifiers and handled keys alone', () => {
    expect(listKeyAction({ key: 'j', ctrlKey: true }, onList)).toBeNull();
    expect(listKeyAction({ key: 'k', metaKey: true }, onList)).toBeNull();
    expect(listKeyAction({ key: '/', altKey: true }, onList)).toBeNull();
    expect(listKeyAction({ key: 'Escape', defaultPrevented: true }, inDetails)).toBeNull();
    expect(listKeyAction({ key: 'x' }, onList)).toBeNull();
  });
});

describe('stepIndex', () => {
  it('steps one row and stops at the ends', () => {
    expect(stepIndex(2, 5, 1)).toBe(3);
    expect(stepIndex(2, 5, -1)).toBe(1);
    expect(stepIndex(4, 5, 1)).toBe(4);
    expect(stepIndex(0, 5, -1)).toBe(0);
  });

  it('starts at the top going down and at the bottom going up when nothing is selected', () => {
    expect(stepIndex(-1, 5, 1)).toBe(0);
    expect(stepIndex(-1, 5, -1)).toBe(4);
  });

  it('has nowhere to go in an empty list', () => {
    expect(stepIndex(-1, 0, 1)).toBe(-1);
  });
});

describe('isTyping', () => {
  const el = (tagName: string, isContentEditable = false) => ({ tagName, isContentEditable }) as unknown as EventTarget;
  it('counts fields and editable elements as typing, the rest not', () => {
    expect(isTyping(el('INPUT'))).toBe(true);
    expect(isTyping(el('TEXTAREA'))).toBe(true);
    expect(isTyping(el('SELECT'))).toBe(true);
    expect(isTyping(el('DIV', true))).toBe(true);
    expect(isTyping(el('TR'))).toBe(false);
    expect(isTyping(null)).toBe(false);
  });
});
