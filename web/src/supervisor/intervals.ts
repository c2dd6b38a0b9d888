// Today's per-interval series (GET /api/wallboard/intervals) shaped for
// uPlot: x in seconds, one array per series, summed over the chosen queues.
// Service level per interval is answered within the threshold over the calls
// that count (short abandons do not), null where no call counted.
import type { Intervals } from './types';

export interface CallSeries {
  xs: number[]; // interval starts, Unix seconds
  offered: number[];
  answered: number[];
  abandoned: number[];
  serviceLevel: (number | null)[]; // percent
  target: (number | null)[]; // percent; the chosen queues' target (the highest when they differ)
}

// `queues`: the queue ids to add up, or null for all.
export function shapeIntervals(data: Intervals, queues: number[] | null): CallSeries {
  const n = data.starts_ms.length;
  const zero = () => new Array<number>(n).fill(0);
  const offered = zero();
  const answered = zero();
  const abandoned = zero();
  const within = zero();
  const counted = zero();
  let target: number | null = null;
  for (const q of data.queues) {
    if (queues && !queues.includes(q.queue)) continue;
    target = Math.max(target ?? 0, q.sl_target_percent);
    for (let i = 0; i < n; i++) {
      offered[i] += q.offered[i] ?? 0;
      answered[i] += q.answered[i] ?? 0;
      abandoned[i] += q.abandoned[i] ?? 0;
      within[i] += q.answered_within_sl[i] ?? 0;
      counted[i] += (q.offered[i] ?? 0) - (q.short_abandoned?.[i] ?? 0);
    }
  }
  return {
    xs: data.starts_ms.map((ms) => Math.floor(ms / 1000)),
    offered,
    answered,
    abandoned,
    serviceLevel: counted.map((c, i) => (c > 0 ? (100 * within[i]) / c : null)),
    target: new Array(n).fill(target),
  };
}

// Only the part of the day with calls in it (from the first interval with a
// call, keeping the one before for context); the whole day when none.
export function trimQuietStart(series: CallSeries): CallSeries {
  const first = series.offered.findIndex((v) => v > 0);
  if (first <= 1) return series;
  const from = first - 1;
  const cut = <T,>(a: T[]) => a.slice(from);
  return {
    xs: cut(series.xs),
    offered: cut(series.offered),
    answered: cut(series.answered),
    abandoned: cut(series.abandoned),
    serviceLevel: cut(series.serviceLevel),
    target: cut(series.target),
  };
}

export function totals(series: CallSeries): { offered: number; answered: number; abandoned: number } {
  const sum = (a: number[]) => a.reduce((s, v) => s + v, 0);
  return { offered: sum(series.offered), answered: sum(series.answered), abandoned: sum(series.abandoned) };
}
