import type { DecisionOutcome } from '../../contracts/projects';
import type { ItemStatus } from './item-status';

/** What stops the R14 clock from firing although the due time has passed. */
export interface DeadlineHolds {
  /** R16: a written explanation awaits a leader's ruling. */
  explanationPending?: boolean;
  /** R13: under a force-majeure delay; its new due time replaces dueAt and never yields deemed consent. */
  delayed?: boolean;
}

/**
 * R14: an accepted item undecided at its due time is deemed consented — never before dueAt,
 * never while a written explanation is pending (R16) or a force-majeure delay runs (R13).
 */
export function deemedConsentDue(
  item: { status: ItemStatus; dueAt: Date | null; holds?: DeadlineHolds },
  now: Date,
): boolean {
  if (item.status !== 'in_review' || item.dueAt === null) return false;
  if (item.holds?.explanationPending || item.holds?.delayed) return false;
  return now.getTime() >= item.dueAt.getTime();
}

/** R18: a refusal must cite its legal basis. Returns the problem, or null when the decision may stand. */
export function decisionBasisError(outcome: DecisionOutcome, basis: string | null | undefined): string | null {
  if (outcome === 'rejected' && !basis?.trim()) return 'A rejection must state its legal basis';
  return null;
}
