import type { ApprovalItemView } from '../../contracts/projects';
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
  | 'deemed_consent'
  | 'approved'
  | 'rejected';

export function boardStatus(
  item: Pick<ApprovalItemView, 'status' | 'dueAt'>,
  now: Date,
  cal: WorkingCalendar,
  settings: CalendarSettings,
): BoardCellStatus {
  if (item.status !== 'in_review') return item.status;
  if (item.dueAt === null) return 'on_track';
  const left = countdown(now, new Date(item.dueAt), cal, settings);
  // Past due but not yet deemed consented: the engine has not fired yet.
  if (left.overdue) return 'overdue';
  if (left.dueToday) return 'due_today';
  // R14a: amber with settings.warningWorkingDays (default 1) or fewer working days left.
  if (left.workingDaysLeft <= settings.warningWorkingDays) return 'due_soon';
  return 'on_track';
}
