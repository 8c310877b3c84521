import type { DayReason } from '../../contracts/calendar';
import type { CalendarData, CalendarDayRule, CivilDate, YearStatus } from './calendar-data';
import { addCalendarDays, civilDateParts, weekdayOf, yearOf } from './civil-date';
import { LUNAR_TABLE_LAST_YEAR } from './lunar-table';
import { statutoryHolidays } from './statutory-holidays';

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

  const yearStatus = (year: number): YearStatus => statuses.get(year) ?? 'provisional';

  // Each year is compiled on first use: provisional years need the statutory table, which
  // throws outside its range, and only for years actually asked about.
  const compiled = new Map<number, ReadonlyMap<CivilDate, CalendarDayRule>>();
  const rulesOf = (year: number): ReadonlyMap<CivilDate, CalendarDayRule> => {
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

/** R11: whether a date is worked, and why. */
export function dayInfo(date: CivilDate, cal: WorkingCalendar): DayInfo {
  const rule = cal.ruleOn(date);
  if (rule?.kind === 'holiday') return { working: false, reason: 'public_holiday', name: rule.name };
  if (rule?.kind === 'workday') return { working: true, reason: 'make_up_working_day', name: rule.name };
  const weekday = weekdayOf(date);
  return weekday === 0 || weekday === 6
    ? { working: false, reason: 'weekend' }
    : { working: true, reason: 'working_day' };
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
  for (let counted = 0; counted < n; ) {
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
