// The live picture: the first snapshot (GET /api/realtime), then the
// WebSocket's realtime messages merged into it. Queues and alerts come whole
// every second; agent rows come only when they changed ("full": false), are
// dropped when listed in removed_agents, and an agent_state message moves one
// agent at once. Pure functions: the screen keeps the result in state.
import type { AgentRow, AgentStateMessage, QueueRow, RealtimeMessage, ServerAlert } from './types';

export interface Picture {
  at: string;
  // Server time minus this browser's time, so time in state does not depend
  // on the browser's clock being right.
  skewMs: number;
  queues: QueueRow[];
  alerts: ServerAlert[];
  agents: Record<number, AgentRow>;
}

function skew(at: string, receivedAt: number): number {
  const server = Date.parse(at);
  return Number.isNaN(server) ? 0 : server - receivedAt;
}

// Fills a row the server sent partially (a new agent in a partial message).
function complete(row: Partial<AgentRow> & { agent: number }, before?: AgentRow): AgentRow {
  const merged = { ...(before ?? {}), ...row } as AgentRow;
  if (merged.name === undefined) merged.name = `#${row.agent}`;
  if (merged.team === undefined) merged.team = null;
  if (merged.state === undefined) merged.state = 'logged-out';
  if (merged.since === undefined) merged.since = null;
  return merged;
}

export function applyRealtime(picture: Picture | null, message: RealtimeMessage, receivedAt: number): Picture {
  // GET /api/realtime has no "full": it is always whole. A partial message with
  // nothing to merge into holds the agents it names until the next full one.
  const agents: Record<number, AgentRow> = message.full === false ? { ...(picture?.agents ?? {}) } : {};
  for (const row of message.agents ?? []) {
    if (typeof row.agent !== 'number') continue;
    agents[row.agent] = complete(row as Partial<AgentRow> & { agent: number }, agents[row.agent]);
  }
  for (const id of message.removed_agents ?? []) delete agents[id];
  return {
    at: message.at,
    skewMs: skew(message.at, receivedAt),
    queues: message.queues ?? picture?.queues ?? [],
    alerts: message.alerts ?? [],
    agents,
  };
}

export function applyAgentState(picture: Picture | null, message: AgentStateMessage): Picture | null {
  if (!picture) return picture;
  const before = picture.agents[message.agent];
  // An agent this view does not hold is outside its scope (or the next full
  // message brings them): nothing to show yet.
  if (!before) return picture;
  const row: AgentRow = {
    ...before,
    state: message.state,
    reason: message.state === 'not-ready' ? (message.reason ?? null) : null,
    since: message.since,
    time_in_state_ms: undefined,
  };
  if (message.state !== 'on-call' && message.state !== 'on-hold') row.call = null;
  return { ...picture, agents: { ...picture.agents, [message.agent]: row } };
}

// Milliseconds the agent has been in their state, at browser time `now`.
export function timeInState(row: Pick<AgentRow, 'since'>, now: number, skewMs = 0): number | null {
  if (!row.since) return null;
  const since = Date.parse(row.since);
  if (Number.isNaN(since)) return null;
  return Math.max(0, now + skewMs - since);
}

// The longest wait of a queue at browser time `now`: the server's figure at
// `at`, grown by the time since while callers are still waiting.
export function longestWaitNow(queue: Pick<QueueRow, 'waiting' | 'longest_wait_ms'>, picture: Pick<Picture, 'at' | 'skewMs'>, now: number): number {
  if (!queue.waiting) return 0;
  const at = Date.parse(picture.at);
  const grown = Number.isNaN(at) ? 0 : Math.max(0, now + picture.skewMs - at);
  return queue.longest_wait_ms + grown;
}
