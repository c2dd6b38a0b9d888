// What the server sends the wallboard (GET /api/realtime, the realtime
// WebSocket messages, /api/wallboard/*), as the screens read it.

export type AgentStateName =
  | 'ready'
  | 'not-ready'
  | 'reserved'
  | 'on-call'
  | 'on-hold'
  | 'wrap-up'
  | 'logged-out';

// The order states are shown in (totals, sorting): who can take a call first.
export const STATES: AgentStateName[] = ['ready', 'reserved', 'on-call', 'on-hold', 'wrap-up', 'not-ready', 'logged-out'];

export interface QueueRow {
  id: number;
  name: string;
  tenant?: number;
  waiting: number;
  callbacks_waiting?: number;
  longest_wait_ms: number;
  offered: number;
  answered: number;
  answered_within_sl?: number;
  abandoned: number;
  short_abandoned?: number;
  service_level: number | null; // percent, 0..100
  sl_target_percent: number;
  sl_threshold_ms: number;
  asa_ms?: number | null;
  aht_ms?: number | null;
  agents?: Partial<Record<AgentStateName, number>>;
}

export interface AgentRow {
  agent: number;
  name: string;
  team: number | null;
  state: AgentStateName;
  reason?: string | null;
  since: string | null;
  time_in_state_ms?: number | null;
  calls?: number;
  missed_offers?: number;
  talk_ms?: number;
  hold_ms?: number;
  wrap_up_ms?: number;
  aht_ms?: number | null;
  call?: number | null;
  bot?: boolean;
}

export interface ServerAlert {
  queue: number;
  kind: string;
  message: string;
}

// GET /api/realtime, and the WebSocket's {"type":"realtime"} (agents partial unless full).
export interface RealtimeMessage {
  type?: string;
  at: string;
  queues: QueueRow[];
  agents: Partial<AgentRow>[];
  alerts?: ServerAlert[];
  full?: boolean;
  removed_agents?: number[];
}

// {"type":"agent_state"}: one agent changed state just now.
export interface AgentStateMessage {
  type?: string;
  agent: number;
  state: AgentStateName;
  reason?: string | null;
  since: string | null;
  forced?: boolean;
}

// GET /api/queues (the settings the alert rules need).
export interface QueueSettings {
  id: number;
  name: string;
  max_wait_s?: number;
  sl_threshold_s?: number;
  sl_target_percent?: number;
}

// GET /api/wallboard/directory
export interface Directory {
  teams: { id: number; name: string; lead: number | null }[];
  agents: { agent: number; team: number | null; queues: number[] }[];
}

// GET /api/wallboard/intervals
export interface IntervalQueue {
  queue: number;
  name: string;
  sl_target_percent: number;
  offered: number[];
  answered: number[];
  abandoned: number[];
  answered_within_sl: number[];
  short_abandoned?: number[];
  service_level: (number | null)[];
}

export interface Intervals {
  day_start: string;
  interval_minutes: number;
  starts_ms: number[];
  queues: IntervalQueue[];
}
