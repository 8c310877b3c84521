import type { CalendarDayRule, CivilDate } from './calendar-data';
import { addCalendarDays } from './civil-date';
import { LUNAR_TABLE } from './lunar-table';

/**
 * R11: the public holidays fixed by law (全国年节及纪念日放假办法, 2025 revision), which a
 * provisional year knows before its State Council notice. Only the days themselves: the
 * bridging days and make-up working days await the notice. None for a year outside the lunar
 * table (LUNAR_TABLE_FIRST_YEAR–LUNAR_TABLE_LAST_YEAR): such a year is outside the calendar.
 */
export function statutoryHolidays(year: number): CalendarDayRule[] {
  const lunar = LUNAR_TABLE[year];
  if (!lunar) return [];
  const [newYearsEve, qingming, dragonBoat, midAutumn] = lunar.map((monthDay) => `${year}-${monthDay}`);
  const all = [
    ...days('元旦', `${year}-01-01`, 1),
    ...days('春节', newYearsEve, 4), // 除夕 through 正月初三
    ...days('清明节', qingming, 1),
    ...days('劳动节', `${year}-05-01`, 2),
    ...days('端午节', dragonBoat, 1),
    ...days('中秋节', midAutumn, 1),
    ...days('国庆节', `${year}-10-01`, 3),
  ];
  // 中秋 can fall on 10-01..10-03 (e.g. 2028): one day off, named after both festivals.
  const byDate = new Map<CivilDate, CalendarDayRule>();
  for (const rule of all.sort((a, b) => a.date.localeCompare(b.date))) {
    const same = byDate.get(rule.date);
    byDate.set(rule.date, same ? { ...same, name: `${same.name}、${rule.name}` } : rule);
  }
  return [...byDate.values()];
}

function days(name: string, first: CivilDate, count: number): CalendarDayRule[] {
  return Array.from({ length: count }, (_, i) => ({ date: addCalendarDays(first, i), kind: 'holiday', name }));
}
