import type { CivilDate } from '../calendar/calendar-data';
import { civilDateParts } from '../calendar/civil-date';
import { civilDateOf } from '../calendar/time-zone';

/** A civil date the way official documents print it: 2026年2月25日. */
export function officialDate(date: CivilDate): string {
  const { year, month, day } = civilDateParts(date);
  return `${year}年${month}月${day}日`;
}

/** An instant's date in the center's zone, printed officially. */
export function officialDateOf(instant: string | Date, timeZone: string): string {
  return officialDate(civilDateOf(new Date(instant), timeZone));
}

/** An instant in the center's zone: 2026年2月12日 10:05. Midnight at a day's end reads 24:00 of that day (R10). */
export function officialDateTime(instant: string | Date, timeZone: string): string {
  const at = new Date(instant);
  const date = civilDateOf(at, timeZone);
  const wall = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
  if (wall === '00:00') return `${officialDate(civilDateOf(new Date(at.getTime() - 1), timeZone))} 24:00`;
  return `${officialDate(date)} ${wall}`;
}
