import type { ApprovalItemView, PendingExplanation } from '../../contracts/projects';
import { explanationHoldsDeadline, rulingOverdue } from '../approval/deadline-bounds';
import type { CalendarSettings } from '../calendar/calendar-data';
import { countdown } from '../calendar/deadline';
import type { WorkingCalendar } from '../calendar/working-calendar';

/** The colour-coded state of one item on the board (R14a amber, R14 red). */
export type BoardCellStatus =
  | 'awaiting_acceptance'
  | 'on_track'
  | 'due_soon'
  | 'due_today'
  | 'overdue'
  /** R16: past due, held by a deadline explanation awaiting a ruling still in time. */
  | 'held'
  /** R16: an explanation's ruling is overdue — the leader has not ruled in time (never decides for them). */
  | 'ruling_overdue'
  /** R10a: a special procedure is open: the clock is stopped (the board names the procedure). */
  | 'paused'
  | 'deemed_consent'
  | 'approved'
  | 'rejected'
  /** R4a: stopped by the project's withdrawal — no countdown, nothing deemed. */
  | 'withdrawn';

export function boardStatus(
  item: Pick<ApprovalItemView, 'status' | 'dueAt' | 'paused'> & {
    pendingExplanation?: Pick<PendingExplanation, 'kind' | 'rulingDueAt'> | null;
  },
  now: Date,
  cal: WorkingCalendar,
  settings: CalendarSettings,
): BoardCellStatus {
  if (item.status !== 'in_review') return item.status;
  // R16: a ruling past its due instant shows as such on every board, whatever the item's own deadline.
  const pending = item.pendingExplanation ?? null;
  if (pending && rulingOverdue({ status: 'pending', rulingDueAt: new Date(pending.rulingDueAt) }, now)) return 'ruling_overdue';
  if (item.paused) return 'paused';
  if (item.dueAt === null) return 'on_track';
  const left = countdown(now, new Date(item.dueAt), cal, settings);
  // R16: past due but held by a deadline explanation (a meeting excuse never holds R14).
  if (left.overdue && explanationHoldsDeadline(pending)) return 'held';
  // Past due but not yet deemed consented: the engine has not fired yet.
  if (left.overdue) return 'overdue';
  if (left.dueToday) return 'due_today';
  // R14a: amber with settings.warningWorkingDays (default 1) or fewer working days left.
  if (left.workingDaysLeft <= settings.warningWorkingDays) return 'due_soon';
  return 'on_track';
}
