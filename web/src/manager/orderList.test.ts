import { describe, expect, it } from 'vitest';
import { emptyFilter, filterOrders, keepOrReplace, mergeOrder, rowFromSummary } from './orderList';
import { makeOrder } from './testOrders';

const summary = { id: 120, tenant_id: 2, customer_id: 5, status: 'assigned' as const, total: 99000, delivery_date: '2026-12-01', region: 'Тверь' };

describe('a new assignment from the WebSocket', () => {
  it('goes on top of the list, newest first', () => {
    const list = [makeOrder(3), makeOrder(2)];
    const once = mergeOrder(list, rowFromSummary(summary, 4));
    expect(once.map((o) => o.id)).toEqual([120, 3, 2]);
    const next = mergeOrder(once, rowFromSummary({ ...summary, id: 121 }, 4));
    expect(next.map((o) => o.id)).toEqual([121, 120, 3, 2]);
  });

  it('never makes a duplicate when the same order comes again', () => {
    const list = mergeOrder([makeOrder(3), makeOrder(120, { status: 'in_fulfilment' })], rowFromSummary(summary, 4));
    expect(list.map((o) => o.id)).toEqual([120, 3]);
    expect(list.filter((o) => o.id === 120)).toHaveLength(1);
    expect(list[0].status).toBe('assigned');
  });

  it('keeps what a full row knew when only the summary arrives', () => {
    const full = makeOrder(120, { status: 'confirmed' });
    const [row] = mergeOrder([full], rowFromSummary(summary, 4));
    expect(row.partial).toBeFalsy();
    expect(row.delivery.address).toBe(full.delivery.address);
    expect(row.status).toBe('assigned');
    expect(row.total).toBe(99000);
  });

  it('shows the summary at once, marked as partial until the full order comes', () => {
    const row = rowFromSummary(summary, 4);
    expect(row).toMatchObject({ id: 120, status: 'assigned', total: 99000, partial: true, manager_id: 4 });
    expect(row.delivery).toMatchObject({ date: '2026-12-01', region: 'Тверь' });
  });
});

describe('filtering the inbox', () => {
  const orders = [
    makeOrder(1, { status: 'assigned', delivery: { address: 'Тверь, ул. Новая, д. 16', region: 'Тверь', date: '2026-11-24', window_from: '10:00', window_to: '14:00' } }),
    makeOrder(2, { status: 'in_fulfilment', receivers: [{ name: 'Ёлкин Пётр', phone: '+79161234567', may_accept: true, may_pay: false, may_sign: false }] }),
    makeOrder(3, { status: 'delivered', delivery: { address: 'Москва, ул. Центральная, д. 45', region: 'Москва', date: '2026-11-30', window_from: '10:00', window_to: '14:00' } }),
    makeOrder(4, { status: 'cancelled' }),
  ];
  const ids = (f: Partial<typeof emptyFilter>, names: Record<number, string> = {}) => filterOrders(orders, { ...emptyFilter, ...f }, names).map((o) => o.id);

  it('by status, or all open ones', () => {
    expect(ids({})).toEqual([1, 2, 3, 4]);
    expect(ids({ status: 'delivered' })).toEqual([3]);
    expect(ids({ status: 'open' })).toEqual([1, 2]);
  });

  it('by delivery dates, both ends included', () => {
    expect(ids({ from: '2026-11-29' })).toEqual([2, 3, 4]);
    expect(ids({ to: '2026-11-29' })).toEqual([1, 2, 4]);
    expect(ids({ from: '2026-11-29', to: '2026-11-29' })).toEqual([2, 4]);
  });

  it('by words: number, customer, address, receivers, phones, products; ё = е, any case', () => {
    expect(ids({ text: '3' })).toEqual([2, 3, 4]); // order 3, and house number 3
    expect(ids({ text: '№3' })).toEqual([3]);
    expect(ids({ text: '#2' })).toEqual([2]);
    expect(ids({ text: 'твер нов' })).toEqual([1]);
    expect(ids({ text: 'елкин' })).toEqual([2]);
    expect(ids({ text: '916 123' })).toEqual([]); // words must each start a word
    expect(ids({ text: '8916123' })).toEqual([]);
    expect(ids({ text: '916123' })).toEqual([2]);
    expect(ids({ text: 'СЛАДКИЙ' })).toEqual([1, 2, 3, 4]);
    expect(ids({ text: 'gft-103' })).toEqual([1, 2, 3, 4]);
    expect(ids({ text: 'иванов' }, { 803: 'Иванов Пётр' })).toEqual([3]);
  });

  it('combines all the filters', () => {
    expect(ids({ status: 'open', text: 'москва' })).toEqual([2]);
  });
});

describe('a change to an order heard over the socket', () => {
  it('leaves a manager\'s inbox when the order goes to another manager', () => {
    const list = [makeOrder(3), makeOrder(2)];
    expect(keepOrReplace(list, makeOrder(3, { manager_id: 6 }), 4).map((o) => o.id)).toEqual([2]);
    const moved = keepOrReplace(list, makeOrder(3, { status: 'in_fulfilment' }), 4);
    expect(moved.map((o) => [o.id, o.status])).toEqual([[3, 'in_fulfilment'], [2, 'assigned']]);
  });

  it('stays in a supervisor\'s list whoever has it', () => {
    const list = [makeOrder(3)];
    expect(keepOrReplace(list, makeOrder(3, { manager_id: 6 }), null)[0].manager_id).toBe(6);
  });
});
