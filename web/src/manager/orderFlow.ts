// Which steps a person may take with an order by hand, as the server's order
// flow allows them (src/crm/order.cpp CanMove; cancelling needs a comment,
// OrderDesk::Move; only confirmed, assigned and in-fulfilment orders can be
// given to another manager, OrderDesk::Reassign).
import type { OrderStatus } from './types';

const open: OrderStatus[] = ['draft', 'confirmed', 'assigned', 'in_fulfilment'];

export function isOpen(status: OrderStatus): boolean {
  return open.includes(status);
}

export function canMove(from: OrderStatus, to: OrderStatus): boolean {
  switch (to) {
    case 'in_fulfilment':
      return from === 'assigned';
    case 'delivered':
      return from === 'in_fulfilment';
    case 'cancelled':
      return isOpen(from);
    case 'returned':
      return from === 'delivered';
    default:
      return false; // draft, confirmed and assigned come from their own actions
  }
}

// The statuses an order may move to next, the forward step first.
export function nextStatuses(from: OrderStatus): OrderStatus[] {
  const order: OrderStatus[] = ['in_fulfilment', 'delivered', 'returned', 'cancelled'];
  return order.filter((to) => canMove(from, to));
}

export function needsComment(to: OrderStatus | ''): boolean {
  return to === 'cancelled';
}

export function canReassign(status: OrderStatus): boolean {
  return status === 'confirmed' || status === 'assigned' || status === 'in_fulfilment';
}
