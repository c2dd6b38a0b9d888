// The shapes the agent desktop reads from the server (api/openapi.yaml,
// docs/api.md, docs/pricing.md). Money is always kopecks.

export type AgentState = 'logged-out' | 'ready' | 'reserved' | 'on-call' | 'on-hold' | 'wrap-up' | 'not-ready';

// Whom the operator consults (or holds a conference with): a colleague, a
// ready member of a queue, or an outside number; connected once they answer.
export interface DeskConsult {
  to: 'agent' | 'queue' | 'external';
  agent?: number;
  queue?: number;
  number?: string;
  connected: boolean;
}

export interface DeskCall {
  call: number;
  queue: number;
  caller: string | null;
  dialled: string;
  since: string;
  on_hold: boolean;
  consulting: boolean;
  consult?: DeskConsult | null; // while consulting and during a conference
  conference?: boolean; // the caller, the operator and the consulted party together
  kind?: string;
  until?: string; // wrap-up only: when it ends by itself
  topic?: string; // what the caller chose in the voice menu ("Доставка / Статус"); absent or empty: nothing
}

export interface Figures {
  calls: number;
  aht_ms: number | null;
  talk_ms: number;
  hold_ms: number;
  wrap_up_ms: number;
  missed_offers: number;
}

export interface Desk {
  agent: number;
  state: AgentState;
  reason: string | null;
  since: string;
  offer: DeskCall | null;
  call: DeskCall | null;
  wrap_up: DeskCall | null;
  bot: boolean;
  figures?: Figures;
}

export interface CustomerSummary {
  id: number;
  tenant_id?: number;
  kind: 'person' | 'organisation';
  name: string;
  phones: string[];
}

// {"type":"customer"} on the agent's channel when an offer rings, and the
// answer of GET /api/customers/lookup.
export interface CallerLookup {
  call?: number;
  tenant_id?: number;
  number: string | null;
  withheld: boolean;
  matches: CustomerSummary[];
  error?: string;
}

export interface Contact {
  name: string;
  phone: string;
  position: string;
  may_accept: boolean;
  may_pay: boolean;
  may_sign: boolean;
}

export interface Customer {
  id: number;
  tenant_id: number;
  kind: 'person' | 'organisation';
  name: string;
  phones: { number: string; display: string; label: string }[];
  emails: string[];
  addresses: string[];
  note: string;
  customer_group_id: number | null;
  contacts: Contact[];
  erased?: boolean;
}

export interface TimelineItem {
  kind: 'call' | 'order' | 'case' | 'callback';
  at: string;
  order?: { id: number; status: string; total: number; delivery_date: string };
  case?: { id: number; kind: string; category: string; summary: string; status: string; due_at: string };
  call?: Record<string, unknown>;
  callback?: { id: number; number: string; reason: string; due_at: string; status: string };
}

export interface Adjustment {
  source: 'discount' | 'promotion';
  rule_id: number;
  rule_name: string;
  reason: string;
  amount: number;
}

export interface Promotion {
  id: number;
  name: string;
  pitch: string;
}

export interface Product {
  id: number;
  tenant_id: number;
  sku: string;
  name: string;
  description: string;
  unit: string;
  vat_percent: number;
  available: boolean;
  category_id: number | null;
  price: number | null;
  price_today: number;
  adjustments: Adjustment[];
  promotions: Promotion[];
}

export interface QuoteLine {
  product_id: number;
  sku: string;
  name: string;
  quantity: number;
  unit_price: number;
  price_list_id: number;
  gross: number;
  adjustments: Adjustment[];
  total: number;
  vat_percent: number;
  vat: number;
  gift: boolean;
}

export interface Quote {
  on: string;
  lines: QuoteLine[];
  order_adjustments: Adjustment[];
  gross: number;
  discount: number;
  total: number;
  vat: number;
  suggestions: Promotion[];
}

export interface Receiver {
  name: string;
  phone: string;
  may_accept: boolean;
  may_pay: boolean;
  may_sign: boolean;
}

export interface OrderBody {
  tenant_id?: number;
  customer_id: number;
  call_id?: number;
  lines: { product_id: number; quantity: number }[];
  delivery: { address: string; date: string; window_from: string; window_to: string };
  receivers: Receiver[];
  payment_on_delivery: boolean;
  documents_to_sign: boolean;
  note: string;
}

export interface Order extends OrderBody {
  id: number;
  status: string;
  manager_id: number | null;
  manager_name?: string | null;
  quote: Quote;
  total: number;
  vat: number;
  amount_due: number;
}

export interface Code {
  id: number;
  code: string;
  kind: string;
  label: string;
  reason?: string;
}

export interface CaseCategory {
  tenant_id: number;
  code: string;
  label: string;
  department_id: number;
  sla_minutes: number;
}

export interface QueueRef {
  id: number;
  name: string;
}

export interface TransferTargets {
  queues: QueueRef[];
  agents: { id: number; name: string; state: string; team: number | null }[];
  team_leads: { id: number; name: string; state: string }[];
}
