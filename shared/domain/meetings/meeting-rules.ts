import type { DeemedCause } from '../../contracts/deadlines';
import type {
  CloseOutcome,
  MeetingKind,
  MeetingStatus,
  OpinionKind,
  RollEntry,
} from '../../contracts/meetings';
import type { ItemStatus } from '../approval/item-status';
import type { RuleProblem } from '../approval/deemed-consent';

/** How long before its scheduled start a meeting may be opened. */
export const MEETING_OPEN_EARLY_MS = 60 * 60_000;
/**
 * Decision (never-closed meetings): a meeting or inspection still not closed this long after its
 * scheduled end is closed by the engine as "lapsed", WITHOUT applying R15 — the hub cannot tell
 * who was absent from a meeting nobody concluded. Meetings never pause R14 timeouts, so no item
 * waits on a meeting: its own deadline keeps running. *(setting: HUB_MEETING_LAPSE_HOURS)*
 */
export const DEFAULT_MEETING_LAPSE_MS = 24 * 3_600_000;
/** Defaults: a meeting lasts two hours unless the convener says otherwise. */
export const DEFAULT_MEETING_DURATION_MS = 2 * 3_600_000;

const OPEN_ITEM: readonly ItemStatus[] = ['awaiting_acceptance', 'in_review'];

/** R18: invitees default to every department with an open item in the project. */
export function defaultInvitees(items: readonly { departmentId: string; status: ItemStatus }[]): string[] {
  return items.filter((i) => OPEN_ITEM.includes(i.status)).map((i) => i.departmentId);
}

/** The deemed-consent cause of an absence (R15). */
export function absenceCause(kind: MeetingKind): Exclude<DeemedCause, 'timeout'> {
  return kind === 'site_inspection' ? 'inspection_absence' : 'meeting_absence';
}

/** Only departments of the project can be invited, at least one. */
export function inviteesError(invited: readonly string[], projectDepartments: readonly string[]): RuleProblem | null {
  if (invited.length === 0) return { field: 'invitedDepartmentIds', message: 'Invite at least one department' };
  const stranger = invited.find((d) => !projectDepartments.includes(d));
  if (stranger) return { field: 'invitedDepartmentIds', message: `Department ${stranger} has no item in this project` };
  return null;
}

export function scheduleError(startsAt: Date, endsAt: Date, now: Date): RuleProblem | null {
  if (endsAt.getTime() <= startsAt.getTime()) return { field: 'endsAt', message: 'The end must come after the start' };
  if (endsAt.getTime() <= now.getTime()) return { field: 'startsAt', message: 'The meeting would already be over' };
  return null;
}

/** R19: the convener opens the room at meeting time (up to an hour early). */
export function openError(meeting: { status: MeetingStatus; startsAt: Date }, now: Date): RuleProblem | null {
  if (meeting.status !== 'scheduled') return { field: 'status', message: `The meeting is ${meeting.status}`, conflict: true };
  if (now.getTime() < meeting.startsAt.getTime() - MEETING_OPEN_EARLY_MS) {
    return { field: 'status', message: 'Too early: the room opens at most an hour before the meeting', conflict: true };
  }
  return null;
}

/** R18: agree; agree with conditions (the conditions required); disagree (the legal basis required). */
export function opinionError(opinion: { kind: OpinionKind; conditions?: string | null; basis?: string | null }): RuleProblem | null {
  if (opinion.kind === 'agree_with_conditions' && !opinion.conditions?.trim()) {
    return { field: 'conditions', message: 'Agreeing with conditions must state the conditions' };
  }
  if (opinion.kind === 'disagree' && !opinion.basis?.trim()) {
    return { field: 'basis', message: 'Disagreeing must state its legal basis' };
  }
  return null;
}

/** Only an open meeting takes attendance and opinions: never before it opens, never after it closes. */
export function roomClosedError(status: MeetingStatus): RuleProblem | null {
  if (status === 'open') return null;
  return { field: 'status', message: status === 'scheduled' ? 'The meeting has not been opened yet' : `The meeting is ${status}`, conflict: true };
}

export interface Invitation {
  departmentId: string;
  presentAt: Date | null;
  presentHow: 'joined' | 'marked' | null;
  outcome: CloseOutcome | null;
}

/** A written explanation about this meeting, as far as the leader has ruled (R15/R16). */
export type ExcuseState = 'accepted' | 'pending' | 'rejected';

/**
 * R19 roll call: who is present, who is expected, who is absent. Attendance is a durable fact:
 * once present, always present (a dropped connection changes nothing). Before the close nobody is
 * absent yet — the not-yet-present are expected; at the close the outcome decides.
 */
export function rollCall(
  status: MeetingStatus,
  invitations: readonly Invitation[],
  excuses: ReadonlyMap<string, ExcuseState>,
): RollEntry[] {
  return invitations.map((inv) => {
    const base = {
      departmentId: inv.departmentId,
      presentAt: inv.presentAt ? inv.presentAt.toISOString() : null,
      presentHow: inv.presentHow,
      outcome: inv.outcome,
    };
    if (inv.presentAt) return { ...base, state: 'present' as const };
    if (status === 'closed') {
      const state = inv.outcome === 'excused' ? 'excused' : inv.outcome === 'held' ? 'held' : 'absent';
      return { ...base, state };
    }
    if (excuses.get(inv.departmentId) === 'accepted') return { ...base, state: 'excused' as const };
    // A lapsed meeting (never closed) applies no R15: the not-yet-present stay as they were, expected.
    return { ...base, state: 'expected' as const };
  });
}

/**
 * R15 at the close: each invited department's outcome. Absent without an explanation accepted by a
 * leader → deemed to consent on its running item. A pending explanation (this meeting's, or any
 * on the item) holds it until the ruling (R16). An item not yet accepted has no clock and no
 * complete main materials: it is not deemed (Decision), the absence is still recorded.
 */
export function closingOutcomes(
  invitations: readonly Pick<Invitation, 'departmentId' | 'presentAt'>[],
  excuses: ReadonlyMap<string, ExcuseState>,
  items: ReadonlyMap<string, { status: ItemStatus; explanationPending: boolean }>,
): Map<string, CloseOutcome> {
  const outcomes = new Map<string, CloseOutcome>();
  for (const inv of invitations) {
    const item = items.get(inv.departmentId);
    let outcome: CloseOutcome;
    if (inv.presentAt) outcome = 'present';
    else if (excuses.get(inv.departmentId) === 'accepted') outcome = 'excused';
    else if (excuses.get(inv.departmentId) === 'pending' || item?.explanationPending) outcome = 'held';
    else if (item?.status === 'in_review') outcome = 'deemed';
    else outcome = 'absent_no_open_item';
    outcomes.set(inv.departmentId, outcome);
  }
  return outcomes;
}

/** The never-closed rule: lapses at scheduled end + lapse window, if still scheduled or open. */
export function lapseDue(meeting: { status: MeetingStatus; endsAt: Date }, now: Date, lapseMs: number): boolean {
  return (meeting.status === 'scheduled' || meeting.status === 'open') && now.getTime() >= meeting.endsAt.getTime() + lapseMs;
}
