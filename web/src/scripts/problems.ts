// The validator's problems (POST /api/scripts/validate, or a refused
// publish) placed where the author can act on them: at the step they name,
// or in the summary for the script as a whole (and for steps the draft no
// longer has).
import type { Problem } from './types';

export interface PlacedProblems {
  byStep: Record<string, string[]>;
  general: Problem[]; // step '' (the script itself) or a step not in the draft
  count: number;
}

export function placeProblems(problems: readonly Problem[], stepIds: readonly string[]): PlacedProblems {
  const ids = new Set(stepIds);
  const byStep: Record<string, string[]> = {};
  const general: Problem[] = [];
  for (const p of problems) {
    if (p.step && ids.has(p.step)) (byStep[p.step] ??= []).push(p.message);
    else general.push(p);
  }
  return { byStep, general, count: problems.length };
}

// The problems list out of an answer: {"problems": [...]} (200 from validate,
// 400 from a refused publish). Anything else gives null.
export function problemsIn(body: unknown): Problem[] | null {
  if (!body || typeof body !== 'object') return null;
  const list = (body as { problems?: unknown }).problems;
  if (!Array.isArray(list)) return null;
  return list
    .filter((p) => p && typeof p === 'object')
    .map((p) => ({ step: String((p as Problem).step ?? ''), message: String((p as Problem).message ?? '') }));
}

// The steps with problems, in the order the editor lists the steps.
export function stepsWithProblems(placed: PlacedProblems, stepIds: readonly string[]): string[] {
  return stepIds.filter((id) => placed.byStep[id]?.length);
}
