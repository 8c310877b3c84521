import type { CalendarSettings } from '../calendar/calendar-data';
import { dueInstant, type DueInstant } from '../calendar/deadline';
import type { WorkingCalendar } from '../calendar/working-calendar';
import { PROMISE_MAX_WORKING_DAYS } from './disposition';
import { isInquiryClosed, type InquiryStatus } from './inquiry-status';

/**
 * R23/R24: a reply promised within n working days is due at the end (settings.endOfDay) of the
 * n-th working day after the day of the promise, on the same calendar and with the same R10
 * Decision as approval items: the day of the promise is not counted.
 */
export function promisedReplyDue(promisedAt: Date, workingDays: number, cal: WorkingCalendar, settings: CalendarSettings): DueInstant {
  if (!Number.isInteger(workingDays) || workingDays < 1 || workingDays > PROMISE_MAX_WORKING_DAYS) {
    throw new RangeError(`A reply is promised within 1 to ${PROMISE_MAX_WORKING_DAYS} working days, got ${workingDays}`);
  }
  return dueInstant(promisedAt, cal, settings, workingDays);
}

/**
 * R24: overdue once the hub clock reaches the end of the promised day — exactly then, not a
 * millisecond before — while the inquiry is not closed. It stays owed through transfers and
 * escalations: the promise was made to the inquirer.
 */
export function isInquiryOverdue(inquiry: { status: InquiryStatus; promise: { dueAt: string } | null }, now: Date): boolean {
  if (!inquiry.promise || isInquiryClosed(inquiry.status)) return false;
  return now.getTime() >= Date.parse(inquiry.promise.dueAt);
}
