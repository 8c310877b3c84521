import type { CivilDate } from './calendar-data';
import { addCalendarDays, civilDateParts, formatCivilDate, utcDay } from './civil-date';

// Formatters are costly to build; one per zone is enough.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      era: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The wall-clock reading of an instant in a zone, as if that reading were UTC (ms). */
function wallClock(instant: Date, timeZone: string): number {
  const parts: Record<string, number> = {};
  let bc = false;
  for (const { type, value } of formatterFor(timeZone).formatToParts(instant)) {
    if (type === 'era') bc = value === 'BC';
    else parts[type] = Number(value);
  }
  // The formatter counts years by era (1 BC, 2 BC, …); astronomically those are 0, -1, ….
  const year = bc ? 1 - parts['year'] : parts['year'];
  return utcDay(year, parts['month'], parts['day'], parts['hour'], parts['minute'], parts['second']);
}

/** The civil date of an instant in the center's zone; never server-local Date math. */
export function civilDateOf(instant: Date, timeZone: string): CivilDate {
  if (Number.isNaN(instant.getTime())) throw new RangeError('Invalid instant');
  const wall = new Date(wallClock(instant, timeZone));
  return formatCivilDate(wall.getUTCFullYear(), wall.getUTCMonth() + 1, wall.getUTCDate());
}

const TIME_OF_DAY = /^([01]\d|2[0-3]):([0-5]\d)$|^24:00$/;

/** The instant a zone's clocks read `time` ('HH:MM'; '24:00' is the next day's 00:00) on `date`. */
export function zonedInstant(date: CivilDate, time: string, timeZone: string): Date {
  if (!TIME_OF_DAY.test(time)) throw new RangeError(`Not a time of day (HH:MM or 24:00): "${time}"`);
  const [hour, minute] = time === '24:00' ? [0, 0] : time.split(':').map(Number);
  const day = time === '24:00' ? addCalendarDays(date, 1) : date;
  const { year, month, day: dayOfMonth } = civilDateParts(day);
  const wanted = utcDay(year, month, dayOfMonth, hour, minute);
  // Guess with the offset at the wanted reading, then correct once with the offset at the
  // guess: exact except inside a DST gap, where it lands on the nearest real instant.
  const offsetAt = (instant: number) => wallClock(new Date(instant), timeZone) - instant;
  const guess = wanted - offsetAt(wanted);
  return new Date(wanted - offsetAt(guess));
}

/** 'YYYY-MM-DDTHH:mm' as a clock on the wall of the zone reads the instant (forms' datetime-local). */
export function wallClockText(instant: Date, timeZone: string): string {
  return new Date(wallClock(instant, timeZone)).toISOString().slice(0, -8); // drop ':ss.sssZ' (years may be ±YYYYYY)
}

/** The instant a wall-clock reading 'YYYY-MM-DDTHH:mm' names in the zone; null when malformed. */
export function instantOfWallClock(text: string, timeZone: string): Date | null {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})$/.exec(text);
  if (!m) return null;
  try {
    return zonedInstant(m[1]!, m[2]!, timeZone);
  } catch {
    return null;
  }
}
