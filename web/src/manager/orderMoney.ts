// The money an order shows: each line's price, quantity, discount and total,
// and the order's totals, from the quote the server priced it with. Line
// discounts include the line's share of an order-wide discount (the server
// spreads it over the lines), so the columns add up to the totals.
import type { Adjustment, Order } from './types';

export interface MoneyLine {
  key: string;
  name: string;
  sku: string;
  quantity: number;
  unitPrice: number;
  gross: number;
  discount: number;
  total: number;
  vat: number;
  vatPercent: number;
  gift: boolean;
  reasons: string[]; // names of the discounts and promotions on this line
}

export interface OrderMoney {
  lines: MoneyLine[];
  gross: number;
  discount: number;
  total: number;
  vat: number;
  amountDue: number;
  paymentOnDelivery: boolean;
  orderAdjustments: Adjustment[];
}

function unique(names: string[]): string[] {
  return [...new Set(names.filter((n) => n))];
}

export function orderMoney(order: Order): OrderMoney {
  const quote = order.quote;
  const lines: MoneyLine[] = (quote?.lines ?? []).map((l, i) => {
    const discount = (l.adjustments ?? []).reduce((sum, a) => sum + a.amount, 0);
    return {
      key: `${i}-${l.product_id}`,
      name: l.name,
      sku: l.sku,
      quantity: l.quantity,
      unitPrice: l.unit_price,
      gross: l.gross,
      discount,
      total: l.total,
      vat: l.vat,
      vatPercent: l.vat_percent,
      gift: l.gift,
      reasons: unique((l.adjustments ?? []).map((a) => a.rule_name)),
    };
  });
  const gross = quote ? quote.gross : lines.reduce((s, l) => s + l.gross, 0);
  // The order's own figures win over the quote's (they are what was confirmed).
  const total = order.total ?? quote?.total ?? 0;
  const discount = quote ? quote.discount : Math.max(0, gross - total);
  return {
    lines,
    gross,
    discount,
    total,
    vat: order.vat ?? quote?.vat ?? 0,
    amountDue: order.amount_due ?? (order.payment_on_delivery ? total : 0),
    paymentOnDelivery: order.payment_on_delivery,
    orderAdjustments: quote?.order_adjustments ?? [],
  };
}
