import { describe, expect, it } from 'vitest';
import { filterPlaybook, keepSelection, moveSelection, playbookKeyAction, type PlaybookEntry } from './playbook';

const entries: PlaybookEntry[] = [
  { code: 'S-01', name: 'Просят телефон руководства', text: 'Я не могу дать номер…' },
  { code: 'S-02', name: 'Угрозы или оскорбления', text: 'Я хочу вам помочь, но прошу говорить уважительно' },
  { code: 'S-07', name: 'Агрессивное недовольство', text: 'Я понимаю, как это неприятно' },
  { code: 'S-12', name: 'Разговор не по теме', text: 'Позвольте уточнить цель звонка' },
  { code: 'S-15', name: 'Экстренная ситуация', text: 'Оставайтесь на линии, я с вами. Ёлка' },
];
const codes = (q: string) => filterPlaybook(entries, q).map((e) => e.code);

describe('playbook search', () => {
  it('an empty query lists everything in order', () => {
    expect(codes('')).toEqual(['S-01', 'S-02', 'S-07', 'S-12', 'S-15']);
  });
  it('matches code, name and text in any case of letters', () => {
    expect(codes('s-15')).toEqual(['S-15']);
    expect(codes('УГРОЗЫ')).toEqual(['S-02']);
    expect(codes('уважительно')).toEqual(['S-02']);
    expect(codes('линии экстренная')).toEqual(['S-15']);
    expect(codes('елка')).toEqual(['S-15']); // ё = е
    expect(codes('нет такого')).toEqual([]);
  });
  it('a number finds its code first', () => {
    expect(codes('2')[0]).toBe('S-02');
    expect(codes('2')).toContain('S-12');
    expect(codes('15')[0]).toBe('S-15');
    expect(codes('s02')).toEqual(['S-02']);
  });
  it('a name match ranks above a text match', () => {
    const list: PlaybookEntry[] = [
      { code: 'S-05', name: 'Тишина', text: 'клиент молчит, помощь' },
      { code: 'S-06', name: 'Нужна помощь', text: '…' },
    ];
    expect(filterPlaybook(list, 'помощь').map((e) => e.code)).toEqual(['S-06', 'S-05']);
  });
});

describe('playbook keys', () => {
  it('arrows move, Enter opens, Esc clears; with modifiers nothing', () => {
    expect(playbookKeyAction({ key: 'ArrowDown' })).toEqual({ kind: 'move', step: 1 });
    expect(playbookKeyAction({ key: 'ArrowUp' })).toEqual({ kind: 'move', step: -1 });
    expect(playbookKeyAction({ key: 'Enter' })).toEqual({ kind: 'open' });
    expect(playbookKeyAction({ key: 'Escape' })).toEqual({ kind: 'clear' });
    expect(playbookKeyAction({ key: 'ArrowDown', altKey: true })).toBeNull();
    expect(playbookKeyAction({ key: 'a' })).toBeNull();
  });
  it('the selection stops at the ends and survives a new filter when it can', () => {
    expect(moveSelection(-1, 5, 1)).toBe(0);
    expect(moveSelection(-1, 5, -1)).toBe(4);
    expect(moveSelection(4, 5, 1)).toBe(4);
    expect(moveSelection(0, 5, -1)).toBe(0);
    expect(moveSelection(0, 0, 1)).toBe(-1);
    const shown = filterPlaybook(entries, 'S-');
    expect(keepSelection('S-07', shown)).toBe(2);
    expect(keepSelection('S-07', filterPlaybook(entries, 'экстренная'))).toBe(0);
    expect(keepSelection(null, [])).toBe(-1);
  });
});
