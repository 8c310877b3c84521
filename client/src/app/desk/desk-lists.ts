import {
  boardStatus,
  forwardingStatus,
  MEETING_OPEN_EARLY_MS,
  rulingOverdue,
  type AlertView,
  type BoardCellStatus,
  type BoardRowItem,
  type BoardRowProject,
  type CalendarSettings,
  type MeetingSummary,
  type WorkingCalendar,
} from '@hub/shared';

/** The calendar the board's statuses are computed on (null until it has loaded). */
export interface DeskClock {
  now: Date;
  cal: WorkingCalendar | null;
  settings: CalendarSettings;
}

/** One item on a desk, with its project and its board colour. */
export interface DeskRow {
  project: Pick<BoardRowProject, 'id' | 'code' | 'name'>;
  item: BoardRowItem;
  cell: BoardCellStatus;
}

const cellOf = (item: BoardRowItem, clock: DeskClock): BoardCellStatus =>
  clock.cal ? boardStatus(item, clock.now, clock.cal, clock.settings) : item.status === 'in_review' ? 'on_track' : item.status;

/**
 * The liaison's to-do (R10, R14): the items of its department that still need an act — accept, or
 * decide — nearest deadline first. An item awaiting acceptance has no deadline yet: it follows the
 * dated ones, oldest project first, so the list never jumps as a clock ticks.
 */
export function liaisonTodo(projects: readonly BoardRowProject[], mayAct: (item: BoardRowItem) => boolean, clock: DeskClock): DeskRow[] {
  const rows: DeskRow[] = [];
  const registered = new Map(projects.map((p) => [p.id, p.registeredAt]));
  for (const project of projects) {
    if (project.status !== 'in_channel') continue;
    for (const item of project.items) {
      if (item.status !== 'awaiting_acceptance' && item.status !== 'in_review') continue;
      if (!mayAct(item)) continue;
      rows.push({ project, item, cell: cellOf(item, clock) });
    }
  }
  const dueOf = (r: DeskRow) => (r.item.dueAt ? Date.parse(r.item.dueAt) : Number.POSITIVE_INFINITY);
  return rows.sort(
    (a, b) =>
      dueOf(a) - dueOf(b) ||
      (registered.get(a.project.id) ?? '').localeCompare(registered.get(b.project.id) ?? '') ||
      a.item.id.localeCompare(b.item.id),
  );
}

/**
 * R15/R15a: the meetings the banner calls the department to — invited, not yet present, and either
 * open or starting within the hour (the room opens at most an hour early). Absence is consent: a
 * liaison must not miss one. Earliest start first.
 */
export function invitationsNow(meetings: readonly MeetingSummary[], departmentId: string | null, now: Date): MeetingSummary[] {
  if (!departmentId) return [];
  return meetings
    .filter((m) => m.invitedDepartmentIds.includes(departmentId) && !m.presentDepartmentIds.includes(departmentId))
    .filter((m) => m.status === 'open' || (m.status === 'scheduled' && Date.parse(m.startsAt) - now.getTime() <= MEETING_OPEN_EARLY_MS))
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt));
}

/** The leader's inbox (R6, R14, R16, R17): what waits for a leader, each list most urgent first. */
export interface LeaderInbox {
  /** R16: explanations awaiting a ruling still in time, earliest ruling due first. */
  rulingsPending: DeskRow[];
  /** R16: rulings past their due instant (they never decide for the leader). */
  rulingsOverdue: DeskRow[];
  /** R14/R15/R17: deemed consents the leader has not yet read. */
  newDeemedConsents: AlertView[];
  /** R6: mega-project forwards past their deadline and not yet forwarded. */
  forwardsEscalated: Pick<BoardRowProject, 'id' | 'code' | 'name' | 'paperwork'>[];
}

export function leaderInbox(projects: readonly BoardRowProject[], alerts: readonly AlertView[], clock: DeskClock): LeaderInbox {
  const rulings: DeskRow[] = [];
  const forwardsEscalated: LeaderInbox['forwardsEscalated'] = [];
  for (const project of projects) {
    for (const item of project.items) {
      if (item.pendingExplanation && (item.status === 'in_review' || item.status === 'awaiting_acceptance'))
        rulings.push({ project, item, cell: cellOf(item, clock) });
    }
    const forwarding = project.paperwork?.forwarding;
    if (forwarding && clock.cal && forwardingStatus(forwarding, clock.now, clock.cal, clock.settings) === 'escalated')
      forwardsEscalated.push(project);
  }
  const rulingDue = (r: DeskRow) => r.item.pendingExplanation!.rulingDueAt;
  rulings.sort((a, b) => rulingDue(a).localeCompare(rulingDue(b)));
  const overdue = (r: DeskRow) => rulingOverdue({ status: 'pending', rulingDueAt: new Date(rulingDue(r)) }, clock.now);
  return {
    rulingsPending: rulings.filter((r) => !overdue(r)),
    rulingsOverdue: rulings.filter(overdue),
    newDeemedConsents: alerts.filter((a) => a.kind === 'deemed_consent' && a.readAt === null),
    forwardsEscalated: forwardsEscalated.sort((a, b) =>
      (a.paperwork?.forwarding?.dueAt ?? '').localeCompare(b.paperwork?.forwarding?.dueAt ?? ''),
    ),
  };
}
