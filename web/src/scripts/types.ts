// What the scripts screens read and write: the JSON form of a call script
// (api/call_script.schema.json, src/call_scripts/script.h) and the answers of
// /api/scripts, /api/scripts/analytics and /api/training/calls
// (docs/call_scripts.md).

export type Language = 'ru' | 'en';
export type ScriptKind = 'script' | 'situation';
export type StepKind = 'say' | 'ask' | 'collect' | 'action' | 'jump';
export type CollectTarget = 'call' | 'order';
export type CollectInput = 'text' | 'datetime' | 'phone';
export type ActionKind =
  | 'create_order'
  | 'open_case'
  | 'schedule_callback'
  | 'transfer'
  | 'consult_supervisor_then_transfer'
  | 'requeue_at_head_and_alert'
  | 'hold'
  | 'end_call'
  | 'return';
export type TransferTo = 'queue' | 'agent' | 'specialist' | 'team_lead';

export const LANGUAGES: Language[] = ['ru', 'en'];
export const STEP_KINDS: StepKind[] = ['say', 'ask', 'collect', 'action', 'jump'];
export const COLLECT_TARGETS: CollectTarget[] = ['call', 'order'];
export const COLLECT_INPUTS: CollectInput[] = ['text', 'datetime', 'phone'];
export const ACTION_KINDS: ActionKind[] = [
  'create_order',
  'open_case',
  'schedule_callback',
  'transfer',
  'consult_supervisor_then_transfer',
  'requeue_at_head_and_alert',
  'hold',
  'end_call',
  'return',
];
export const TRANSFER_TARGETS: TransferTo[] = ['queue', 'agent', 'specialist', 'team_lead'];

export interface AskOption {
  label: string;
  next?: string;
}

// One step as JSON. Which fields mean something depends on `kind` (and on
// `action` for an action step); see model.ts for the shapes written out.
export interface Step {
  kind: StepKind;
  text?: string; // say, ask
  next?: string; // say, collect, action
  options?: AskOption[]; // ask
  label?: string; // collect
  target?: CollectTarget; // collect
  field?: string; // collect
  input?: CollectInput; // collect (absent: text)
  action?: ActionKind; // action
  category?: string; // open_case
  to?: string; // jump: a step id; transfer: a TransferTo
  id?: string; // transfer: queue or agent id, specialist group
  stay?: boolean; // transfer: consult the target first, the operator stays on the line
  number?: string; // consult_supervisor_then_transfer
  outcome?: string; // end_call
}

// The script as the server stores it.
export interface ScriptJson {
  id?: number;
  tenant_id: number;
  name: string;
  version: number;
  language: Language;
  start: string;
  steps: Record<string, Step>;
}

// GET /api/scripts rows.
export interface ScriptRow {
  code: string;
  kind: ScriptKind;
  language: Language;
  name: string;
  version: number;
  updated_at?: string;
  queues: number[];
}

// GET /api/scripts/{code}.
export interface ScriptVersion {
  code: string;
  kind: ScriptKind;
  language: Language;
  version: number;
  versions: number[];
  queues: number[];
  script: ScriptJson;
}

export interface Problem {
  step: string;
  message: string;
}

export interface Analytics {
  steps: { code: string; step: string; kind: string; uses: number }[];
  situations: { code: string; name: string; uses: number }[];
  by_queue: { queue_id: number; queue_name: string; code: string; uses: number }[];
  by_agent: { agent_id: number; agent_name: string; code: string; uses: number }[];
  outcomes: { code: string; outcome: string; count: number }[];
}

export interface TrainingCall {
  call: number;
  agent_id: number;
  agent_name: string;
  situation: string;
  started_at: string;
  ended: boolean;
  outcome: string | null;
  steps: number;
  path: string[];
  actions?: (string | { action?: string; kind?: string })[];
}

export interface Queue {
  id: number;
  name: string;
  tenant: number;
}

export interface Tenant {
  id: number;
  name: string;
}
