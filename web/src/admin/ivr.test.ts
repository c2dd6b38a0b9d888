// The IVR menu editor's model: the server's JSON survives the form, the
// checks catch what would leave a caller stuck, and the server's refusals
// land on the field they are about.
import { describe, expect, it } from 'vitest';
import type { Errors } from './forms';
import type { IvrMenu, MenuForm } from './ivr';
import {
  actionKinds, addKey, addNode, emptyAction, emptyMenuForm, emptyNode, isMissingNode, menuBody, menuToForm, parseRanges,
  problemField, removeNode, renameNode, validateMenu, weekDays, withHours,
} from './ivr';
import { messages } from './messages';

const keys = (e: Errors) => Object.fromEntries(Object.entries(e).map(([k, v]) => [k, v.key]));

// The menu of the API's example, as the server answers it.
const stored: IvrMenu = {
  id: 1,
  tenant: 1,
  name: 'Главное меню',
  language: 'ru',
  numbers: ['200', '201'],
  start: 'main',
  operator_queue: 1,
  invalid_say: 'Такой кнопки нет.',
  nodes: {
    delivery: {
      say: 'Статус заказа — 1.',
      timeout_s: 6,
      retries: 2,
      keys: { '1': { action: 'queue', queue: 3, topic: 'Статус' } },
    },
    main: {
      say: 'Для заказа нажмите 1 ...',
      timeout_s: 8,
      retries: 1,
      keys: {
        '0': { action: 'operator' },
        '1': { action: 'queue', queue: 2, topic: 'Заказ' },
        '2': { action: 'menu', node: 'delivery', topic: 'Доставка' },
        '3': { action: 'callback', queue: 2, topic: 'Перезвонить', say: 'Мы вам перезвоним.' },
        '8': { action: 'message', say: 'Наш адрес ...' },
        '#': { action: 'operator', say: 'Соединяю.' },
      },
      fallback: { action: 'operator' },
    },
  },
  hours: {
    time_zone: 'Europe/Moscow',
    week: { mon: ['09:00-18:00'], tue: ['09:00-13:00', '14:00-18:00'], sat: ['10:00-14:00'] },
    holidays: [{ date: '2027-01-01', open: [] }, { date: '2026-12-31', open: ['09:00-15:00'] }],
  },
  out_of_hours: { action: 'message', say: 'Мы работаем по будням с 9 до 18.' },
};

// A small valid menu: main (1 -> queue 2, 2 -> node "delivery"), delivery (0 -> operator).
function small(): MenuForm {
  const f = emptyMenuForm();
  f.name = 'Меню';
  f.numbers = '299';
  f.operator_queue = '1';
  f.nodes = [
    { ...emptyNode('main'), say: 'Заказ — 1, доставка — 2.', keys: [
      { key: '1', ...emptyAction('queue'), queue: '2' },
      { key: '2', ...emptyAction('menu'), node: 'delivery' },
    ] },
    { ...emptyNode('delivery'), say: 'Оператор — 0.', keys: [{ key: '0', ...emptyAction('operator') }] },
  ];
  return f;
}

