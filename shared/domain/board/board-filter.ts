import type { CalendarSettings } from '../calendar/calendar-data';
import { addCalendarDays } from '../calendar/civil-date';
import { civilDateOf, zonedInstant } from '../calendar/time-zone';
import { addWorkingDays, type WorkingCalendar } from '../calendar/working-calendar';
import type { BoardCellStatus } from './board-status';

/**
 * The instants that split a running item's due instant into board colours at `now`, so a database
 * can filter by colour with plain comparisons (issue 12): for an item in review with no pending
 * explanation, boardStatus is 'overdue' when dueAt ≤ now, 'due_today' when dueAt ≤ endOfToday,
 * 'due_soon' (R14a amber) when dueAt ≤ amberUntil, else 'on_track'.
 */
export interface BoardStatusBounds {
  now: Date;
  endOfToday: Date;
  amberUntil: Date;
}

export function boardStatusBounds(now: Date, cal: WorkingCalendar, settings: CalendarSettings): BoardStatusBounds {
  const today = civilDateOf(now, settings.timeZone);
  // countdown(): amber while the working days after today up to the due date are ≤ warningWorkingDays,
  // i.e. while the due date falls before the (warningWorkingDays + 1)-th working day after today.
  const firstNotAmber = addWorkingDays(today, settings.warningWorkingDays + 1, cal);
  return {
    now,
    endOfToday: zonedInstant(addCalendarDays(today, 1), '00:00', settings.timeZone),
    amberUntil: zonedInstant(firstNotAmber, '00:00', settings.timeZone),
  };
}

/** The board's order of urgency (the wall shows red, ruling overdue and amber first), most urgent first. */
export const BOARD_URGENCY: readonly BoardCellStatus[] = [
  'overdue',
  'ruling_overdue',
  'held',
  'paused',
  'due_today',
  'due_soon',
  'awaiting_acceptance',
  'on_track',
  'deemed_consent',
  'rejected',
  'approved',
  'withdrawn',
];
