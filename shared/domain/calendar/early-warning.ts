import type { ItemStatus } from '../approval/item-status';
import type { CalendarSettings } from './calendar-data';
import { addCalendarDays, compareCivilDates } from './civil-date';
import { civilDateOf, zonedInstant } from './time-zone';
import { isWorkingDay, type WorkingCalendar } from './working-calendar';

// Same guard as addWorkingDays: a year without a working day is broken data.
const MAX_DAYS_WITHOUT_WORK = 366;

/**
 * R14a: the first instant at which an item due at `dueAt` has settings.warningWorkingDays or
 * fewer working days left — the start (00:00, center's zone) of the day the board turns it amber.
 * Same count as countdown(): working days after today up to and including the due date. Never
 * earlier than the acceptance day, when given (a threshold as long as the deadline warns at once).
 */
export function warningStartsAt(dueAt: Date, cal: WorkingCalendar, settings: CalendarSettings, acceptedAt?: Date | null): Date {
  const firstDay = acceptedAt ? civilDateOf(acceptedAt, settings.timeZone) : null;
  // dueAt is the end of its day (24:00 = next 00:00): the day it ends is one ms earlier.
  const dueDate = civilDateOf(new Date(dueAt.getTime() - 1), settings.timeZone);
  // Walk back from the due date: on `day`, the days left are those after it; the day before
  // `day` would also count `day` itself when it is worked.
  let day = dueDate;
  let left = 0;
  let idle = 0;
  for (;;) {
    if (firstDay !== null && compareCivilDates(day, firstDay) <= 0) break;
    const worked = isWorkingDay(day, cal);
    if (worked && left + 1 > settings.warningWorkingDays) break;
    if (worked) {
      left++;
      idle = 0;
    } else if (++idle > MAX_DAYS_WITHOUT_WORK) {
      throw new RangeError(`No working day in the ${MAX_DAYS_WITHOUT_WORK} days before ${day}: check the calendar`);
    }
    day = addCalendarDays(day, -1);
  }
  return zonedInstant(day, '00:00', settings.timeZone);
}

/**
 * R14a: the item is in its warning window now — running, not yet past due, and with the warning
 * threshold or fewer working days left. Exactly the board's amber (due_soon) and due_today.
 */
export function isWarned(
  item: { status: ItemStatus; dueAt: Date | null; acceptedAt?: Date | null },
  now: Date,
  cal: WorkingCalendar,
  settings: CalendarSettings,
): boolean {
  if (item.status !== 'in_review' || item.dueAt === null) return false;
  if (now.getTime() >= item.dueAt.getTime()) return false; // R14: red from here on, never amber again
  return now.getTime() >= warningStartsAt(item.dueAt, cal, settings, item.acceptedAt).getTime();
}
