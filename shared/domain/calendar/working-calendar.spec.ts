import fc from 'fast-check';
import type { CalendarData } from './calendar-data';
import { addCalendarDays } from './civil-date';
import { SHIPPED_CALENDAR } from './shipped-calendar';
import { addWorkingDays, buildCalendar, dayInfo, isWorkingDay, yearStatus } from './working-calendar';

const cal = buildCalendar(SHIPPED_CALENDAR);

// Days from 2025-01-01 into 2030: published and provisional years alike.
const civilDate = fc.integer({ min: 0, max: 6 * 365 }).map((offset) => addCalendarDays('2025-01-01', offset));
const count = fc.integer({ min: 0, max: 40 });

describe('addWorkingDays', () => {
  it.each`
    start           | n    | expected        | why
    ${'2025-01-24'} | ${3} | ${'2025-02-05'} | ${'Spring Festival 2025 skipped, Sunday 01-26 made up'}
    ${'2026-02-12'} | ${3} | ${'2026-02-24'} | ${'Spring Festival 2026 skipped, Saturday 02-14 made up'}
    ${'2026-02-24'} | ${3} | ${'2026-02-27'} | ${'ordinary week after Spring Festival 2026'}
    ${'2026-02-26'} | ${2} | ${'2026-02-28'} | ${'Saturday 02-28 made up'}
    ${'2025-04-25'} | ${3} | ${'2025-04-29'} | ${'Sunday 04-27 made up before Labour Day 2025'}
    ${'2025-04-30'} | ${3} | ${'2025-05-08'} | ${'Labour Day 2025 skipped'}
    ${'2026-04-30'} | ${3} | ${'2026-05-08'} | ${'Labour Day 2026 skipped'}
    ${'2026-05-07'} | ${3} | ${'2026-05-11'} | ${'Saturday 05-09 made up'}
    ${'2025-09-26'} | ${3} | ${'2025-09-30'} | ${'Sunday 09-28 made up before National Day 2025'}
    ${'2025-09-30'} | ${3} | ${'2025-10-11'} | ${'National Day 2025 (10-01..10-08) skipped, Saturday 10-11 made up'}
    ${'2026-09-18'} | ${3} | ${'2026-09-22'} | ${'Sunday 09-20 made up before National Day 2026'}
    ${'2026-09-24'} | ${3} | ${'2026-09-30'} | ${'Mid-Autumn 2026 skipped'}
    ${'2026-09-30'} | ${3} | ${'2026-10-10'} | ${'National Day 2026 skipped, Saturday 10-10 made up'}
    ${'2025-12-31'} | ${3} | ${'2026-01-06'} | ${'New Year 2026 skipped, Sunday 01-04 made up'}
    ${'2026-12-30'} | ${3} | ${'2027-01-05'} | ${'statutory New Year 2027 skipped'}
    ${'2027-02-04'} | ${3} | ${'2027-02-11'} | ${'statutory Spring Festival 2027 (02-05..02-08) skipped'}
    ${'2025-03-07'} | ${0} | ${'2025-03-07'} | ${'zero days is the start'}
    ${'2025-03-08'} | ${1} | ${'2025-03-10'} | ${'from a Saturday'}
  `('R10/R11: $n working days after $start is $expected ($why)', ({ start, n, expected }) => {
    expect(addWorkingDays(start, n, cal)).toBe(expected);
  });

  it.each([-1, 1.5, Number.NaN])('R10: %p working days is refused', (n) => {
    expect(() => addWorkingDays('2025-03-07', n, cal)).toThrow(RangeError);
  });

  it('R10: a malformed start date is refused', () => {
    expect(() => addWorkingDays('2025-02-30', 0, cal)).toThrow('Not a civil date');
  });

  it('R11: the n-th working day after a date is a working day (property)', () => {
    fc.assert(
      fc.property(civilDate, fc.integer({ min: 1, max: 40 }), (start, n) => isWorkingDay(addWorkingDays(start, n, cal), cal)),
      { numRuns: 300 },
    );
  });

  it('R10: adding working days is monotonic in n and in the start date (property)', () => {
    fc.assert(
      fc.property(civilDate, civilDate, count, count, (s1, s2, a, b) => {
        const [early, late] = s1 <= s2 ? [s1, s2] : [s2, s1];
        const [few, many] = a <= b ? [a, b] : [b, a];
        expect(addWorkingDays(early, few, cal) <= addWorkingDays(early, many, cal)).toBe(true);
        if (few < many) expect(addWorkingDays(early, few, cal) < addWorkingDays(early, many, cal)).toBe(true);
        expect(addWorkingDays(early, few, cal) <= addWorkingDays(late, few, cal)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('R10: addWorkingDays(s, a + b) = addWorkingDays(addWorkingDays(s, a), b) (property)', () => {
    fc.assert(
      fc.property(civilDate, count, count, (start, a, b) =>
        expect(addWorkingDays(start, a + b, cal)).toBe(addWorkingDays(addWorkingDays(start, a, cal), b, cal)),
      ),
      { numRuns: 300 },
    );
  });

  it('R11: a calendar that never works is reported, not looped over', () => {
    const days = Array.from({ length: 800 }, (_, i) => addCalendarDays('2025-01-01', i)).map((date) => ({
      date,
      kind: 'holiday' as const,
      name: '停工',
    }));
    const never = buildCalendar({ years: [2025, 2026, 2027].map((year) => ({ year, status: 'published' as const })), days });
    expect(() => addWorkingDays('2025-01-01', 1, never)).toThrow('No working day');
  });
});

describe('provisional years', () => {
  it('R11: an unlisted year is provisional and knows its statutory holidays', () => {
    expect(yearStatus(2030, cal)).toBe('provisional');
    expect(dayInfo('2027-02-05', cal)).toEqual({ working: false, reason: 'public_holiday', name: '春节' });
    expect(dayInfo('2027-02-06', cal)).toEqual({ working: false, reason: 'public_holiday', name: '春节' });
    expect(dayInfo('2027-09-15', cal)).toEqual({ working: false, reason: 'public_holiday', name: '中秋节' });
  });

  it('R11: a provisional year has no bridging days and no make-up days before its notice', () => {
    // 2027-10-04 (Mon) would be a bridging day and 2027-09-26 (Sun) a make-up day in a typical notice.
    expect(dayInfo('2027-10-04', cal)).toEqual({ working: true, reason: 'working_day' });
    expect(dayInfo('2027-09-26', cal)).toEqual({ working: false, reason: 'weekend' });
  });

  it('R11: a year listed as provisional uses the statutory holidays plus its explicit rules, which win', () => {
    const data: CalendarData = {
      years: [{ year: 2027, status: 'provisional' }],
      days: [
        { date: '2027-02-09', kind: 'holiday', name: '春节' },
        { date: '2027-02-20', kind: 'workday', name: '春节调休上班' },
        { date: '2027-05-02', kind: 'workday', name: '劳动节调休上班' },
      ],
    };
    const edited = buildCalendar(data);
    expect(yearStatus(2027, edited)).toBe('provisional');
    expect(isWorkingDay('2027-02-08', edited)).toBe(false);
    expect(dayInfo('2027-02-09', edited)).toEqual({ working: false, reason: 'public_holiday', name: '春节' });
    expect(dayInfo('2027-02-20', edited)).toEqual({ working: true, reason: 'make_up_working_day', name: '春节调休上班' });
    expect(dayInfo('2027-05-02', edited).working).toBe(true);
  });

  it('R11: a published year is exactly its notice, without statutory additions', () => {
    const published = buildCalendar({ years: [{ year: 2027, status: 'published' }], days: [] });
    expect(yearStatus(2027, published)).toBe('published');
    expect(dayInfo('2027-02-05', published)).toEqual({ working: true, reason: 'working_day' });
  });

  it('R11: a year outside the calendar knows only its weekends, is provisional, and does not throw', () => {
    expect(dayInfo('2024-12-31', cal)).toEqual({ working: true, reason: 'working_day' });
    expect(dayInfo('2100-01-01', cal)).toEqual({ working: true, reason: 'working_day' });
    expect(dayInfo('2100-01-02', cal)).toEqual({ working: false, reason: 'weekend' });
    expect(yearStatus(2100, cal)).toBe('provisional');
    // Not even data can publish a year the calendar does not cover.
    expect(yearStatus(2100, buildCalendar({ years: [{ year: 2100, status: 'published' }], days: [] }))).toBe('provisional');
  });

  it('R11: calendar data with two rules for one date is refused', () => {
    const rule = { date: '2027-03-01', kind: 'holiday' as const, name: 'x' };
    expect(() => buildCalendar({ years: [], days: [rule, rule] })).toThrow('two rules for 2027-03-01');
  });

  it('R11: calendar data with a malformed date is refused', () => {
    expect(() => buildCalendar({ years: [], days: [{ date: '2027-13-01', kind: 'holiday', name: 'x' }] })).toThrow('Not a civil date');
  });
});
