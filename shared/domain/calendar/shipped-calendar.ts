import type { CalendarData, CalendarDayRule, CivilDate } from './calendar-data';
import { addCalendarDays } from './civil-date';

/** Every day from first to last inclusive, off work (weekends inside a holiday included, so they can be named). */
function holiday(name: string, first: CivilDate, last: CivilDate = first): CalendarDayRule[] {
  const rules: CalendarDayRule[] = [];
  for (let date = first; date <= last; date = addCalendarDays(date, 1)) {
    rules.push({ date, kind: 'holiday', name });
  }
  return rules;
}

/** Weekend days declared working days (调休上班). */
function makeUp(festival: string, ...dates: CivilDate[]): CalendarDayRule[] {
  return dates.map((date) => ({ date, kind: 'workday', name: `${festival}调休上班` }));
}

/** 国务院办公厅关于2025年部分节假日安排的通知 (国办发明电〔2024〕12号, 2024-11-12). */
const SCHEDULE_2025: CalendarDayRule[] = [
  ...holiday('元旦', '2025-01-01'),
  ...holiday('春节', '2025-01-28', '2025-02-04'),
  ...makeUp('春节', '2025-01-26', '2025-02-08'),
  ...holiday('清明节', '2025-04-04', '2025-04-06'),
  ...holiday('劳动节', '2025-05-01', '2025-05-05'),
  ...makeUp('劳动节', '2025-04-27'),
  ...holiday('端午节', '2025-05-31', '2025-06-02'),
  // 国庆节、中秋节 merged: 10-06 is 中秋 itself.
  ...holiday('国庆节', '2025-10-01', '2025-10-05'),
  ...holiday('中秋节', '2025-10-06'),
  ...holiday('国庆节', '2025-10-07', '2025-10-08'),
  ...makeUp('国庆节', '2025-09-28', '2025-10-11'),
];

/** 国务院办公厅关于2026年部分节假日安排的通知 (2025-11-04). */
const SCHEDULE_2026: CalendarDayRule[] = [
  ...holiday('元旦', '2026-01-01', '2026-01-03'),
  ...makeUp('元旦', '2026-01-04'),
  ...holiday('春节', '2026-02-15', '2026-02-23'),
  ...makeUp('春节', '2026-02-14', '2026-02-28'),
  ...holiday('清明节', '2026-04-04', '2026-04-06'),
  ...holiday('劳动节', '2026-05-01', '2026-05-05'),
  ...makeUp('劳动节', '2026-05-09'),
  ...holiday('端午节', '2026-06-19', '2026-06-21'),
  ...holiday('中秋节', '2026-09-25', '2026-09-27'),
  ...holiday('国庆节', '2026-10-01', '2026-10-07'),
  ...makeUp('国庆节', '2026-09-20', '2026-10-10'),
];

/** R11: the calendar the hub ships with; an admin edits it from here. */
export const SHIPPED_CALENDAR: CalendarData = {
  years: [
    { year: 2025, status: 'published' },
    { year: 2026, status: 'published' },
  ],
  days: [...SCHEDULE_2025, ...SCHEDULE_2026],
};
