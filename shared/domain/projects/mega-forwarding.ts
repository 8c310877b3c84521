import type { MegaForwarding } from '../../contracts/paper-trail';
import type { CalendarSettings } from '../calendar/calendar-data';
import { countdown, dueInstant } from '../calendar/deadline';
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
