import type { ClockStoppingProcedure } from '../../contracts/deadlines';
import type { CalendarSettings, CivilDate } from '../calendar/calendar-data';
import { addCalendarDays, compareCivilDates, yearOf } from '../calendar/civil-date';
import type { ClockStop } from '../calendar/deadline';
import { civilDateOf, zonedInstant } from '../calendar/time-zone';
import { addWorkingDays, isCalendarYear, isWorkingDay, type WorkingCalendar } from '../calendar/working-calendar';
import { SPECIAL_PROCEDURE_NAMES } from '../documents/document-layout';
import type { ItemStatus } from './item-status';
import { deemedConsentDue, type RuleProblem } from './deemed-consent';
import type { ProblemCode } from '../problems/problem-codes';

/** R10a: the stop as the deadline math and its explanation take it, named as printed ("专家评审"). */
export function clockStopOf(p: { kind: ClockStoppingProcedure; startsAt: Date; endsAt: Date }): ClockStop {
  return { name: SPECIAL_PROCEDURE_NAMES[p.kind], startsAt: p.startsAt, endsAt: p.endsAt };
}

interface ItemForProcedure {
  status: ItemStatus;
  acceptedAt: Date | null;
  dueAt: Date | null;
  /** R16: a pending deadline explanation holds R14 (the item may be past due yet running). */
  deadlineExplanationPending: boolean;
  /** A special procedure is already open on the item. */
  procedureOpen: boolean;
  /** The end of the item's latest ended procedure: periods never overlap. */
  lastEndedAt: Date | null;
}

const r10a = (field: string, code: ProblemCode, message: string, conflict = false): RuleProblem => ({
  rule: 'R10a',
  field,
  code,
  message,
  ...(conflict ? { conflict } : {}),
});

/**
 * R10a: the window records that a special procedure began on a running item: one open at a time,
 * begun after acceptance and before the due instant, not in the future, not inside an earlier period.
 * An item whose deadline already passed with nothing holding it is deemed to consent (R14): too late.
 */
export function procedureStartError(item: ItemForProcedure, startsAt: Date, now: Date): RuleProblem | null {
  if (item.status !== 'in_review' || item.acceptedAt === null || item.dueAt === null) {
    return r10a('item', 'item.not_running', `An item in state "${item.status}" has no running clock to stop`, true);
  }
  if (item.procedureOpen)
    return r10a('item', 'procedure.already_open', 'A special procedure is already open on this item: record its end first', true);
  const holds = { deadlineExplanationPending: item.deadlineExplanationPending };
  if (deemedConsentDue({ status: item.status, dueAt: item.dueAt, holds }, now)) {
    return r10a('item', 'item.deemed_consent', 'The deadline has passed: the department is deemed to consent (R14)', true);
  }
  if (startsAt.getTime() > now.getTime())
    return r10a('startsAt', 'procedure.in_future', 'Record a special procedure when it has begun, not in advance');
  if (startsAt.getTime() < item.acceptedAt.getTime())
    return r10a('startsAt', 'procedure.before_acceptance', 'A special procedure stops the clock only after acceptance started it');
  if (startsAt.getTime() >= item.dueAt.getTime())
    return r10a('startsAt', 'procedure.after_due', 'It must begin before the due instant: the clock had run out by then');
  if (item.lastEndedAt && startsAt.getTime() < item.lastEndedAt.getTime()) {
    return r10a('startsAt', 'procedure.overlaps', 'It must begin after the previous special procedure on this item ended');
  }
  return null;
}

/** R10a: the end of an open period: after its start, not in the future; recorded once. */
export function procedureEndError(procedure: { startsAt: Date; ended: boolean }, endsAt: Date, now: Date): RuleProblem | null {
  if (procedure.ended) return r10a('procedure', 'procedure.ended', 'This special procedure has already ended', true);
  if (endsAt.getTime() <= procedure.startsAt.getTime()) return r10a('endsAt', 'procedure.order', 'It must end after it began');
  if (endsAt.getTime() > now.getTime()) return r10a('endsAt', 'procedure.in_future', 'Record the end when it has happened, not in advance');
  return null;
}

/**
 * R10a + R11: the working days a period stopped the clock for — each working day after the
 * acceptance day that it touches (the calendar counts whole days, as explainDeadline does), less
 * those an earlier period of the item already stopped.
 */
export function stoppedWorkingDays(
  stop: Pick<ClockStop, 'startsAt' | 'endsAt'>,
  acceptedAt: Date,
  earlier: readonly Pick<ClockStop, 'startsAt' | 'endsAt'>[],
  cal: WorkingCalendar,
  timeZone: string,
): CivilDate[] {
  const acceptanceDate = civilDateOf(acceptedAt, timeZone);
  const last = civilDateOf(new Date(stop.endsAt.getTime() - 1), timeZone);
  const touches = (s: Pick<ClockStop, 'startsAt' | 'endsAt'>, date: CivilDate) =>
    s.startsAt.getTime() < zonedInstant(date, '24:00', timeZone).getTime() &&
    s.endsAt.getTime() > zonedInstant(date, '00:00', timeZone).getTime();
  const days: CivilDate[] = [];
  for (let date = civilDateOf(stop.startsAt, timeZone); compareCivilDates(date, last) <= 0; date = addCalendarDays(date, 1)) {
    if (compareCivilDates(date, acceptanceDate) <= 0 || !isWorkingDay(date, cal)) continue;
    if (earlier.some((e) => touches(e, date))) continue;
    days.push(date);
  }
  return days;
}

/**
 * R10a: the due instant moved by `days` working days, keeping its time of day (24:00 stays the end of
 * the new last day; an instant a leader set by hand keeps its hour). Null when the new instant would
 * lie beyond the years the calendar knows (R12 Decision's bound applies to every due instant).
 */
export function dueMovedBy(dueAt: Date, days: number, cal: WorkingCalendar, settings: Pick<CalendarSettings, 'timeZone'>): Date | null {
  if (days === 0) return dueAt;
  // The day the instant belongs to: 24:00 is the end of the day before the next midnight.
  const anchor = civilDateOf(new Date(dueAt.getTime() - 1), settings.timeZone);
  const moved = addWorkingDays(anchor, days, cal);
  if (!isCalendarYear(yearOf(moved))) return null;
  const offset = dueAt.getTime() - zonedInstant(anchor, '00:00', settings.timeZone).getTime();
  return new Date(zonedInstant(moved, '00:00', settings.timeZone).getTime() + offset);
}
