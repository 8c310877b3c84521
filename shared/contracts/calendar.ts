export type DayReason =
  | 'acceptance_day'
  | 'working_day'
  | 'make_up_working_day'
  | 'weekend'
  | 'public_holiday'
  /** R10a: a working day a special procedure (hearing, expert review, …) covered: not counted. */
  | 'special_procedure';

export interface ExplainedDay {
  date: string;
  counted: boolean;
  reason: DayReason;
  /** Holiday or make-up day name, e.g. "春节"; for a special procedure its name, e.g. "专家评审". */
  name?: string;
}

/** GET /api/calendar/deadline: every due instant can explain itself (R11). */
export interface DeadlineExplanation {
  from: string;
  workingDays: number;
  dueAt: string;
  provisional: boolean;
  days: ExplainedDay[];
  /**
   * GET /api/items/:id/deadline: the item's own due instant when the calendar does not give it —
   * set by hand (extension, delay, ruling), or a passed deadline that fired before a calendar change (R11).
   */
  itemDueAt?: string;
  /**
   * R10a: a special procedure is still open: its days so far are shown stopped, and dueAt is where the
   * deadline would fall were it to end now.
   */
  paused?: { kind: string; name: string; since: string };
}
