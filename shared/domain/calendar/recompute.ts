import type { ItemStatus } from '../approval/item-status';
import type { CalendarSettings } from './calendar-data';
import { yearOf } from './civil-date';
import { dueInstant } from './deadline';
import { civilDateOf } from './time-zone';
import type { WorkingCalendar } from './working-calendar';

/**
 * The rule a deadline was computed by at acceptance (R10): working days, end of day, zone.
 * A running deadline keeps its rule when the settings change later; only the calendar moves it.
 */
export interface DeadlineRule {
  workingDays: number;
  endOfDay: string;
  timeZone: string;
}

export const deadlineRuleOf = (settings: CalendarSettings): DeadlineRule => ({
  workingDays: settings.workingDaysAllowed,
  endOfDay: settings.endOfDay,
  timeZone: settings.timeZone,
});

/** What a calendar change does to one item's deadline (R11). */
export type DeadlineRecompute =
  /** Not a running deadline (never accepted, or decided). */
  | { kind: 'not_running' }
  /** R11: passed deadlines stay as they fired. */
  | { kind: 'passed' }
  /** The due instant was not the calendar's (set by an extension, a delay or a ruling): it keeps it. */
  | { kind: 'set_by_hand' }
  /** The new calendar gives the same instant and the same provisional flag. */
  | { kind: 'unchanged' }
  /** Decision: a change never makes a running deadline pass retroactively; it keeps its instant. */
  | { kind: 'would_pass'; dueAt: Date }
  /** Same instant (the calendar's, or one set by hand), but its year is now published (or provisional again). */
  | { kind: 'provisional_changed'; provisional: boolean }
  | { kind: 'moved'; dueAt: Date; provisional: boolean };

export interface RunningDeadline {
  status: ItemStatus;
  acceptedAt: Date | null;
  dueAt: Date | null;
  provisional: boolean;
}

/**
 * R11: when a year is published or edited, a deadline still running is computed again from its
 * acceptance with the new calendar and the rule it started under. Only a deadline the old calendar
 * produced moves (its instant equals the old calendar's answer); one set by hand keeps its instant.
 */
export function recomputeDeadline(
  item: RunningDeadline,
  rule: DeadlineRule,
  before: WorkingCalendar,
  after: WorkingCalendar,
  now: Date,
): DeadlineRecompute {
  if (item.status !== 'in_review' || item.acceptedAt === null || item.dueAt === null) return { kind: 'not_running' };
  if (item.dueAt.getTime() <= now.getTime()) return { kind: 'passed' };
  const settings: CalendarSettings = {
    timeZone: rule.timeZone,
    endOfDay: rule.endOfDay,
    workingDaysAllowed: rule.workingDays,
    warningWorkingDays: 0,
  };
  const old = dueInstant(item.acceptedAt, before, settings);
  if (old.dueAt.getTime() !== item.dueAt.getTime()) {
    // Set by hand: the instant stays, but whether its year is published follows the calendar.
    const dueYear = yearOf(civilDateOf(new Date(item.dueAt.getTime() - 1), rule.timeZone));
    const provisional = after.yearStatus(dueYear) === 'provisional';
    return provisional === item.provisional ? { kind: 'set_by_hand' } : { kind: 'provisional_changed', provisional };
  }
  const next = dueInstant(item.acceptedAt, after, settings);
  if (next.dueAt.getTime() === item.dueAt.getTime()) {
    return next.provisional === item.provisional ? { kind: 'unchanged' } : { kind: 'provisional_changed', provisional: next.provisional };
  }
  if (next.dueAt.getTime() <= now.getTime()) return { kind: 'would_pass', dueAt: next.dueAt };
  return { kind: 'moved', dueAt: next.dueAt, provisional: next.provisional };
}
