import type { CalendarData, CalendarDayRule, CivilDate, YearStatus } from './calendar-data';
import type { FieldProblem } from '../problems/problem-codes';
import { addCalendarDays, civilDateParts, formatCivilDate, isCivilDate, weekdayOf, yearOf } from './civil-date';
import { statutoryHolidays } from './statutory-holidays';
import { buildCalendar, CALENDAR_FIRST_YEAR, CALENDAR_LAST_YEAR, dayInfo, isCalendarYear } from './working-calendar';

const MAX_NAME = 40;

/**
 * R11: why a rule cannot be set on a date, or null. A make-up working day (调休) makes a day off
 * worked, so it is refused on a day that is already worked; a holiday may fall on a weekend (a
 * notice names the weekend days inside a holiday).
 */
export function dayRuleProblem(data: CalendarData, rule: CalendarDayRule): (FieldProblem & { field: 'date' | 'kind' | 'name' }) | null {
  if (!isCivilDate(rule.date)) return { field: 'date', code: 'date.invalid', message: 'date must be a date YYYY-MM-DD' };
  if (!isCalendarYear(yearOf(rule.date)))
    return { field: 'date', code: 'date.invalid', message: `the calendar covers ${CALENDAR_FIRST_YEAR}–${CALENDAR_LAST_YEAR}` };
  const name = rule.name.trim();
  if (!name || name.length > MAX_NAME)
    return { field: 'name', code: 'calendar.name_invalid', message: `name must be 1 to ${MAX_NAME} characters` };
  if (rule.kind === 'workday') {
    const without = buildCalendar({ ...data, days: data.days.filter((d) => d.date !== rule.date) });
    if (dayInfo(rule.date, without).working)
      return {
        field: 'kind',
        code: 'calendar.already_working',
        message: `${rule.date} is already a working day: a make-up working day replaces a day off`,
      };
  }
  return null;
}

/**
 * R11: the rules a year is published with. A published year is exactly its notice, so the
 * statutory holidays a provisional year knew become explicit rules (unless an admin's rule for that
 * date already stands): publishing never silently drops a holiday.
 */
export function rulesToPublish(data: CalendarData, year: number): CalendarDayRule[] {
  const explicit = new Set(data.days.filter((d) => yearOf(d.date) === year).map((d) => d.date));
  return statutoryHolidays(year).filter((d) => !explicit.has(d.date));
}

// ---------- import (ICS or JSON) ----------

export const CALENDAR_IMPORT_FORMATS = ['ics', 'json'] as const;
export type CalendarImportFormat = (typeof CALENDAR_IMPORT_FORMATS)[number];

export interface CalendarImport {
  year: number;
  /** Set when the file says (JSON); an ICS file leaves the year's status as it is. */
  status: YearStatus | null;
  days: CalendarDayRule[];
}

export class CalendarImportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CalendarImportError';
  }
}

/**
 * R11: one year's holidays and make-up working days from a file, to replace that year's rules.
 * ICS: all-day events (DTSTART;VALUE=DATE, DTEND exclusive), the SUMMARY names the day and marks a
 * make-up working day (班 / 上班 / workday). JSON: `{ year, status?, days: [{ date, kind, name }] }`
 * or the calendar as GET /api/calendar returns it. Dates outside `year` are ignored.
 */
export function parseCalendarImport(format: CalendarImportFormat, content: string, year: number): CalendarImport {
  if (!isCalendarYear(year)) throw new CalendarImportError(`year must be between ${CALENDAR_FIRST_YEAR} and ${CALENDAR_LAST_YEAR}`);
  const parsed = format === 'ics' ? parseIcs(content, year) : parseJson(content, year);
  const byDate = new Map<CivilDate, CalendarDayRule>();
  for (const rule of parsed.days) {
    if (yearOf(rule.date) !== year) continue;
    const same = byDate.get(rule.date);
    if (same && same.kind !== rule.kind) throw new CalendarImportError(`${rule.date} is both a holiday and a working day in the file`);
    if (!same) byDate.set(rule.date, rule);
  }
  const days = [...byDate.values()].sort((a, b) => a.date.localeCompare(b.date));
  if (days.length === 0) throw new CalendarImportError(`the file has no holiday or make-up working day in ${year}`);
  const base: CalendarData = { years: [], days: [] };
  for (const rule of days) {
    const problem = dayRuleProblem(base, rule);
    if (problem) throw new CalendarImportError(`${rule.date}: ${problem.message}`);
  }
  return { year, status: parsed.status, days };
}

const WORKDAY = /补班|上班|\(班\)|（班）|^班$|workday|working day/i;

/** "春节 假期 第1天/共8天", "春节（休）", "春节 补班" → 春节 / 春节调休上班. */
function dayName(summary: string, kind: CalendarDayRule['kind']): string {
  const festival = summary
    .replace(/第\s*\d+\s*天\s*\/?\s*共\s*\d+\s*天/g, '')
    .replace(/[（(](休|班)[）)]/g, '')
    .replace(/假期|放假|调休上班|调休|补班|上班|holiday|workday|working day/gi, '')
    .replace(/[\s·:：\-—]+/g, ' ')
    .trim();
  const name = festival || summary.trim();
  return (kind === 'workday' && !name.endsWith('调休上班') ? `${name}调休上班` : name).slice(0, MAX_NAME);
}

