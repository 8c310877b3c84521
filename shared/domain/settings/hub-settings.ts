import type { HubSettings } from '../../contracts/leaders';
import type { FieldProblem } from '../problems/problem-codes';
import { DEFAULT_CALENDAR_SETTINGS } from '../calendar/calendar-data';

export const DEFAULT_HUB_SETTINGS: HubSettings = { ...DEFAULT_CALENDAR_SETTINGS, circulationThreshold: 3 };

/** The bounds an admin may set (R10, R14a, R22). */
export const SETTINGS_LIMITS = {
  workingDaysAllowed: { min: 1, max: 30 },
  warningWorkingDays: { min: 0, max: 10 },
  circulationThreshold: { min: 1, max: 99 },
} as const;

const TIME_OF_DAY = /^([01]\d|2[0-3]):([0-5]\d)$|^24:00$/;

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return zone.trim() !== '';
  } catch {
    return false;
  }
}

/** What is wrong with a settings form, field by field (empty when it may be saved). */
export function settingsProblems(s: HubSettings): (FieldProblem & { field: keyof HubSettings })[] {
  const problems: (FieldProblem & { field: keyof HubSettings })[] = [];
  if (!isTimeZone(s.timeZone))
    problems.push({
      field: 'timeZone',
      code: 'time_zone.invalid',
      message: `"${s.timeZone}" is not a time zone (IANA, e.g. Asia/Shanghai)`,
    });
  if (!TIME_OF_DAY.test(s.endOfDay))
    problems.push({ field: 'endOfDay', code: 'time_of_day.invalid', message: 'endOfDay must be HH:MM or 24:00' });
  for (const field of ['workingDaysAllowed', 'warningWorkingDays', 'circulationThreshold'] as const) {
    const { min, max } = SETTINGS_LIMITS[field];
    if (!Number.isInteger(s[field]) || s[field] < min || s[field] > max)
      problems.push({ field, code: 'number.out_of_range', message: `${field} must be a whole number from ${min} to ${max}` });
  }
  return problems;
}