describe('the form and the JSON', () => {
  it('gives back the menu it was given, the first node first and keys in keypad order', () => {
    const form = menuToForm(stored);
    expect(form.nodes.map((n) => n.id)).toEqual(['main', 'delivery']); // the server lists them by name
    expect(form.nodes.find((n) => n.id === 'main')!.keys.map((k) => k.key)).toEqual(['1', '2', '3', '8', '0', '#']);
    expect(form.week.tue).toBe('09:00-13:00, 14:00-18:00');
    expect(validateMenu(form)).toEqual({});
    const { id: _id, ...withoutId } = stored;
    expect(menuBody(form, 1)).toEqual(withoutId);
  });

  it('sends what was typed in the shape the server wants', () => {
    const f = withHours({ ...small(), numbers: ' 299, 300\n301 ', invalid_say: '  ' }, true);
    f.nodes[0].keys[0].topic = '  Заказ ';
    f.nodes[0].keys.push({ key: '9', ...emptyAction('message'), say: 'До свидания.', topic: 'не нужна' });
    f.week.sat = '10:00 – 14:00';
    f.holidays = [{ date: '2027-01-01', open: '' }];
    f.out_of_hours = { ...f.out_of_hours, say: 'Мы закрыты.' };
    const body = menuBody(f, 7);
    expect(body.tenant).toBe(7);
    expect(body.numbers).toEqual(['299', '300', '301']);
    expect(body.invalid_say).toBeUndefined();
    expect(body.nodes.main.keys).toEqual({
      '1': { action: 'queue', queue: 2, topic: 'Заказ' },
      '2': { action: 'menu', node: 'delivery' },
      '9': { action: 'message', say: 'До свидания.' },
    });
    expect(body.nodes.main.fallback).toBeUndefined(); // the server's default: the operator
    expect(body.hours).toEqual({
      week: { mon: ['09:00-18:00'], tue: ['09:00-18:00'], wed: ['09:00-18:00'], thu: ['09:00-18:00'], fri: ['09:00-18:00'], sat: ['10:00-14:00'] },
      holidays: [{ date: '2027-01-01', open: [] }],
    });
    expect(body.out_of_hours).toEqual({ action: 'message', say: 'Мы закрыты.' });
  });

  it('sends no hours at all when they are switched off, whatever was typed', () => {
    const f = withHours(withHours(small(), true), false);
    const body = menuBody(f, 1);
    expect(body.hours).toBeUndefined();
    expect(body.out_of_hours).toBeUndefined();
  });
});

