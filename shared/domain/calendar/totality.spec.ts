import fc from 'fast-check';
import { DEFAULT_CALENDAR_SETTINGS as settings } from './calendar-data';
import {
  addCalendarDays,
  civilDateParts,
  compareCivilDates,
  daysBetween,
  formatCivilDate,
  isCivilDate,
  weekdayOf,
  yearOf,
} from './civil-date';
import { countdown, dueInstant, explainDeadline } from './deadline';
import { isWarned, warningStartsAt } from './early-warning';
import { SHIPPED_CALENDAR } from './shipped-calendar';
import { civilDateOf, wallClockText, zonedInstant } from './time-zone';
import { addWorkingDays, buildCalendar, dayInfo, isCalendarYear, workingDaysAfter, yearStatus } from './working-calendar';
import { workingMsBetween } from './working-time';

const cal = buildCalendar(SHIPPED_CALENDAR);
const YEAR_MS = 365.2425 * 86_400_000;
/** Instants a JS Date can hold, kept a year away from its ±275,760-year edge so a deadline still fits. */
const anyInstant = fc.integer({ min: -8.6e15 + YEAR_MS, max: 8.6e15 - YEAR_MS }).map((ms) => new Date(ms));
const utcYearStart = (year: number) => {
  const d = new Date(0);
  d.setUTCFullYear(year, 0, 1);
  return d;
};
const EXTREME_YEARS = [-1, 0, 1, 99, 100, 1900, 1970, 2024, 2099, 2100, 9999, 10000, 275000];
/** Instants in and around the years the calendar does not know (and its edges). */
const extremeInstant = fc
  .tuple(fc.constantFrom(...EXTREME_YEARS), fc.integer({ min: -40 * 86_400_000, max: 400 * 86_400_000 }))
  .map(([year, offset]) => new Date(utcYearStart(year).getTime() + offset));
const instant = fc.oneof(anyInstant, extremeInstant);

describe('civil dates in any year (R11 totality)', () => {
  it.each([
    [1, '0001-01-01'],
    [1900, '1900-01-01'],
    [9999, '9999-01-01'],
    [10000, '+010000-01-01'],
    [-1, '-000001-01-01'],
  ])('R11: year %i is a civil date %s that round-trips, counts days and knows its weekday', (year, date) => {
    expect(formatCivilDate(year, 1, 1)).toBe(date);
    expect(civilDateParts(date)).toEqual({ year, month: 1, day: 1 });
    expect(addCalendarDays(addCalendarDays(date, 400), -400)).toBe(date);
    expect(weekdayOf(date)).toBe(utcYearStart(year).getUTCDay());
  });

  it('R11: years 0–99 are not read as 1900–1999', () => {
    expect(addCalendarDays('0050-12-31', 1)).toBe('0051-01-01');
    expect(civilDateOf(utcYearStart(50), 'UTC')).toBe('0050-01-01');
    expect(zonedInstant('0050-01-01', '00:00', 'UTC').getTime()).toBe(utcYearStart(50).getTime());
  });

  it.each(['2026-02-30', '2026-13-01', '+002026-01-01', '-000000-01-01', '26-01-01', '', 'nonsense'])(
    'R11: "%s" is not a civil date',
    (text) => {
      expect(isCivilDate(text)).toBe(false);
    },
  );

  it('R11: civilDateOf, zonedInstant and compare agree for every instant a Date can hold', () => {
    fc.assert(
      fc.property(instant, (at) => {
        const date = civilDateOf(at, settings.timeZone);
        const start = zonedInstant(date, '00:00', settings.timeZone);
        const end = zonedInstant(date, '24:00', settings.timeZone);
        expect(start.getTime()).toBeLessThanOrEqual(at.getTime());
        expect(end.getTime()).toBeGreaterThan(at.getTime());
        expect(compareCivilDates(date, addCalendarDays(date, 1))).toBe(-1);
        expect(daysBetween(date, addCalendarDays(date, 3))).toBe(3);
        expect(wallClockText(at, settings.timeZone).slice(0, -6)).toBe(date);
      }),
    );
  });
});

