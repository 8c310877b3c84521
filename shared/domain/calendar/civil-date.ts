import type { CivilDate } from './calendar-data';

const MS_PER_DAY = 86_400_000;
const CIVIL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

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
    const probe = new Date(Date.UTC(year, month - 1, day));
    // Date.UTC rolls 02-30 over into March: a real date survives the round trip.
    if (probe.getUTCMonth() === month - 1 && probe.getUTCDate() === day) {
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
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

// Civil-date arithmetic runs on UTC day numbers: pure counting, no time zone involved.
function dayNumber(date: CivilDate): number {
  const { year, month, day } = civilDateParts(date);
  return Date.UTC(year, month - 1, day) / MS_PER_DAY;
}

function fromDayNumber(days: number): CivilDate {
  const d = new Date(days * MS_PER_DAY);
  return formatCivilDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

export function addCalendarDays(date: CivilDate, days: number): CivilDate {
  return fromDayNumber(dayNumber(date) + days);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(date: CivilDate): number {
  return new Date(dayNumber(date) * MS_PER_DAY).getUTCDay();
}

export function yearOf(date: CivilDate): number {
  return civilDateParts(date).year;
}
