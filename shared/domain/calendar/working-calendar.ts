import type { DayReason } from '../../contracts/calendar';
import type { CalendarData, CalendarDayRule, CivilDate, YearStatus } from './calendar-data';
import { addCalendarDays, civilDateParts, compareCivilDates, daysBetween, formatCivilDate, weekdayOf, yearOf } from './civil-date';
import { LUNAR_TABLE_FIRST_YEAR, LUNAR_TABLE_LAST_YEAR } from './lunar-table';
import { statutoryHolidays } from './statutory-holidays';

/** R11: the years the calendar covers: those the statutory table knows (a provisional year needs it). */
export const CALENDAR_FIRST_YEAR = LUNAR_TABLE_FIRST_YEAR;
export const CALENDAR_LAST_YEAR = LUNAR_TABLE_LAST_YEAR;

export const isCalendarYear = (year: number) => Number.isInteger(year) && year >= CALENDAR_FIRST_YEAR && year <= CALENDAR_LAST_YEAR;

/** A compiled calendar (R11): build it once with buildCalendar(), then ask it about days. */
export interface WorkingCalendar {
  /** The holiday or make-up rule on a date, if any. */
  ruleOn(date: CivilDate): CalendarDayRule | undefined;
  yearStatus(year: number): YearStatus;
  /**
   * R12/R13 Decision: the last year this calendar can answer for — the statutory table's last year,
   * or a later year an admin listed. No due instant may be moved beyond it.
   */
  lastYear: number;
}

/** Why a day is or is not worked; 'acceptance_day' belongs to deadline explanations only. */
export type CalendarDayReason = Exclude<DayReason, 'acceptance_day'>;

export interface DayInfo {
  working: boolean;
  reason: CalendarDayReason;
  /** Holiday or make-up day name, e.g. "春节". */
  name?: string;
}

// A year without a working day means broken calendar data, not a real schedule.
const MAX_DAYS_WITHOUT_WORK = 366;

export function buildCalendar(data: CalendarData): WorkingCalendar {
  const statuses = new Map<number, YearStatus>();
  for (const { year, status } of data.years) statuses.set(year, status);

  const explicitByYear = new Map<number, Map<CivilDate, CalendarDayRule>>();
  for (const rule of data.days) {
    const year = yearOf(rule.date);
    const rules = explicitByYear.get(year) ?? new Map<CivilDate, CalendarDayRule>();
    if (rules.has(rule.date)) throw new RangeError(`Calendar has two rules for ${rule.date}`);
    rules.set(rule.date, rule);
    explicitByYear.set(year, rules);
  }

  // R11: a year outside the calendar is never published: it knows only its weekends (see below).
  const yearStatus = (year: number): YearStatus => (isCalendarYear(year) && statuses.get(year)) || 'provisional';

  // Each year is compiled on first use, and only for years actually asked about.
  const compiled = new Map<number, ReadonlyMap<CivilDate, CalendarDayRule>>();
  const rulesOf = (year: number): ReadonlyMap<CivilDate, CalendarDayRule> => {
    // R11: outside the years the calendar covers (no notice, no statutory table) only weekends are
    // known; deadlines that reach such a year are provisional and flagged outsideCalendar.
    if (!isCalendarYear(year)) return NO_RULES;
    let rules = compiled.get(year);
    if (!rules) {
      const explicit = explicitByYear.get(year) ?? new Map<CivilDate, CalendarDayRule>();
      // R11: a published year is exactly its notice; a provisional one knows the law's holidays,
      // and an admin's explicit rule for a date wins over the statutory one.
      const statutory = yearStatus(year) === 'provisional' ? statutoryHolidays(year) : [];
      rules = new Map([...statutory.map((rule): [CivilDate, CalendarDayRule] => [rule.date, rule]), ...explicit]);
      compiled.set(year, rules);
    }
    return rules;
  };

  return {
    ruleOn: (date) => rulesOf(yearOf(date)).get(date),
    yearStatus,
    lastYear: Math.max(LUNAR_TABLE_LAST_YEAR, ...data.years.map((y) => y.year)),
  };
}

const NO_RULES: ReadonlyMap<CivilDate, CalendarDayRule> = new Map();

/** R11: whether a date is worked, and why. */
export function dayInfo(date: CivilDate, cal: WorkingCalendar): DayInfo {
  const rule = cal.ruleOn(date);
  if (rule?.kind === 'holiday') return { working: false, reason: 'public_holiday', name: rule.name };
  if (rule?.kind === 'workday') return { working: true, reason: 'make_up_working_day', name: rule.name };
  const weekday = weekdayOf(date);
  return weekday === 0 || weekday === 6 ? { working: false, reason: 'weekend' } : { working: true, reason: 'working_day' };
}

export function isWorkingDay(date: CivilDate, cal: WorkingCalendar): boolean {
  return dayInfo(date, cal).working;
}

export function yearStatus(year: number, cal: WorkingCalendar): YearStatus {
  return cal.yearStatus(year);
}

/** The n-th working day strictly after start (R10: the start day itself is never counted); n = 0 is start. */
export function addWorkingDays(start: CivilDate, n: number, cal: WorkingCalendar): CivilDate {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`Working days must be a whole number >= 0, got ${n}`);
  civilDateParts(start); // a malformed start fails even when n = 0
  let date = start;
  let idle = 0;
  for (let counted = 0; counted < n;) {
    date = addCalendarDays(date, 1);
    if (isWorkingDay(date, cal)) {
      counted++;
      idle = 0;
    } else if (++idle > MAX_DAYS_WITHOUT_WORK) {
      throw new RangeError(`No working day in the ${MAX_DAYS_WITHOUT_WORK} days before ${date}: check the calendar`);
    }
  }
  return date;
}

/** Weekdays (Monday–Friday) among the `count` days from `first` on. */
function weekdaysFrom(first: CivilDate, count: number): number {
  const fullWeeks = Math.floor(count / 7);
  let weekdays = fullWeeks * 5;
  for (let i = 0, day = weekdayOf(first); i < count % 7; i++, day = (day + 1) % 7) if (day !== 0 && day !== 6) weekdays++;
  return weekdays;
}

/**
 * R14a: working days strictly after `after` up to and including `upTo` (0 when upTo is not later).
 * Outside the calendar's years only weekends are known, so those stretches are counted in one
 * step: the count stays quick for a date thousands of years away.
 */
export function workingDaysAfter(after: CivilDate, upTo: CivilDate, cal: WorkingCalendar): number {
  let count = 0;
  let date = addCalendarDays(after, 1);
  while (compareCivilDates(date, upTo) <= 0) {
    const year = yearOf(date);
    if (isCalendarYear(year)) {
      if (isWorkingDay(date, cal)) count++;
      date = addCalendarDays(date, 1);
      continue;
    }
    // The rest of this stretch outside the calendar: up to upTo, or the day before the calendar starts.
    const stretchEnd = year < CALENDAR_FIRST_YEAR ? formatCivilDate(CALENDAR_FIRST_YEAR - 1, 12, 31) : upTo;
    const last = compareCivilDates(stretchEnd, upTo) < 0 ? stretchEnd : upTo;
    const days = daysBetween(date, last) + 1;
    count += weekdaysFrom(date, days);
    date = addCalendarDays(last, 1);
  }
  return count;
}
