// The shapes of the order desk's answers (api/openapi.yaml, src/crm/order.cpp).
// Money is in kopecks.

export type OrderStatus = 'draft' | 'confirmed' | 'assigned' | 'in_fulfilment' | 'delivered' | 'cancelled' | 'returned';

export const orderStatuses: OrderStatus[] = ['draft', 'confirmed', 'assigned', 'in_fulfilment', 'delivered', 'cancelled', 'returned'];

export interface Adjustment {
  source: 'discount' | 'promotion';
  rule_id: number;
  rule_name: string;
  reason: string;
  amount: number; // taken off, kopecks
}

export interface QuoteLine {
  product_id: number;
  sku: string;
  name: string;
  quantity: number;
  unit_price: number;
  gross: number;
  adjustments: Adjustment[];
  total: number;
  vat_percent: number;
  vat: number;
  gift: boolean;
}

export interface Quote {
  on?: string;
  lines: QuoteLine[];
  order_adjustments: Adjustment[];
  gross: number;
  discount: number;
  total: number;
  vat: number;
}

export interface Receiver {
  name: string;
  phone: string;
  may_accept: boolean;
  may_pay: boolean;
  may_sign: boolean;
}

export interface Delivery {
  address: string;
  region: string;
  date: string; // YYYY-MM-DD
  window_from: string; // HH:MM
  window_to: string;
}

export interface OrderChange {
  at: string;
  by: number | null;
  status: OrderStatus;
  manager_id: number | null;
  comment: string;
}

export interface Order {
  id: number;
  tenant_id: number;
  customer_id: number;
  call_id?: number | null;
  status: OrderStatus;
  manager_id: number | null;
  delivery: Delivery;
  receivers: Receiver[];
  payment_on_delivery: boolean;
  documents_to_sign: boolean;
  note: string;
  quote: Quote | null;
  total: number;
  vat: number;
  amount_due: number;
  created_by?: number;
  created_at?: string;
  updated_at?: string;
  history: OrderChange[];
  // Set on a row made from a WebSocket summary until the full order arrives.
  partial?: boolean;
}

// The `order` of {"type":"order.assigned","order":{…},"reason"}.
export interface AssignedSummary {
  id: number;
  tenant_id: number;
  customer_id: number;
  status: OrderStatus;
  total: number;
  delivery_date: string;
  region: string;
}

export interface ManagerProfile {
  user_id: number;
  regions: string[];
  categories: number[];
  active: boolean;
  open_orders: number;
  last_assigned: string | null;
}

export interface CustomerCard {
  id: number;
  kind: 'person' | 'organisation';
  name: string;
  phones: { number: string; display?: string; label?: string }[];
  emails: string[];
  addresses: string[];
  note: string;
  erased?: boolean;
}