describe('the calendar outside its years (R11 totality)', () => {
  it('R11: every day outside 2025–2099 is a weekday or a weekend, provisional, never an error', () => {
    fc.assert(
      fc.property(instant, (at) => {
        const date = civilDateOf(at, settings.timeZone);
        const year = yearOf(date);
        const info = dayInfo(date, cal);
        if (!isCalendarYear(year)) {
          expect(info.reason).toBe([0, 6].includes(weekdayOf(date)) ? 'weekend' : 'working_day');
          expect(yearStatus(year, cal)).toBe('provisional');
        }
      }),
    );
  });

  it('R11: dueInstant, explainDeadline and countdown are total, and flag a deadline outside the calendar', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 30 }), (from, n) => {
        const due = dueInstant(from, cal, settings, n);
        const outside = !isCalendarYear(yearOf(civilDateOf(from, settings.timeZone))) || !isCalendarYear(yearOf(due.dueDate));
        expect(due.outsideCalendar).toBe(outside);
        if (outside) expect(due.provisional).toBe(true);
        const explained = explainDeadline(from, n, cal, settings);
        expect(explained.dueAt).toBe(due.dueAt.toISOString());
        expect(explained.days.filter((d) => d.counted)).toHaveLength(n);
        const left = countdown(from, due.dueAt, cal, settings);
        expect(left.workingDaysLeft).toBe(n);
        expect(left.outsideCalendar).toBe(!isCalendarYear(yearOf(due.dueDate)));
        expect(warningStartsAt(due.dueAt, cal, { ...settings, warningWorkingDays: 1 }, from).getTime()).toBeLessThanOrEqual(
          due.dueAt.getTime(),
        );
        expect(workingMsBetween(from, due.dueAt, cal, settings.timeZone)).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  it('R11: a countdown to a due date thousands of years away is quick and counts weekdays', () => {
    fc.assert(
      fc.property(instant, instant, (now, dueAt) => {
        const left = countdown(now, dueAt, cal, settings);
        expect(left.overdue).toBe(now.getTime() >= dueAt.getTime());
        expect(Number.isInteger(left.workingDaysLeft) && left.workingDaysLeft >= 0).toBe(true);
        expect(isWarned({ status: 'in_review', dueAt, acceptedAt: now }, now, cal, settings)).toEqual(expect.any(Boolean));
      }),
      { numRuns: 200 },
    );
    // 2100-01-01 (Friday) through 2100-01-31: 21 weekdays; 9999 years of weekends only stay countable.
    expect(workingDaysAfter('2099-12-31', '2100-01-31', cal)).toBe(21);
    expect(workingDaysAfter('0001-01-01', '0001-01-08', cal)).toBe(5);
    expect(workingDaysAfter('2026-01-01', '2026-01-01', cal)).toBe(0);
    expect(workingDaysAfter('9999-12-31', '2026-01-01', cal)).toBe(0);
  });

  it('R11: with the calendar, the count beyond it matches a day-by-day count', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2090 * 366, max: 2110 * 366 }), fc.integer({ min: 0, max: 900 }), (base, span) => {
        const after = addCalendarDays('0000-01-01', base);
        const upTo = addCalendarDays(after, span);
        let slow = 0;
        for (let i = 1; i <= span; i++) if (dayInfo(addCalendarDays(after, i), cal).working) slow++;
        expect(workingDaysAfter(after, upTo, cal)).toBe(slow);
      }),
      { numRuns: 50 },
    );
  });

  it('R11: addWorkingDays steps from year 9999 into 10000 and from 1 BC into AD 1', () => {
    expect(addWorkingDays('9999-12-31', 1, cal)).toBe('+010000-01-03'); // a Friday: next working day is Monday
    expect(addWorkingDays('-000001-12-31', 1, cal)).toBe('0000-01-03');
  });
});
