import type { MegaForwarding } from '../../contracts/paper-trail';
import type { CalendarSettings } from '../calendar/calendar-data';
import { countdown, dueInstant } from '../calendar/deadline';
import { recomputeDeadline, type DeadlineRecompute, type DeadlineRule } from '../calendar/recompute';
import type { WorkingCalendar } from '../calendar/working-calendar';

/** Per-center settings of the paper trail (setting key 'paper_trail'). */
export interface PaperTrailSettings {
  /** R6: working days to forward a mega project once its materials are complete, default 3. */
  megaForwardingWorkingDays: number;
}

export const DEFAULT_PAPER_TRAIL_SETTINGS: PaperTrailSettings = { megaForwardingWorkingDays: 3 };

/** R6: over the mega threshold and to be reported to provincial or national authorities. */
export function requiresForwarding(project: { mega: boolean; reportToHigherAuthority: boolean }): boolean {
  return project.mega && project.reportToHigherAuthority;
}

/**
 * R6 Decision: counted like R10 — the day materials became complete is not counted; due at the
 * end of the n-th working day after it, in the center's zone.
 */
export function forwardingDueAt(completeAt: Date, cal: WorkingCalendar, settings: CalendarSettings, workingDays: number): Date {
  return dueInstant(completeAt, cal, settings, workingDays).dueAt;
}

/**
 * R6 on the board: waiting for complete materials, running, warned (amber, the R14a threshold),
 * escalated once past due — and forwarded. There is deliberately no deemed consent here: higher
 * authorities are not bound by the center's rules, so a late forward only escalates.
 */
export const FORWARDING_STATUSES = ['awaiting_materials', 'on_track', 'due_soon', 'escalated', 'forwarded'] as const;
export type ForwardingStatus = (typeof FORWARDING_STATUSES)[number];

export function forwardingStatus(
  forwarding: Pick<MegaForwarding, 'dueAt' | 'forwardedAt'>,
  now: Date,
  cal: WorkingCalendar,
  settings: CalendarSettings,
): ForwardingStatus {
  if (forwarding.forwardedAt) return 'forwarded';
  if (!forwarding.dueAt) return 'awaiting_materials';
  const left = countdown(now, new Date(forwarding.dueAt), cal, settings);
  if (left.overdue) return 'escalated';
  if (left.dueToday || left.workingDaysLeft <= settings.warningWorkingDays) return 'due_soon';
  return 'on_track';
}

/** R6: the rule a forward deadline starts under — R10's counting with the forwarding's working days. */
export const forwardingRuleOf = (settings: CalendarSettings, workingDays: number): DeadlineRule => ({
  workingDays,
  endOfDay: settings.endOfDay,
  timeZone: settings.timeZone,
});

/**
 * R6/R11: "a calendar change recomputes a running forward deadline like any other". Running means
 * started (materials complete) and not forwarded; it moves exactly as an item's deadline would
 * (recomputeDeadline from the completion instant): passed ones stay as they are.
 */
export function recomputeForwarding(
  forwarding: { completeAt: Date | null; dueAt: Date | null; forwardedAt: Date | null },
  rule: DeadlineRule,
  before: WorkingCalendar,
  after: WorkingCalendar,
  now: Date,
): DeadlineRecompute {
  const { completeAt, dueAt, forwardedAt } = forwarding;
  if (forwardedAt || !completeAt || !dueAt) return { kind: 'not_running' };
  // The forward keeps no provisional flag of its own: it is the one the old calendar gave.
  const settings: CalendarSettings = {
    timeZone: rule.timeZone,
    endOfDay: rule.endOfDay,
    workingDaysAllowed: rule.workingDays,
    warningWorkingDays: 0,
  };
  const provisional = dueInstant(completeAt, before, settings).provisional;
  return recomputeDeadline({ status: 'in_review', acceptedAt: completeAt, dueAt, provisional }, rule, before, after, now);
}