describe('checks before sending', () => {
  it('passes a complete menu', () => {
    expect(validateMenu(small())).toEqual({});
  });

  it('names a key that leads nowhere', () => {
    const f = small();
    f.nodes[0].keys[0].queue = '';
    f.nodes[0].keys[1].node = ' ';
    f.nodes[1].keys.push({ key: '5', ...emptyAction('message') });
    expect(keys(validateMenu(f))).toEqual({
      'nodes.0.keys.0.target': 'admin.ivr.v.queue',
      'nodes.0.keys.1.target': 'admin.ivr.v.node',
      'nodes.1.keys.1.say': 'admin.ivr.v.message',
      // with key 2 leading nowhere, "delivery" cannot be reached either
      'nodes.1.id': 'admin.ivr.v.unreached',
    });
  });

  it('names a node no key leads to, and a node that is a dead end', () => {
    const f = small();
    f.nodes.push({ ...emptyNode('promo'), say: 'Акции.' });
    const e = validateMenu(f);
    expect(keys(e)).toEqual({ 'nodes.2.id': 'admin.ivr.v.unreached', 'nodes.2.keys': 'admin.ivr.v.dead_end' });
    expect(e['nodes.2.id'].vars).toEqual({ node: 'promo', start: 'main' });
  });

  it('counts a node reached through a fallback or the out-of-hours action', () => {
    const f = withHours(small(), true);
    f.nodes.push({ ...emptyNode('closed'), say: 'Мы закрыты. Оператор — 0.', keys: [{ key: '0', ...emptyAction('operator') }] });
    expect(keys(validateMenu(f))).toEqual({ 'nodes.2.id': 'admin.ivr.v.unreached', 'out_of_hours.say': 'admin.ivr.v.message' });
    f.out_of_hours = { ...emptyAction('menu'), node: 'closed' };
    expect(validateMenu(f)).toEqual({});
    f.out_of_hours = emptyAction('operator');
    f.nodes[1].fallback = { ...emptyAction('menu'), node: 'closed' };
    expect(validateMenu(f)).toEqual({});
  });

  it('leaves a key to a node the menu lacks to the server, with a hint', () => {
    const f = small();
    f.nodes[0].keys[1].node = 'promotions';
    f.nodes = [f.nodes[0]];
    expect(validateMenu(f)).toEqual({});
    expect(isMissingNode(f, f.nodes[0].keys[1])).toBe(true);
    expect(isMissingNode(small(), small().nodes[0].keys[1])).toBe(false);
  });

  it('refuses the same key twice, the same node name twice, and bad numbers', () => {
    const f = small();
    f.nodes[0].keys[1].key = '1';
    f.nodes[1].id = 'main';
    f.numbers = '299, 2-99';
    const e = keys(validateMenu(f));
    expect(e['nodes.0.keys.1.key']).toBe('admin.ivr.v.key_twice');
    expect(e['nodes.1.id']).toBe('admin.ivr.v.node_twice');
    expect(e.numbers).toBe('admin.ivr.v.number');
    expect(keys(validateMenu({ ...small(), numbers: '299 299' })).numbers).toBe('admin.ivr.v.number_twice');
    expect(keys(validateMenu({ ...small(), numbers: ' , ' })).numbers).toBe('admin.ivr.v.numbers');
  });

  it('checks waiting time and repeats within the server\'s limits', () => {
    const f = small();
    f.nodes[0].timeout_s = '0';
    f.nodes[0].retries = '6';
    expect(validateMenu(f)['nodes.0.timeout_s'].vars).toEqual({ min: 1, max: 60 });
    expect(validateMenu(f)['nodes.0.retries'].vars).toEqual({ min: 0, max: 5 });
  });

  it('reads hours the way people type them and names the piece that is wrong', () => {
    expect(parseRanges('9:00-13:00, 14:00 – 18:00')).toEqual({ ranges: ['09:00-13:00', '14:00-18:00'] });
    expect(parseRanges('')).toEqual({ ranges: [] });
    expect(parseRanges('00:00-24:00')).toEqual({ ranges: ['00:00-24:00'] });
    expect(parseRanges('09:00-18:00, 9-18')).toEqual({ error: { key: 'admin.ivr.v.range', vars: { text: '9-18' } } });
    expect(parseRanges('18:00-09:00')).toEqual({ error: { key: 'admin.ivr.v.range_order', vars: { text: '18:00-09:00' } } });
    expect(parseRanges('09:60-10:00')).toHaveProperty('error');

    const f = withHours(small(), true);
    f.out_of_hours.say = 'Закрыто.';
    f.week.wed = '09:00-18:00, обед';
    f.holidays = [{ date: '2027-02-30', open: '' }, { date: '2027-03-08', open: '12:00-10:00' }];
    f.time_zone = 'Москва';
    expect(keys(validateMenu(f))).toEqual({
      'week.wed': 'admin.ivr.v.range',
      'holidays.0.date': 'admin.v.date',
      'holidays.1.open': 'admin.ivr.v.range_order',
      time_zone: 'admin.ivr.v.time_zone',
    });
  });

  it('wants an out-of-hours action once the menu keeps hours', () => {
    const f = withHours(small(), true);
    f.out_of_hours = emptyAction();
    expect(keys(validateMenu(f))).toEqual({ 'out_of_hours.kind': 'admin.ivr.v.action' });
    expect(validateMenu(withHours(f, false))).toEqual({});
  });
});

