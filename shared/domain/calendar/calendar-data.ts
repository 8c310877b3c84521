/** A civil date in the center's time zone, 'YYYY-MM-DD'. Never a JS Date in server-local time. */
export type CivilDate = string;

export type YearStatus = 'published' | 'provisional';

/** One exception to the weekday/weekend rule (R11). */
export interface CalendarDayRule {
  date: CivilDate;
  /** holiday: a weekday off; workday: a make-up working day (调休) on a weekend. */
  kind: 'holiday' | 'workday';
  /** e.g. "春节", "国庆节". */
  name: string;
}

export interface CalendarYear {
  year: number;
  status: YearStatus;
}

/** The calendar as stored and transported (GET /api/calendar); compile it with buildCalendar(). */
export interface CalendarData {
  years: CalendarYear[];
  days: CalendarDayRule[];
}

/** Per-center settings (R10, R14a). */
export interface CalendarSettings {
  /** IANA zone of the center, default Asia/Shanghai. */
  timeZone: string;
  /** Local time the last working day ends, 'HH:MM'; '24:00' = midnight at its end. */
  endOfDay: string;
  /** R10: working days allowed after acceptance, default 3. */
  workingDaysAllowed: number;
  /** R14a: amber when this many working days or fewer are left, default 1. */
  warningWorkingDays: number;
}

export const DEFAULT_CALENDAR_SETTINGS: CalendarSettings = {
  timeZone: 'Asia/Shanghai',
  endOfDay: '24:00',
  workingDaysAllowed: 3,
  warningWorkingDays: 1,
};
