import { describe, expect, it } from 'vitest';
import { canReassign, needsComment, nextStatuses } from './orderFlow';

describe('the next steps of an order', () => {
  it('follow the server order flow from each status', () => {
    expect(nextStatuses('draft')).toEqual(['cancelled']);
    expect(nextStatuses('confirmed')).toEqual(['cancelled']);
    expect(nextStatuses('assigned')).toEqual(['in_fulfilment', 'cancelled']);
    expect(nextStatuses('in_fulfilment')).toEqual(['delivered', 'cancelled']);
    expect(nextStatuses('delivered')).toEqual(['returned']);
    expect(nextStatuses('cancelled')).toEqual([]);
    expect(nextStatuses('returned')).toEqual([]);
  });

  it('ask for a comment only to cancel', () => {
    expect(needsComment('cancelled')).toBe(true);
    expect(needsComment('delivered')).toBe(false);
    expect(needsComment('')).toBe(false);
  });

  it('offer reassignment only while a manager holds the order', () => {
    expect(['draft', 'confirmed', 'assigned', 'in_fulfilment', 'delivered', 'cancelled', 'returned'].filter((s) => canReassign(s as never))).toEqual([
      'confirmed',
      'assigned',
      'in_fulfilment',
    ]);
  });
});
