import type { DecisionOutcome } from '../../contracts/projects';
import type { Ruling } from '../../contracts/deadlines';
import type { ItemStatus } from './item-status';
import type { FieldProblem } from '../problems/problem-codes';

/** What stops the R14 clock from firing although the due time has passed. */
export interface DeadlineHolds {
  /** R16: a deadline explanation (not a meeting excuse, see explanationHoldsDeadline) awaits a leader's ruling. */
  deadlineExplanationPending?: boolean;
  /** R10a: a special procedure (hearing, expert review, …) is open: the clock is stopped. */
  specialProcedureOpen?: boolean;
}

type RunningItem = { status: ItemStatus; dueAt: Date | null; holds?: DeadlineHolds };

/**
 * R14: an accepted item undecided at its due time is deemed consented — never before dueAt,
 * never while a written explanation is pending (R16) or a special procedure is open (R10a). Extensions (R12) and force-majeure delays
 * (R13) replace dueAt itself (with a new deadline version), so the old due instant yields nothing
 * and the new one fires like any other (source 第四篇 三(一): not decided "在延期承诺时限内").
 */
export function deemedConsentDue(item: RunningItem, now: Date): boolean {
  if (item.status !== 'in_review' || item.dueAt === null) return false;
  if (item.holds?.deadlineExplanationPending || item.holds?.specialProcedureOpen) return false;
  return now.getTime() >= item.dueAt.getTime();
}

/** R18: a refusal must cite its legal basis. Returns the problem, or null when the decision may stand. */
export function decisionBasisError(outcome: DecisionOutcome, basis: string | null | undefined): string | null {
  if (outcome === 'rejected' && !basis?.trim()) return 'A rejection must state its legal basis';
  return null;
}

export interface RuleProblem extends FieldProblem {
  /** The rule that refuses, e.g. 'R12' (problem+json "rule"). */
  rule?: string;
  /** conflict: the item's state forbids it (409); otherwise bad input (400). */
  conflict?: boolean;
}

/**
 * R12 extension / R13 delay: only an undecided, running item; the new due instant lies in the
 * future and after the current one. Once the due instant has passed with nothing holding it,
 * consent is already deemed (R14) and cannot be taken back by moving the deadline.
 */
export function rescheduleError(item: RunningItem, newDueAt: Date, now: Date): RuleProblem | null {
  if (item.status !== 'in_review' || item.dueAt === null) {
    return {
      field: 'item',
      code: 'item.not_running',
      message: `An item in state "${item.status}" has no running deadline to move`,
      conflict: true,
    };
  }
  if (deemedConsentDue(item, now)) {
    return {
      field: 'item',
      code: 'item.deemed_consent',
      message: 'The deadline has passed: the department is deemed to consent (R14)',
      conflict: true,
    };
  }
  if (newDueAt.getTime() <= now.getTime())
    return { field: 'newDueAt', code: 'due.not_future', message: 'The new due time must lie in the future' };
  if (newDueAt.getTime() <= item.dueAt.getTime())
    return { field: 'newDueAt', code: 'due.not_later', message: 'The new due time must be later than the current one' };
  return null;
}

/**
 * R16: a department files a written explanation before its deadline, or before a meeting closes
 * (`meetingOpen`: the meeting it concerns is scheduled or open). One pending explanation per item.
 */
export function explanationFilingError(
  item: RunningItem & { explanationPending: boolean },
  about: { meetingOpen: boolean } | null,
  now: Date,
): RuleProblem | null {
  if (item.status === 'approved' || item.status === 'rejected' || item.status === 'deemed_consent') {
    return { field: 'item', code: 'item.decided', message: `The item is already decided ("${item.status}")`, conflict: true };
  }
  if (item.explanationPending)
    return { field: 'item', code: 'explanation.pending', message: 'An explanation already awaits a ruling', conflict: true };
  if (about) {
    if (!about.meetingOpen)
      return {
        field: 'meetingId',
        code: 'explanation.meeting_over',
        message: 'The meeting is over: explain before it closes',
        conflict: true,
      };
    return null;
  }
  if (item.status !== 'in_review' || item.dueAt === null) {
    return { field: 'item', code: 'item.not_running', message: 'Only an accepted item has a deadline to explain', conflict: true };
  }
  if (now.getTime() >= item.dueAt.getTime()) {
    return { field: 'item', code: 'explanation.too_late', message: 'The deadline has passed: explain before it (R16)', conflict: true };
  }
  return null;
}

/** What a leader's ruling on a written explanation does (R16). */
export type RulingEffect =
  | { kind: 'none' }
  /** Accepted: the leader's new due instant replaces the old one (R12). */
  | { kind: 'reschedule'; newDueAt: Date }
  /**
   * Rejected after the deadline (or the meeting it excused) has passed: deemed consent at once —
   * 'explanation_rejected' for a deadline explanation, taking effect at the due instant (R17).
   */
  | { kind: 'deem'; cause: 'timeout' | 'absence' | 'explanation_rejected' };

/**
 * R16 ruling table. `aboutMeeting`: the explanation excuses absence from a meeting or inspection;
 * `absentFromClosedMeeting`: that meeting closed with the department absent, its R15 consequence
 * waiting for this ruling.
 */
export function rulingEffect(
  ruling: Ruling,
  item: { status: ItemStatus; dueAt: Date | null },
  context: { newDueAt: Date | null; aboutMeeting: boolean; absentFromClosedMeeting: boolean },
  now: Date,
): { effect: RulingEffect } | { problem: RuleProblem } {
  if (item.status !== 'in_review' || item.dueAt === null) return { effect: { kind: 'none' } };
  const passed = now.getTime() >= item.dueAt.getTime();
  if (ruling === 'accepted') {
    if (context.newDueAt !== null) {
      if (context.newDueAt.getTime() <= now.getTime())
        return { problem: { field: 'newDueAt', code: 'due.not_future', message: 'The new due time must lie in the future' } };
      return { effect: { kind: 'reschedule', newDueAt: context.newDueAt } };
    }
    // A meeting excuse while the deadline still runs needs no new due time; anything else does.
    if (context.aboutMeeting && !passed) return { effect: { kind: 'none' } };
    return { problem: { field: 'newDueAt', code: 'due.required', message: 'Accepting sets the new due time (R12)' } };
  }
  if (context.absentFromClosedMeeting) return { effect: { kind: 'deem', cause: 'absence' } };
  if (passed) return { effect: { kind: 'deem', cause: context.aboutMeeting ? 'timeout' : 'explanation_rejected' } };
  return { effect: { kind: 'none' } };
}
