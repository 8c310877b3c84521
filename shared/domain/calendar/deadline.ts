import type { DeadlineExplanation, ExplainedDay } from '../../contracts/calendar';
import type { CalendarSettings, CivilDate } from './calendar-data';
import { addCalendarDays, yearOf } from './civil-date';
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
  return { dueAt: zonedInstant(dueDate, settings.endOfDay, settings.timeZone), dueDate, ...calendarSpan(acceptanceDate, dueDate, cal) };
}

/** R11: whether the days from acceptance to due date touch a provisional year, or one the calendar does not cover. */
function calendarSpan(
  acceptanceDate: CivilDate,
  dueDate: CivilDate,
  cal: WorkingCalendar,
): Pick<DueInstant, 'provisional' | 'outsideCalendar'> {
  const [first, last] = [yearOf(acceptanceDate), yearOf(dueDate)];
  const outsideCalendar = !isCalendarYear(first) || !isCalendarYear(last);
  return { provisional: outsideCalendar || spansProvisionalYear(first, last, cal), outsideCalendar };
}

/** Years first..last within the calendar (the caller has checked both ends are). */
function spansProvisionalYear(first: number, last: number, cal: WorkingCalendar): boolean {
  for (let year = first; year <= last; year++) {
    if (cal.yearStatus(year) === 'provisional') return true;
  }
  return false;
}

const MAX_DAYS_UNCOUNTED = 366;

/** R10a: a period of a special procedure on an item (听证、招标、拍卖、检验、检测、检疫、鉴定、专家评审). */
export interface ClockStop {
  /** Its name as printed, e.g. "专家评审". */
  name: string;
  startsAt: Date;
  /** Exclusive. */
  endsAt: Date;
}

/**
 * R10a: the special procedure covering a civil date, if any. The calendar counts whole days (see
 * working-time.ts), so a working day a period touches is not counted — the clock stops for it.
 */
function stopOn(date: CivilDate, stops: readonly ClockStop[], timeZone: string): ClockStop | undefined {
  const start = zonedInstant(date, '00:00', timeZone).getTime();
  const end = zonedInstant(date, '24:00', timeZone).getTime();
  return stops.find((s) => s.startsAt.getTime() < end && s.endsAt.getTime() > start);
}

/**
 * R11 + R10a: every deadline explains itself day by day: the acceptance day, then each day counted
 * or skipped and why — weekend, which holiday, or which special procedure stopped the clock. With
 * stops the due instant moves by the working days they covered.
 */
export function explainDeadline(
  from: Date,
  workingDays: number,
  cal: WorkingCalendar,
  settings: CalendarSettings,
  stops: readonly ClockStop[] = [],
): DeadlineExplanation {
  const acceptanceDate = civilDateOf(from, settings.timeZone);
  const days: ExplainedDay[] = [{ date: acceptanceDate, counted: false, reason: 'acceptance_day' }];
  let date = acceptanceDate;
  for (let counted = 0, idle = 0; counted < workingDays;) {
    date = addCalendarDays(date, 1);
    const { working, reason, name } = dayInfo(date, cal);
    const stop = working ? stopOn(date, stops, settings.timeZone) : undefined;
    if (stop) {
      // A stop is a finite period, so it cannot keep this loop going for ever.
      days.push({ date, counted: false, reason: 'special_procedure', name: stop.name });
      continue;
    }
    if (working) {
      counted++;
      idle = 0;
    } else if (++idle > MAX_DAYS_UNCOUNTED) {
      // Like addWorkingDays: a calendar without a working day for a year is broken data.
      throw new RangeError(`No counted working day in the ${MAX_DAYS_UNCOUNTED} days before ${date}`);
    }
    days.push(name === undefined ? { date, counted: working, reason } : { date, counted: working, reason, name });
  }
  const dueAt = zonedInstant(date, settings.endOfDay, settings.timeZone);
  return {
    from: from.toISOString(),
    workingDays,
    dueAt: dueAt.toISOString(),
    provisional: calendarSpan(acceptanceDate, date, cal).provisional,
    days,
  };
}

/** R10 + R10a: the due instant with the special procedures' working days not counted. */
export function dueInstantWithStops(
  from: Date,
  cal: WorkingCalendar,
  settings: CalendarSettings,
  stops: readonly ClockStop[],
  workingDays: number = settings.workingDaysAllowed,
): DueInstant {
  const explained = explainDeadline(from, workingDays, cal, settings, stops);
  const dueDate = explained.days[explained.days.length - 1]!.date;
  return { dueAt: new Date(explained.dueAt), dueDate, ...calendarSpan(civilDateOf(from, settings.timeZone), dueDate, cal) };
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
