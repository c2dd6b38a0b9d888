// The shapes of the case desk's answers (api/openapi.yaml, src/crm/case.cpp).
export type CaseStatus = 'open' | 'in_progress' | 'resolved' | 'closed';
export type CaseKind = 'complaint' | 'remark' | 'suggestion' | 'request';

export const caseStatuses: CaseStatus[] = ['open', 'in_progress', 'resolved', 'closed'];

export interface CaseChange {
  at: string;
  by: number | null;
  status: CaseStatus;
  comment: string;
}

export interface Case {
  id: number;
  tenant_id: number;
  kind: CaseKind;
  category: string;
  customer_id: number | null;
  call_id: number | null;
  order_id: number | null;
  summary: string;
  details: string;
  department_id: number;
  status: CaseStatus;
  created_by?: number;
  created_at?: string;
  due_at: string;
  escalated_at: string | null;
  updated_at?: string;
  history: CaseChange[];
  partial?: boolean; // known only from a WebSocket message so far
}

// The `case` of {"type":"case.opened"|"case.escalated","case":{…},"department_id"}.
export interface CaseSummary {
  id: number;
  tenant_id: number;
  kind: CaseKind;
  category: string;
  summary: string;
  department_id: number;
  due_at: string;
}

export interface CaseCategory {
  tenant_id: number;
  code: string;
  label: string;
  department_id: number;
  sla_minutes: number;
}

export interface Department {
  id: number;
  tenant: number;
  name: string;
}
