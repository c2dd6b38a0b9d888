// Open → in progress → resolved → closed; a resolved case may be reopened
// (back to in progress). Resolving and reopening need a comment
// (src/crm/case.cpp CanMove, CaseDesk::Move).
import type { CaseStatus } from './types';

export function canMoveCase(from: CaseStatus, to: CaseStatus): boolean {
  switch (to) {
    case 'in_progress':
      return from === 'open' || from === 'resolved';
    case 'resolved':
      return from === 'open' || from === 'in_progress';
    case 'closed':
      return from === 'resolved';
    default:
      return false;
  }
}

// The forward step first (a resolved case is usually closed, seldom reopened).
export function nextCaseStatuses(from: CaseStatus): CaseStatus[] {
  const order: CaseStatus[] = from === 'resolved' ? ['closed', 'in_progress'] : ['in_progress', 'resolved', 'closed'];
  return order.filter((to) => canMoveCase(from, to));
}

export function caseNeedsComment(from: CaseStatus, to: CaseStatus | ''): boolean {
  return to === 'resolved' || (to === 'in_progress' && from === 'resolved');
}

// The words for a step: taking a resolved case back is a reopening.
export function stepKey(from: CaseStatus, to: CaseStatus): string {
  return to === 'in_progress' && from === 'resolved' ? 'reopen' : to;
}

export function isActive(status: CaseStatus): boolean {
  return status === 'open' || status === 'in_progress';
}