describe('changing the menu', () => {
  it('offers the next free key of the keypad, and none once all twelve are used', () => {
    let node = emptyNode('main');
    for (let i = 0; i < 12; i++) node = addKey(node);
    expect(node.keys.map((k) => k.key).join('')).toBe('1234567890*#');
    expect(addKey(node)).toBe(node);
    node = { ...node, keys: node.keys.filter((k) => k.key !== '3') };
    expect(addKey(node).keys.at(-1)!.key).toBe('3');
  });

  it('keeps the keys that led to a node when the node is renamed', () => {
    const f = small();
    f.nodes[1].id = 'shipping'; // typed into the node's name
    const renamed = renameNode(f, 'delivery', 'shipping');
    expect(renamed.nodes[0].keys[1].node).toBe('shipping');
    expect(validateMenu(renamed)).toEqual({});
    // The start follows too.
    const g = small();
    g.nodes[0].id = 'root';
    expect(renameNode(g, 'main', 'root').start).toBe('root');
  });

  it('moves nothing when the new name is taken by another node', () => {
    const f = small();
    f.nodes[1].id = 'main';
    expect(renameNode(f, 'delivery', 'main')).toBe(f);
  });

  it('moves the start when the start node is removed, and keeps the last node', () => {
    const f = removeNode(small(), 0);
    expect(f.nodes.map((n) => n.id)).toEqual(['delivery']);
    expect(f.start).toBe('delivery');
    expect(removeNode(f, 0)).toBe(f);
  });

  it('names a new node so that it clashes with none', () => {
    const f = addNode({ ...small(), nodes: [...small().nodes, emptyNode('node3')] });
    expect(f.nodes.at(-1)!.id).toBe('node4');
  });

  it('starts business hours with weekdays and a message to fill in', () => {
    const f = withHours(small(), true);
    expect(weekDays.map((d) => f.week[d])).toEqual(['09:00-18:00', '09:00-18:00', '09:00-18:00', '09:00-18:00', '09:00-18:00', '', '']);
    expect(f.out_of_hours.kind).toBe('message');
  });
});

describe('the server\'s refusals', () => {
  const f = small();
  it('point at the key, node or field they name', () => {
    const at = (status: number, text: string) => problemField(status, text, f);
    expect(at(400, "node 'main', key 2 leads to the node 'promotions', which the menu does not have")).toBe('nodes.0.keys.1.target');
    expect(at(400, "node 'main', key 1 leads to queue 9, which tenant 1 does not have")).toBe('nodes.0.keys.0.target');
    expect(at(400, "nodes.main.keys.1: 'queue' is required")).toBe('nodes.0.keys.0.target');
    expect(at(400, "nodes.delivery.keys.0: 'say' is required")).toBe('nodes.1.keys.0.say');
    expect(at(400, "node 'delivery' is a dead end: it has no keys")).toBe('nodes.1.keys');
    expect(at(400, "node 'delivery' is never reached: no key leads to it from 'main'")).toBe('nodes.1.id');
    expect(at(400, "node 'main', fallback leads to the node 'x', which the menu does not have")).toBe('nodes.0.fallback.target');
    expect(at(400, "nodes.main: 'timeout_s' must be an integer from 1 to 60")).toBe('nodes.0.timeout_s');
    expect(at(400, "hours.week.wed: '9-18' is not a range like \"09:00-18:00\"")).toBe('week.wed');
    expect(at(400, "hours.holidays[1].open: '12:00-10:00' ends before it starts")).toBe('holidays.1.open');
    expect(at(400, "'Mars/Base' is not a known time zone")).toBe('time_zone');
    expect(at(400, "the menu has business hours but no 'out_of_hours' action for the rest of the time")).toBe('out_of_hours.kind');
    expect(at(400, 'the operator queue 5 is not a queue of tenant 1')).toBe('operator_queue');
    expect(at(409, "the number '299' already reaches the queue 'Продажи'")).toBe('numbers');
    expect(at(400, "the number '299' is listed twice")).toBe('numbers');
  });

  it('point nowhere when they name nothing on the form', () => {
    expect(problemField(400, "node 'gone', key 1 leads to queue 9, which tenant 1 does not have", f)).toBeNull();
    expect(problemField(503, 'IVR menus are not available on this server', f)).toBeNull();
  });
});

describe('words', () => {
  it('name every action and every weekday in both languages', () => {
    for (const key of [...actionKinds.map((k) => `admin.ivr.kind.${k}`), ...weekDays.map((d) => `admin.ivr.day.${d}`)]) {
      expect(messages.ru[key], key).toBeTruthy();
      expect(messages.en[key], key).toBeTruthy();
    }
  });
});
