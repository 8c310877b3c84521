import type { CivilDate } from './calendar-data';

const MS_PER_DAY = 86_400_000;
// Years 0000–9999 as four digits; beyond them ISO 8601's expanded form (±YYYYYY), as
// Date#toISOString writes it, so every instant a Date can hold has a civil date (R11: total).
const CIVIL_DATE = /^(\d{4}|[+-]\d{6})-(\d{2})-(\d{2})$/;

export interface CivilDateParts {
  year: number;
  month: number;
  day: number;
}

/** Splits a 'YYYY-MM-DD' civil date; throws if it is not a real calendar date. */
export function civilDateParts(date: CivilDate): CivilDateParts {
  const match = CIVIL_DATE.exec(date);
  if (match) {
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const probe = new Date(utcDay(year, month, day));
    // Date.UTC rolls 02-30 over into March: a real date survives the round trip.
    // and one date has one spelling (no '+002026', no '-000000').
    if (probe.getUTCMonth() === month - 1 && probe.getUTCDate() === day && formatCivilDate(year, month, day) === date) {
      return { year, month, day };
    }
  }
  throw new RangeError(`Not a civil date (YYYY-MM-DD): "${date}"`);
}

export function isCivilDate(value: string): boolean {
  try {
    civilDateParts(value);
    return true;
  } catch {
    return false;
  }
}

export function formatCivilDate(year: number, month: number, day: number): CivilDate {
  const yyyy =
    year >= 0 && year <= 9999 ? String(year).padStart(4, '0') : `${year < 0 ? '-' : '+'}${String(Math.abs(year)).padStart(6, '0')}`;
  return `${yyyy}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Date.UTC without its quirk of reading years 0–99 as 1900–1999 (month 1–12). */
export function utcDay(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): number {
  const d = new Date(Date.UTC(2000, 0, 1, hour, minute, second));
  d.setUTCFullYear(year, month - 1, day);
  return d.getTime();
}

// Civil-date arithmetic runs on UTC day numbers: pure counting, no time zone involved.
function dayNumber(date: CivilDate): number {
  const { year, month, day } = civilDateParts(date);
  return utcDay(year, month, day) / MS_PER_DAY;
}

function fromDayNumber(days: number): CivilDate {
  const d = new Date(days * MS_PER_DAY);
  return formatCivilDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

export function addCalendarDays(date: CivilDate, days: number): CivilDate {
  return fromDayNumber(dayNumber(date) + days);
}

/** Days from a to b (negative when b is earlier). */
export function daysBetween(a: CivilDate, b: CivilDate): number {
  return dayNumber(b) - dayNumber(a);
}

/** Order of two civil dates; use it, not string comparison, once years may leave 0000–9999. */
export function compareCivilDates(a: CivilDate, b: CivilDate): number {
  return Math.sign(daysBetween(b, a));
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(date: CivilDate): number {
  return new Date(dayNumber(date) * MS_PER_DAY).getUTCDay();
}

export function yearOf(date: CivilDate): number {
  return civilDateParts(date).year;
}