function icsDate(value: string): CivilDate | null {
  const match = /^(\d{4})(\d{2})(\d{2})/.exec(value.trim());
  if (!match) return null;
  const date = formatCivilDate(Number(match[1]), Number(match[2]), Number(match[3]));
  return isCivilDate(date) ? date : null;
}

const unescapeIcs = (text: string) => text.replace(/\\n/gi, ' ').replace(/\\([,;\\])/g, '$1');

function parseIcs(content: string, year: number): { status: null; days: CalendarDayRule[] } {
  if (!/BEGIN:VCALENDAR/i.test(content)) throw new CalendarImportError('not an iCalendar file (no BEGIN:VCALENDAR)');
  // RFC 5545 §3.1: a line starting with a space or tab continues the previous one.
  const lines = content.replace(/\r?\n[ \t]/g, '').split(/\r?\n/);
  const days: CalendarDayRule[] = [];
  let event: Record<string, string> | null = null;
  for (const line of lines) {
    if (/^BEGIN:VEVENT$/i.test(line.trim())) event = {};
    else if (/^END:VEVENT$/i.test(line.trim())) {
      if (event) days.push(...eventDays(event, year));
      event = null;
    } else if (event) {
      const colon = line.indexOf(':');
      if (colon > 0) event[line.slice(0, colon).split(';')[0]!.toUpperCase()] = line.slice(colon + 1);
    }
  }
  return { status: null, days };
}

function eventDays(event: Record<string, string>, year: number): CalendarDayRule[] {
  const first = icsDate(event['DTSTART'] ?? '');
  if (!first) throw new CalendarImportError(`an event has no valid DTSTART: "${event['DTSTART'] ?? ''}"`);
  // DTEND of an all-day event is exclusive; an event without one lasts its first day.
  const end = icsDate(event['DTEND'] ?? '') ?? addCalendarDays(first, 1);
  const summary = unescapeIcs(event['SUMMARY'] ?? '').trim();
  const kind: CalendarDayRule['kind'] = WORKDAY.test(summary) ? 'workday' : 'holiday';
  const days: CalendarDayRule[] = [];
  for (let date = first; date < end && days.length <= 31; date = addCalendarDays(date, 1)) {
    if (yearOf(date) === year) days.push({ date, kind, name: dayName(summary || (kind === 'workday' ? '调休上班' : '节假日'), kind) });
  }
  return days;
}

function parseJson(content: string, year: number): { status: YearStatus | null; days: CalendarDayRule[] } {
  let value: unknown;
  try {
    value = JSON.parse(content);
  } catch {
    throw new CalendarImportError('not valid JSON');
  }
  if (typeof value !== 'object' || value === null) throw new CalendarImportError('the JSON must be an object with "days"');
  const root = value as { year?: unknown; status?: unknown; years?: unknown; days?: unknown; calendar?: unknown };
  // GET /api/calendar answers { settings, calendar: { years, days } }: accept that file as it is.
  const data = (typeof root.calendar === 'object' && root.calendar !== null ? root.calendar : root) as typeof root;
  if (!Array.isArray(data.days)) throw new CalendarImportError('the JSON has no "days" list');
  if (data.year !== undefined && data.year !== year) throw new CalendarImportError(`the file is for ${String(data.year)}, not ${year}`);
  const statusOf = (s: unknown): YearStatus | null => (s === 'published' || s === 'provisional' ? s : null);
  let status = statusOf(data.status);
  if (Array.isArray(data.years)) {
    const entry = data.years.find((y: unknown) => (y as { year?: unknown })?.year === year) as { status?: unknown } | undefined;
    status = entry ? statusOf(entry.status) : status;
  }
  const days = data.days.map((d: unknown, i: number): CalendarDayRule => {
    const { date, kind, name } = (d ?? {}) as { date?: unknown; kind?: unknown; name?: unknown };
    if (typeof date !== 'string' || !isCivilDate(date)) throw new CalendarImportError(`days[${i}].date must be a date YYYY-MM-DD`);
    if (kind !== 'holiday' && kind !== 'workday') throw new CalendarImportError(`days[${i}].kind must be "holiday" or "workday"`);
    if (typeof name !== 'string' || !name.trim()) throw new CalendarImportError(`days[${i}].name is required`);
    return { date, kind, name: name.trim() };
  });
  return { status, days };
}

/** 0 = Sunday … 6 = Saturday; a weekend day off needs no rule (used by the month grid). */
export const isWeekend = (date: CivilDate) => [0, 6].includes(weekdayOf(date));

/** Every date of a month, for the month grid of the calendar page. */
export function monthDates(year: number, month: number): CivilDate[] {
  civilDateParts(formatCivilDate(year, month, 1));
  const dates: CivilDate[] = [];
  for (let date = formatCivilDate(year, month, 1); civilDateParts(date).month === month; date = addCalendarDays(date, 1)) dates.push(date);
  return dates;
}
