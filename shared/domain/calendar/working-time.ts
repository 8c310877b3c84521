import { addCalendarDays, compareCivilDates } from './civil-date';
import { civilDateOf, zonedInstant } from './time-zone';
import { isWorkingDay, type WorkingCalendar } from './working-calendar';

/**
 * R21: the time between two instants that falls on working days (R11), in ms. Weekends and
 * holidays do not count; a working day counts whole (the calendar knows days, not office hours).
 */
export function workingMsBetween(from: Date, to: Date, cal: WorkingCalendar, timeZone: string): number {
  if (to.getTime() <= from.getTime()) return 0;
  const last = civilDateOf(to, timeZone);
  let total = 0;
  for (let date = civilDateOf(from, timeZone); ; date = addCalendarDays(date, 1)) {
    if (isWorkingDay(date, cal)) {
      const start = Math.max(from.getTime(), zonedInstant(date, '00:00', timeZone).getTime());
      const end = Math.min(to.getTime(), zonedInstant(date, '24:00', timeZone).getTime());
      if (end > start) total += end - start;
    }
    if (compareCivilDates(date, last) >= 0) return total;
  }
}
