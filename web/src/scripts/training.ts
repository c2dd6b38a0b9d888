// The training screen's ordering: operators who can take a practice call
// now (ready) first, and practice calls still going on above the finished
// ones, newest first.
import type { TrainingCall } from './types';

export interface LiveAgent {
  agent: number;
  name: string;
  state: string;
  bot?: boolean;
}

const STATE_ORDER = ['ready', 'not-ready', 'wrap-up', 'reserved', 'on-call', 'on-hold', 'logged-out'];

export function orderAgents(agents: readonly LiveAgent[]): LiveAgent[] {
  const rank = (s: string) => {
    const i = STATE_ORDER.indexOf(s);
    return i < 0 ? STATE_ORDER.length : i;
  };
  return agents
    .filter((a) => a.name && !a.bot)
    .sort((a, b) => rank(a.state) - rank(b.state) || a.name.localeCompare(b.name));
}

export function sortCalls(calls: readonly TrainingCall[]): TrainingCall[] {
  return [...calls].sort(
    (a, b) => Number(a.ended) - Number(b.ended) || (b.started_at ?? '').localeCompare(a.started_at ?? '') || b.call - a.call,
  );
}

// The actions a practice call performed, as names ("open_case", "end_call").
export function actionNames(call: Pick<TrainingCall, 'actions'>): string[] {
  return (call.actions ?? [])
    .map((a) => (typeof a === 'string' ? a : (a?.action ?? a?.kind ?? '')))
    .filter((a): a is string => !!a);
}
