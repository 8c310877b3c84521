import { CalendarImportError, dayRuleProblem, monthDates, parseCalendarImport, rulesToPublish } from './calendar-admin';
import type { CalendarData } from './calendar-data';
import { SHIPPED_CALENDAR } from './shipped-calendar';
import { statutoryHolidays } from './statutory-holidays';

const EMPTY: CalendarData = { years: [], days: [] };

// The 2026 State Council schedule as a holiday feed publishes it (folded lines, CRLF, exclusive DTEND).
const ICS_2026 = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'PRODID:-//holiday-feed//CN',
  'BEGIN:VEVENT',
  'DTSTART;VALUE=DATE:20260215',
  'DTEND;VALUE=DATE:20260224',
  'SUMMARY:春节 假期 第1天/共9',
  ' 天',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'DTSTART;VALUE=DATE:20260214',
  'SUMMARY:春节 补班',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'DTSTART;VALUE=DATE:20260228',
  'DTEND;VALUE=DATE:20260301',
  'SUMMARY:春节（班）',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'DTSTART;VALUE=DATE:20251231',
  'DTEND;VALUE=DATE:20260104',
  'SUMMARY:元旦（休）',
  'END:VEVENT',
  'END:VCALENDAR',
].join('\r\n');

describe('calendar administration (R11)', () => {
  it('R11: a make-up working day must replace a day off', () => {
    expect(dayRuleProblem(SHIPPED_CALENDAR, { date: '2026-03-04', kind: 'workday', name: '调休' })).toMatchObject({ field: 'kind' });
    expect(dayRuleProblem(SHIPPED_CALENDAR, { date: '2026-03-07', kind: 'workday', name: '调休' })).toBeNull();
    // A statutory holiday of a provisional year may be worked by an admin's rule.
    expect(dayRuleProblem(EMPTY, { date: '2027-01-01', kind: 'workday', name: '调休' })).toBeNull();
    // Replacing the very rule that made the day worked is allowed (2026-02-14 is a shipped make-up day).
    expect(dayRuleProblem(SHIPPED_CALENDAR, { date: '2026-02-14', kind: 'workday', name: '春节调休上班' })).toBeNull();
  });

  it('R11: holidays may fall on weekends; names are required; years outside the statutory table are refused', () => {
    expect(dayRuleProblem(SHIPPED_CALENDAR, { date: '2026-03-07', kind: 'holiday', name: '临时' })).toBeNull();
    expect(dayRuleProblem(SHIPPED_CALENDAR, { date: '2026-03-04', kind: 'holiday', name: '  ' })).toMatchObject({ field: 'name' });
    expect(dayRuleProblem(SHIPPED_CALENDAR, { date: '2024-03-04', kind: 'holiday', name: '临时' })).toMatchObject({ field: 'date' });
    expect(dayRuleProblem(SHIPPED_CALENDAR, { date: '2026-02-30', kind: 'holiday', name: '临时' })).toMatchObject({ field: 'date' });
  });

  it('R11: publishing a year writes the statutory holidays it knew, except where an admin rule stands', () => {
    const data: CalendarData = { years: [], days: [{ date: '2027-01-01', kind: 'workday', name: '调休' }] };
    const rules = rulesToPublish(data, 2027);
    expect(rules.map((r) => r.date)).toEqual(
      statutoryHolidays(2027)
        .map((r) => r.date)
        .filter((d) => d !== '2027-01-01'),
    );
    expect(rulesToPublish(SHIPPED_CALENDAR, 2026).length).toBeLessThan(statutoryHolidays(2026).length);
  });

  it('R11: an ICS feed imports its year: multi-day holidays expand, make-up days are recognised, other years are ignored', () => {
    const imported = parseCalendarImport('ics', ICS_2026, 2026);
    expect(imported.status).toBeNull();
    const holidays = imported.days.filter((d) => d.kind === 'holiday').map((d) => d.date);
    expect(holidays).toEqual([
      '2026-01-01',
      '2026-01-02',
      '2026-01-03',
      ...Array.from({ length: 9 }, (_, i) => `2026-02-${String(15 + i)}`),
    ]);
    expect(imported.days.filter((d) => d.kind === 'workday')).toEqual([
      { date: '2026-02-14', kind: 'workday', name: '春节调休上班' },
      { date: '2026-02-28', kind: 'workday', name: '春节调休上班' },
    ]);
    expect(imported.days.find((d) => d.date === '2026-02-15')?.name).toBe('春节');
    expect(imported.days.find((d) => d.date === '2026-01-01')?.name).toBe('元旦');
  });

  it('R11: a JSON file imports its year, as written by hand or as GET /api/calendar answers', () => {
    const own = parseCalendarImport(
      'json',
      JSON.stringify({ year: 2027, status: 'published', days: [{ date: '2027-02-06', kind: 'holiday', name: '春节' }] }),
      2027,
    );
    expect(own).toEqual({ year: 2027, status: 'published', days: [{ date: '2027-02-06', kind: 'holiday', name: '春节' }] });
    const exported = parseCalendarImport('json', JSON.stringify({ settings: {}, calendar: SHIPPED_CALENDAR }), 2025);
    expect(exported.status).toBe('published');
    expect(exported.days).toEqual(
      SHIPPED_CALENDAR.days.filter((d) => d.date.startsWith('2025')).sort((a, b) => a.date.localeCompare(b.date)),
    );
  });

  it.each`
    format    | content                                                                                                                         | message
    ${'ics'}  | ${'hello'}                                                                                                                      | ${/BEGIN:VCALENDAR/}
    ${'ics'}  | ${'BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:x\nEND:VEVENT\nEND:VCALENDAR'}                                                        | ${/DTSTART/}
    ${'ics'}  | ${ICS_2026}                                                                                                                     | ${/no holiday/}
    ${'json'} | ${'{'}                                                                                                                          | ${/not valid JSON/}
    ${'json'} | ${'{"days": [{"date": "2027-13-01", "kind": "holiday", "name": "x"}]}'}                                                         | ${/days\[0\]\.date/}
    ${'json'} | ${'{"days": [{"date": "2027-01-05", "kind": "workday", "name": "x"}]}'}                                                         | ${/already a working day/}
    ${'json'} | ${'{"year": 2026, "days": []}'}                                                                                                 | ${/not 2027/}
    ${'json'} | ${'{"days": [{"date": "2027-01-02", "kind": "holiday", "name": "a"}, {"date": "2027-01-02", "kind": "workday", "name": "b"}]}'} | ${/both/}
  `('R11: a bad $format file is refused with a reason ($message)', ({ format, content, message }) => {
    const parse = () => parseCalendarImport(format, content, 2027);
    expect(parse).toThrow(CalendarImportError);
    expect(parse).toThrow(message);
  });

  it('R11: the month grid lists every day of the month', () => {
    expect(monthDates(2028, 2)).toHaveLength(29);
    expect(monthDates(2026, 12).at(-1)).toBe('2026-12-31');
  });
});
