import type { DeadlineExplanation, ExplainedDay } from '../../contracts/calendar';
import type { CalendarSettings, CivilDate } from './calendar-data';
import { addCalendarDays, daysBetween, yearOf } from './civil-date';
import { civilDateOf, zonedInstant } from './time-zone';
import { addWorkingDays, dayInfo, isCalendarYear, workingDaysAfter, type WorkingCalendar } from './working-calendar';

export interface DueInstant {
  dueAt: Date;
  /** The last working day, in the center's zone. */
  dueDate: CivilDate;
  /** R11: some day from acceptance to due date lies in a provisional year. */
  provisional: boolean;
  /**
   * R11: some day from acceptance to due date lies outside the years the calendar covers, where
   * only weekends are known (always provisional too). The server refuses to set such a deadline.
   */
  outsideCalendar: boolean;
}

/**
 * R10 Decision: the acceptance day is not counted; the item is due at the end of day
 * (settings.endOfDay, default 24:00) of the n-th working day after it, in the center's zone.
 */
export function dueInstant(
  from: Date,
  cal: WorkingCalendar,
  settings: CalendarSettings,
  workingDays: number = settings.workingDaysAllowed,
): DueInstant {
  const acceptanceDate = civilDateOf(from, settings.timeZone);
  const dueDate = addWorkingDays(acceptanceDate, workingDays, cal);
  const [first, last] = [yearOf(acceptanceDate), yearOf(dueDate)];
  const outsideCalendar = !isCalendarYear(first) || !isCalendarYear(last);
  return {
    dueAt: zonedInstant(dueDate, settings.endOfDay, settings.timeZone),
    dueDate,
    provisional: outsideCalendar || spansProvisionalYear(first, last, cal),
    outsideCalendar,
  };
}

/** Years first..last within the calendar (the caller has checked both ends are). */
function spansProvisionalYear(first: number, last: number, cal: WorkingCalendar): boolean {
  for (let year = first; year <= last; year++) {
    if (cal.yearStatus(year) === 'provisional') return true;
  }
  return false;
}

/** R11: every deadline explains itself: the acceptance day, then each day counted or skipped and why. */
export function explainDeadline(
  from: Date,
  workingDays: number,
  cal: WorkingCalendar,
  settings: CalendarSettings,
): DeadlineExplanation {
  const { dueAt, dueDate, provisional } = dueInstant(from, cal, settings, workingDays);
  const acceptanceDate = civilDateOf(from, settings.timeZone);
  const days: ExplainedDay[] = [{ date: acceptanceDate, counted: false, reason: 'acceptance_day' }];
  for (let i = 1, date = addCalendarDays(acceptanceDate, 1); i <= daysBetween(acceptanceDate, dueDate); i++, date = addCalendarDays(date, 1)) {
    const { working, reason, name } = dayInfo(date, cal);
    days.push(name === undefined ? { date, counted: working, reason } : { date, counted: working, reason, name });
  }
  return { from: from.toISOString(), workingDays, dueAt: dueAt.toISOString(), provisional, days };
}

export interface Countdown {
  overdue: boolean;
  /** dueAt − now; negative once overdue. */
  msLeft: number;
  /** The last working day: the civil date just before dueAt. */
  dueDate: CivilDate;
  dueToday: boolean;
  /** Working days after today up to and including the due date (0 on the due day). */
  workingDaysLeft: number;
  /** R11: the due date lies outside the years the calendar covers: show it as provisional. */
  outsideCalendar: boolean;
}

/** The board's live countdown (R14a), same math as the server. */
export function countdown(now: Date, dueAt: Date, cal: WorkingCalendar, settings: CalendarSettings): Countdown {
  const overdue = now.getTime() >= dueAt.getTime();
  // dueAt is the end of its day (24:00 = next day's 00:00): the day it ends is one ms earlier.
  const dueDate = civilDateOf(new Date(dueAt.getTime() - 1), settings.timeZone);
  const today = civilDateOf(now, settings.timeZone);
  return {
    overdue,
    msLeft: dueAt.getTime() - now.getTime(),
    dueDate,
    dueToday: !overdue && today === dueDate,
    workingDaysLeft: workingDaysAfter(today, dueDate, cal),
    outsideCalendar: !isCalendarYear(yearOf(dueDate)),
  };
}
