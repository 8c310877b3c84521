import type { DelayCause, ExplanationKind } from '../../contracts/deadlines';
import type { CalendarSettings, CivilDate } from '../calendar/calendar-data';
import { addCalendarDays, yearOf } from '../calendar/civil-date';
import { dueInstant } from '../calendar/deadline';
import { civilDateOf } from '../calendar/time-zone';
import { isWorkingDay, type WorkingCalendar } from '../calendar/working-calendar';
import type { DeadlineHolds, RuleProblem } from './deemed-consent';

/**
 * Bounds on moving a due instant and on rulings (R12, R13, R16). Each is a setting of the center
 * with this default; the values are read from here until the settings form carries them.
 */
export const DEADLINE_LIMITS = {
  /** R12 Decision: all extensions of one item together add at most this many working days. */
  extensionWorkingDays: 10,
  /** R16 Decision: a leader rules on a written explanation within this many working days of the filing. */
  rulingWorkingDays: 1,
  /** R13 Decision: a network-outage delay may be recorded up to this many working days after the outage. */
  outageRecordingWorkingDays: 1,
} as const;

export type DeadlineLimits = { [K in keyof typeof DEADLINE_LIMITS]: number };

/** The civil date a due instant ends (24:00 is the next day's 00:00: the day is one ms earlier). */
export function dueDateOf(dueAt: Date, timeZone: string): CivilDate {
  return civilDateOf(new Date(dueAt.getTime() - 1), timeZone);
}

/**
 * R12: the working days a move of the due instant adds — the working days after the old due date
 * up to and including the new one (0 when the new due date is not later).
 */
export function workingDaysAdded(fromDueAt: Date, toDueAt: Date, cal: WorkingCalendar, timeZone: string): number {
  const last = dueDateOf(toDueAt, timeZone);
  let added = 0;
  for (let date = addCalendarDays(dueDateOf(fromDueAt, timeZone), 1); date <= last; date = addCalendarDays(date, 1)) {
    if (isWorkingDay(date, cal)) added++;
  }
  return added;
}

/** A proposed move of an item's due instant (R12 extension, R13 delay, R16 accepted explanation). */
export interface DeadlineMove {
  currentDueAt: Date;
  newDueAt: Date;
  /** Working days already added to this item by earlier moves (deadline_changes). */
  usedWorkingDays: number;
}

/**
 * R12/R13 Decision: 适当延长 is bounded. No due instant beyond the last year the calendar knows, and
 * all moves of one item together add at most `limits.extensionWorkingDays` working days. One budget
 * per item, shared by extensions, force-majeure delays and accepted explanations (R13: "the same
 * bound as R12 applies"; R16: "the leader sets a new due time (R12)").
 */
export function deadlineMoveError(
  move: DeadlineMove,
  cal: WorkingCalendar,
  settings: CalendarSettings,
  limits: DeadlineLimits = DEADLINE_LIMITS,
): RuleProblem | null {
  const year = yearOf(dueDateOf(move.newDueAt, settings.timeZone));
  if (year > cal.lastYear) {
    return {
      rule: 'R12',
      field: 'newDueAt',
      code: 'due.beyond_calendar',
      message: `The new due time lies in ${year}, beyond the last year the calendar knows (${cal.lastYear})`,
    };
  }
  const added = workingDaysAdded(move.currentDueAt, move.newDueAt, cal, settings.timeZone);
  if (move.usedWorkingDays + added > limits.extensionWorkingDays) {
    return {
      rule: 'R12',
      field: 'newDueAt',
      code: 'due.extension_exhausted',
      message:
        `All extensions of one item together add at most ${limits.extensionWorkingDays} working days: ` +
        `${move.usedWorkingDays} already added, this one adds ${added}`,
    };
  }
  return null;
}

/** R13: a network outage, stated with its period. */
export interface OutagePeriod {
  from: Date;
  to: Date;
}

/**
 * R13 Decision: only the three causes; an outage delay states the outage period and may be recorded
 * up to `outageRecordingWorkingDays` working days after the outage ended (the end of that working day).
 */
