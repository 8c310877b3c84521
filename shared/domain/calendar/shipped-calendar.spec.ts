import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { DEFAULT_CALENDAR_SETTINGS } from './calendar-data';
import { addCalendarDays, weekdayOf } from './civil-date';
import { SHIPPED_CALENDAR } from './shipped-calendar';
import { statutoryHolidays } from './statutory-holidays';
import { buildCalendar, dayInfo, isWorkingDay, yearStatus } from './working-calendar';

const cal = buildCalendar(SHIPPED_CALENDAR);
const chineseDays: Record<string, { work: boolean; name: string }> = JSON.parse(
  execFileSync(process.execPath, [join(__dirname, 'chinese-days-oracle.cjs'), 'days', '2025', '2026'], { encoding: 'utf8' }),
);

function everyDayOf(year: number): string[] {
  const days: string[] = [];
  for (let date = `${year}-01-01`; date <= `${year}-12-31`; date = addCalendarDays(date, 1)) days.push(date);
  return days;
}

// chinese-days names the festivals in short form ("清明"); the hub uses the notices' names.
const NOTICE_NAME: Record<string, string> = {
  元旦: '元旦',
  春节: '春节',
  清明: '清明节',
  劳动节: '劳动节',
  端午: '端午节',
  中秋: '中秋节',
  国庆节: '国庆节',
};

describe('SHIPPED_CALENDAR', () => {
  it('R11: 2025 and 2026 ship as published years', () => {
    expect(yearStatus(2025, cal)).toBe('published');
    expect(yearStatus(2026, cal)).toBe('published');
    expect(yearStatus(2027, cal)).toBe('provisional');
  });

  it.each([2025, 2026])('R11: every day of %i is worked exactly when chinese-days says so', (year) => {
    const disagreements = everyDayOf(year).filter((date) => isWorkingDay(date, cal) !== chineseDays[date].work);
    expect(disagreements).toEqual([]);
  });

  it.each([2025, 2026])('R11: every holiday and make-up day of %i carries the festival name chinese-days gives it', (year) => {
    const ours = everyDayOf(year).flatMap((date) => {
      const info = dayInfo(date, cal);
      return info.name ? [`${date} ${info.working ? 'workday' : 'holiday'} ${info.name}`] : [];
    });
    const theirs = everyDayOf(year).flatMap((date) => {
      const detail = chineseDays[date];
      const [, chinese] = detail.name.split(',');
      if (chinese === undefined) return []; // a plain weekday or weekend
      const name = NOTICE_NAME[chinese];
      return [`${date} ${detail.work ? `workday ${name}调休上班` : `holiday ${name}`}`];
    });
    expect(ours).toEqual(theirs);
    expect(ours.length).toBeGreaterThan(30);
  });

  it('R11: every shipped make-up working day is a Saturday or Sunday', () => {
    const makeUpDays = SHIPPED_CALENDAR.days.filter((r) => r.kind === 'workday');
    expect(makeUpDays).toHaveLength(11);
    for (const rule of makeUpDays) expect([0, 6]).toContain(weekdayOf(rule.date));
  });

  it.each([2025, 2026])('R11: the statutory holidays of %i all lie inside the published notice, under the same name', (year) => {
    for (const rule of statutoryHolidays(year)) {
      expect(dayInfo(rule.date, cal)).toEqual({ working: false, reason: 'public_holiday', name: rule.name });
    }
  });

  it.each`
    date            | working  | reason                   | name
    ${'2025-01-01'} | ${false} | ${'public_holiday'}      | ${'元旦'}
    ${'2025-01-26'} | ${true}  | ${'make_up_working_day'} | ${'春节调休上班'}
    ${'2025-01-28'} | ${false} | ${'public_holiday'}      | ${'春节'}
    ${'2025-02-01'} | ${false} | ${'public_holiday'}      | ${'春节'}
    ${'2025-02-04'} | ${false} | ${'public_holiday'}      | ${'春节'}
    ${'2025-02-05'} | ${true}  | ${'working_day'}         | ${undefined}
    ${'2025-02-08'} | ${true}  | ${'make_up_working_day'} | ${'春节调休上班'}
    ${'2025-04-27'} | ${true}  | ${'make_up_working_day'} | ${'劳动节调休上班'}
    ${'2025-05-05'} | ${false} | ${'public_holiday'}      | ${'劳动节'}
    ${'2025-09-28'} | ${true}  | ${'make_up_working_day'} | ${'国庆节调休上班'}
    ${'2025-10-06'} | ${false} | ${'public_holiday'}      | ${'中秋节'}
    ${'2025-10-08'} | ${false} | ${'public_holiday'}      | ${'国庆节'}
    ${'2025-10-11'} | ${true}  | ${'make_up_working_day'} | ${'国庆节调休上班'}
    ${'2025-10-12'} | ${false} | ${'weekend'}             | ${undefined}
    ${'2026-01-02'} | ${false} | ${'public_holiday'}      | ${'元旦'}
    ${'2026-01-04'} | ${true}  | ${'make_up_working_day'} | ${'元旦调休上班'}
    ${'2026-02-14'} | ${true}  | ${'make_up_working_day'} | ${'春节调休上班'}
    ${'2026-02-23'} | ${false} | ${'public_holiday'}      | ${'春节'}
    ${'2026-02-28'} | ${true}  | ${'make_up_working_day'} | ${'春节调休上班'}
    ${'2026-05-09'} | ${true}  | ${'make_up_working_day'} | ${'劳动节调休上班'}
    ${'2026-09-20'} | ${true}  | ${'make_up_working_day'} | ${'国庆节调休上班'}
    ${'2026-10-07'} | ${false} | ${'public_holiday'}      | ${'国庆节'}
    ${'2026-10-10'} | ${true}  | ${'make_up_working_day'} | ${'国庆节调休上班'}
  `('R11: $date is $reason $name', ({ date, working, reason, name }) => {
    const info = dayInfo(date, cal);
    expect(info).toEqual(name === undefined ? { working, reason } : { working, reason, name });
  });

  it('R10: the default settings are Asia/Shanghai, 24:00, 3 working days, warn at 1', () => {
    expect(DEFAULT_CALENDAR_SETTINGS).toEqual({
      timeZone: 'Asia/Shanghai',
      endOfDay: '24:00',
      workingDaysAllowed: 3,
      warningWorkingDays: 1,
    });
  });
});