export function delayCauseError(
  cause: DelayCause,
  outage: Partial<OutagePeriod>,
  now: Date,
  cal: WorkingCalendar,
  settings: CalendarSettings,
  limits: DeadlineLimits = DEADLINE_LIMITS,
): RuleProblem | null {
  if (cause !== 'network_outage') {
    if (outage.from || outage.to)
      return { rule: 'R13', field: 'outageFrom', code: 'outage.not_for_cause', message: 'Only a network outage states an outage period' };
    return null;
  }
  if (!outage.from)
    return {
      rule: 'R13',
      field: 'outageFrom',
      code: 'outage.start_required',
      message: 'A network-outage delay states when the outage began',
    };
  if (!outage.to)
    return { rule: 'R13', field: 'outageTo', code: 'outage.end_required', message: 'A network-outage delay states when the outage ended' };
  if (outage.to.getTime() <= outage.from.getTime())
    return { rule: 'R13', field: 'outageTo', code: 'outage.order', message: 'The outage ends after it began' };
  if (outage.from.getTime() > now.getTime())
    return { rule: 'R13', field: 'outageFrom', code: 'outage.not_begun', message: 'The outage has not begun yet' };
  if (now.getTime() >= outageRecordableUntil(outage.to, cal, settings, limits).getTime()) {
    return {
      rule: 'R13',
      field: 'outageTo',
      code: 'outage.too_late',
      message: `An outage delay may be recorded up to ${limits.outageRecordingWorkingDays} working day(s) after the outage`,
    };
  }
  return null;
}

/** R13: the end of the last working day on which an outage ending at `to` may still be recorded. */
export function outageRecordableUntil(
  to: Date,
  cal: WorkingCalendar,
  settings: CalendarSettings,
  limits: DeadlineLimits = DEADLINE_LIMITS,
): Date {
  return dueInstant(to, cal, settings, limits.outageRecordingWorkingDays).dueAt;
}

/**
 * R13 Decision: a deemed consent (R14 timeout) whose legal instant lies inside the outage period is
 * undone by the delay (with a correction notice, R17). Meeting absences (R15) are not.
 */
export function outageUndoesDeemedConsent(deemed: { cause: string; effectiveAt: Date }, outage: OutagePeriod): boolean {
  const at = deemed.effectiveAt.getTime();
  return deemed.cause === 'timeout' && at >= outage.from.getTime() && at <= outage.to.getTime();
}

/** R16 Decision: an explanation about a meeting is a meeting excuse; any other is a deadline explanation. */
export function explanationKindOf(meetingId: string | null | undefined): ExplanationKind {
  return meetingId ? 'meeting_excuse' : 'deadline';
}

/** R16 Decision: only a pending deadline explanation holds R14; a meeting excuse never does. */
export function explanationHoldsDeadline(pending: { kind: ExplanationKind } | null | undefined): boolean {
  return pending?.kind === 'deadline';
}

/** R14: what holds an item's deadline now — a pending deadline explanation (R16), an open special procedure (R10a). */
export function holdsOf(item: { pendingExplanation?: { kind: ExplanationKind } | null; paused?: object | null }): DeadlineHolds {
  return { deadlineExplanationPending: explanationHoldsDeadline(item.pendingExplanation), specialProcedureOpen: Boolean(item.paused) };
}

/**
 * R16: a held item — past its due instant, its deadline explanation awaiting a ruling — is shown as
 * held ("时限暂停，待裁定"), never as overdue beside a running clock. Before the due instant it runs.
 */
export function isHeld(
  item: { status: string; dueAt: string | null; pendingExplanation?: { kind: ExplanationKind } | null },
  now: Date,
): boolean {
  return (
    item.status === 'in_review' &&
    item.dueAt !== null &&
    now.getTime() >= Date.parse(item.dueAt) &&
    explanationHoldsDeadline(item.pendingExplanation)
  );
}

/** R16 Decision: a leader rules within `rulingWorkingDays` working days of the filing (filing day not counted, like R10). */
export function rulingDueAt(
  filedAt: Date,
  cal: WorkingCalendar,
  settings: CalendarSettings,
  limits: DeadlineLimits = DEADLINE_LIMITS,
): Date {
  return dueInstant(filedAt, cal, settings, limits.rulingWorkingDays).dueAt;
}

/** R16: a pending explanation whose ruling is past due is overdue; it escalates but never decides for the leader. */
export function rulingOverdue(explanation: { status: string; rulingDueAt: Date }, now: Date): boolean {
  return explanation.status === 'pending' && now.getTime() >= explanation.rulingDueAt.getTime();
}
