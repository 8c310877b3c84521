import type { DeemedCause } from '../../contracts/deadlines';
import type { CloseOutcome, MeetingKind, Punctuality, MeetingStatus, OpinionKind, RollEntry } from '../../contracts/meetings';
import type { ItemStatus } from '../approval/item-status';
import type { RuleProblem } from '../approval/deemed-consent';
import { addCalendarDays } from '../calendar/civil-date';
import { civilDateOf, zonedInstant } from '../calendar/time-zone';
import { isWorkingDay, type WorkingCalendar } from '../calendar/working-calendar';
import { workingMsBetween } from '../calendar/working-time';

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

/**
 * R15a settings: the minimum notice (working days, counted on the shared working-day calendar, R11)
 * and the grace after the start within which joining is on time. *(settings: HUB_MEETING_NOTICE_WORKING_DAYS,
 * HUB_MEETING_GRACE_MINUTES)*
 */
export interface MeetingTiming {
  noticeWorkingDays: number;
  graceMs: number;
}
export const DEFAULT_MEETING_TIMING: MeetingTiming = { noticeWorkingDays: 1, graceMs: 15 * 60_000 };

/** A refusal that names the rule it enforces (problem+json carries it). */
export interface RuleRefusal extends RuleProblem {
  rule: string;
}

const WORKING_DAY_MS = 86_400_000;

/**
 * R15a: a department was invited with the minimum notice when the working time between its invitation
 * and the start (weekends and holidays not counted, a working day counting whole, as R21 counts it)
 * is at least the notice in working days.
 */
export function noticeGiven(invitedAt: Date, startsAt: Date, cal: WorkingCalendar, timeZone: string, workingDays: number): boolean {
  return workingMsBetween(invitedAt, startsAt, cal, timeZone) >= workingDays * WORKING_DAY_MS;
}

/** R15a: the earliest start at which an invitation sent at `invitedAt` gives the minimum notice. */
export function earliestBindingStart(invitedAt: Date, cal: WorkingCalendar, timeZone: string, workingDays: number): Date {
  let remaining = workingDays * WORKING_DAY_MS;
  let date = civilDateOf(invitedAt, timeZone);
  // A year of days is far more than any notice needs; the calendar knows every day (R11).
  for (let guard = 0; guard < 400; guard++, date = addCalendarDays(date, 1)) {
    if (!isWorkingDay(date, cal)) continue;
    const start = Math.max(invitedAt.getTime(), zonedInstant(date, '00:00', timeZone).getTime());
    const end = zonedInstant(date, '24:00', timeZone).getTime();
    if (end - start >= remaining) return new Date(start + remaining);
    remaining -= Math.max(0, end - start);
  }
  throw new RangeError('No working days within a year of the invitation');
}

/** R15a: joined or marked present no later than the start plus the grace is on time; later is late. */
export function punctuality(presentAt: Date | null, startsAt: Date, graceMs: number): Punctuality | null {
  if (!presentAt) return null;
  return presentAt.getTime() <= startsAt.getTime() + graceMs ? 'on_time' : 'late';
}

/**
 * R15a: a meeting closes (with R15 effect) only once open and only after its start plus the grace —
 * an "ambush" close right after opening would deem departments that had no chance to come.
 * Who may close (the window or a leader, never a liaison) is the permission `meeting.close`.
 */
export function closeError(meeting: { status: MeetingStatus; startsAt: Date }, now: Date, graceMs: number): RuleRefusal | null {
  const closed = roomClosedError(meeting.status);
  if (closed) return { ...closed, rule: 'R15a' };
  if (now.getTime() < meeting.startsAt.getTime() + graceMs) {
    const minutes = Math.round(graceMs / 60_000);
    return {
      rule: 'R15a',
      field: 'status',
      code: 'meeting.grace_not_over',
      conflict: true,
      message: `R15a: the meeting may close only after its start plus ${minutes} minutes of grace`,
    };
  }
  return null;
}

/**
 * R15a: whoever closes may excuse a late arrival, with a reason — only a department that did arrive
 * late, once each, and the reason must be given.
 */
export function lateExcusesError(
  lateExcuses: readonly { departmentId: string; reason: string }[],
  invitations: readonly Pick<Invitation, 'departmentId' | 'presentAt'>[],
  startsAt: Date,
  graceMs: number,
): RuleRefusal | null {
  const seen = new Set<string>();
  for (const [i, excuse] of lateExcuses.entries()) {
    const invitation = invitations.find((inv) => inv.departmentId === excuse.departmentId);
    if (!invitation || punctuality(invitation.presentAt, startsAt, graceMs) !== 'late' || seen.has(excuse.departmentId)) {
      return {
        rule: 'R15a',
        field: `lateExcuses[${i}].departmentId`,
        code: 'meeting.late_excuse_invalid',
        message: 'R15a: only a department that arrived late can be excused for it, once',
      };
    }
    if (!excuse.reason.trim())
      return {
        rule: 'R15a',
        field: `lateExcuses[${i}].reason`,
        code: 'meeting.late_excuse_reason',
        message: 'R15a: excusing a late arrival states the reason',
      };
    seen.add(excuse.departmentId);
  }
  return null;
}

const OPEN_ITEM: readonly ItemStatus[] = ['awaiting_acceptance', 'in_review'];

/** R18: invitees default to every department with an open item in the project. */
export function defaultInvitees(items: readonly { departmentId: string; status: ItemStatus }[]): string[] {
  return items.filter((i) => OPEN_ITEM.includes(i.status)).map((i) => i.departmentId);
}

/** The deemed-consent cause of an absence (R15). */
export function absenceCause(kind: MeetingKind): Extract<DeemedCause, 'meeting_absence' | 'inspection_absence'> {
  return kind === 'site_inspection' ? 'inspection_absence' : 'meeting_absence';
}

/** Only departments of the project can be invited, at least one. */
export function inviteesError(invited: readonly string[], projectDepartments: readonly string[]): RuleProblem | null {
  if (invited.length === 0)
    return { field: 'invitedDepartmentIds', code: 'meeting.no_invitees', message: 'Invite at least one department' };
  const stranger = invited.find((d) => !projectDepartments.includes(d));
  if (stranger)
    return {
      field: 'invitedDepartmentIds',
      code: 'meeting.invitee_not_in_project',
      message: `Department ${stranger} has no item in this project`,
    };
  return null;
}

export function scheduleError(startsAt: Date, endsAt: Date, now: Date): RuleProblem | null {
  if (endsAt.getTime() <= startsAt.getTime())
    return { field: 'endsAt', code: 'meeting.order', message: 'The end must come after the start' };
  if (endsAt.getTime() <= now.getTime())
    return { field: 'startsAt', code: 'meeting.already_over', message: 'The meeting would already be over' };
  return null;
}

/** R19: the convener opens the room at meeting time (up to an hour early). */
export function openError(meeting: { status: MeetingStatus; startsAt: Date }, now: Date): RuleProblem | null {
  if (meeting.status !== 'scheduled')
    return {
      field: 'status',
      code: meeting.status === 'open' ? 'meeting.already_open' : 'meeting.ended',
      message: `The meeting is ${meeting.status}`,
      conflict: true,
    };
  if (now.getTime() < meeting.startsAt.getTime() - MEETING_OPEN_EARLY_MS) {
    return {
      field: 'status',
      code: 'meeting.too_early',
      message: 'Too early: the room opens at most an hour before the meeting',
      conflict: true,
    };
  }
  return null;
}

/** R18: agree; agree with conditions (the conditions required); disagree (the legal basis required). */
export function opinionError(opinion: { kind: OpinionKind; conditions?: string | null; basis?: string | null }): RuleProblem | null {
  if (opinion.kind === 'agree_with_conditions' && !opinion.conditions?.trim()) {
    return { field: 'conditions', code: 'opinion.conditions_required', message: 'Agreeing with conditions must state the conditions' };
  }
  if (opinion.kind === 'disagree' && !opinion.basis?.trim()) {
    return { field: 'basis', code: 'opinion.basis_required', message: 'Disagreeing must state its legal basis' };
  }
  return null;
}

/**
 * R18 Decision: each department's opinion history in a meeting is bounded: the current version plus
 * the last few before it. A meeting view carries at most this many versions per department.
 */
export const OPINION_VERSIONS_SHOWN = 4;

/** R18: the bounded history — each department's last `shown` versions, oldest first. */
export function boundedOpinionHistory<T extends { departmentId: string; version: number }>(
  history: readonly T[],
  shown = OPINION_VERSIONS_SHOWN,
): T[] {
  const latest = new Map<string, number>();
  for (const o of history) latest.set(o.departmentId, Math.max(latest.get(o.departmentId) ?? 0, o.version));
  return history.filter((o) => o.version > latest.get(o.departmentId)! - shown);
}

/**
 * R18 Decision: an opinion is not the item's decision. A department whose current opinion is
 * "disagree" shows "opposed at the meeting", with the basis, until it decides its item (approved,
 * rejected — or deemed to consent, which decides it too).
 */
export function opposedAtMeeting<T>(item: { status: ItemStatus; opposed?: T | null }): T | null {
  return itemUndecided(item.status) ? (item.opposed ?? null) : null;
}

/** R18: the department has not decided its item yet (approval, rejection or deemed consent decide it). */
export function itemUndecided(status: ItemStatus): boolean {
  return status === 'awaiting_acceptance' || status === 'in_review';
}

/** R18: the departments of a meeting shown opposed in its room: current opinion "disagree", item undecided. */
export function opposedInRoom(
  opinions: readonly { departmentId: string; kind: OpinionKind }[],
  undecidedDepartmentIds: readonly string[],
): string[] {
  return opinions.filter((o) => o.kind === 'disagree' && undecidedDepartmentIds.includes(o.departmentId)).map((o) => o.departmentId);
}

/** Only an open meeting takes attendance and opinions: never before it opens, never after it closes. */
export function roomClosedError(status: MeetingStatus): RuleProblem | null {
  if (status === 'open') return null;
  return {
    field: 'status',
    code: status === 'scheduled' ? 'meeting.not_opened' : 'meeting.ended',
    message: status === 'scheduled' ? 'The meeting has not been opened yet' : `The meeting is ${status}`,
    conflict: true,
  };
}

export interface Invitation {
  departmentId: string;
  presentAt: Date | null;
  presentHow: 'joined' | 'marked' | null;
  outcome: CloseOutcome | null;
  /** R15a: invited with the minimum notice before the start. */
  noticeGiven: boolean;
  /** R15a: the reason the closer excused a late arrival. */
  lateExcuse: string | null;
  /** R17: the number of the notice of a deemed consent at (or after) the close. */
  noticeNumber: string | null;
}

/** A written explanation about this meeting, as far as the leader has ruled (R15/R16). */
export type ExcuseState = 'accepted' | 'pending' | 'rejected';

/**
 * R19/R15a roll call: who is present (on time or late), who is expected, who is absent. Attendance
 * is a durable fact: once present, always present (a dropped connection changes nothing). Before the
 * close nobody is absent yet — the not-yet-present are expected; at the close the outcome decides:
 * present, late (counts as absent), excused (a meeting excuse, or a late arrival excused), held, absent.
 */
export function rollCall(
  meeting: { status: MeetingStatus; startsAt: Date },
  invitations: readonly Invitation[],
  excuses: ReadonlyMap<string, ExcuseState>,
  graceMs: number,
): RollEntry[] {
  return invitations.map((inv) => {
    const arrival = punctuality(inv.presentAt, meeting.startsAt, graceMs);
    const base = {
      departmentId: inv.departmentId,
      presentAt: inv.presentAt ? inv.presentAt.toISOString() : null,
      presentHow: inv.presentHow,
      punctuality: arrival,
      outcome: inv.outcome,
      noticeGiven: inv.noticeGiven,
      lateExcuse: inv.lateExcuse,
      noticeNumber: inv.noticeNumber,
    };
    if (meeting.status === 'closed') {
      const state =
        inv.outcome === 'present'
          ? 'present'
          : inv.outcome === 'excused'
            ? 'excused'
            : inv.outcome === 'held'
              ? 'held'
              : arrival === 'late'
                ? 'late'
                : 'absent';
      return { ...base, state };
    }
    if (arrival) return { ...base, state: arrival === 'late' ? ('late' as const) : ('present' as const) };
    if (excuses.get(inv.departmentId) === 'accepted') return { ...base, state: 'excused' as const };
    // A lapsed meeting (never closed) applies no R15: the not-yet-present stay as they were, expected.
    return { ...base, state: 'expected' as const };
  });
}

/**
 * R15/R15a/R16 at the close: each invited department's outcome.
 * - on time (present by start + grace) → present;
 * - late and excused by the closer with a reason, or excused by a meeting excuse a leader accepted
 *   (filed before the start, about THIS meeting only) → excused;
 * - invited with less than the minimum notice → not_bound: no R15 effect at all (R15a);
 * - a meeting excuse still awaiting a ruling → held until the ruling (R16);
 * - otherwise (absent, or late and not excused) → deemed on its running item. A deadline explanation
 *   holds R14 for its item only, never this meeting's outcome (R16 Decision). An item not yet accepted
 *   has no clock and no complete main materials: not deemed (Decision), the absence still recorded.
 */
export function closingOutcomes(
  meeting: { startsAt: Date },
  invitations: readonly Pick<Invitation, 'departmentId' | 'presentAt' | 'noticeGiven'>[],
  excuses: ReadonlyMap<string, ExcuseState>,
  lateExcuses: ReadonlyMap<string, string>,
  items: ReadonlyMap<string, { status: ItemStatus }>,
  graceMs: number,
): Map<string, CloseOutcome> {
  const outcomes = new Map<string, CloseOutcome>();
  for (const inv of invitations) {
    const arrival = punctuality(inv.presentAt, meeting.startsAt, graceMs);
    let outcome: CloseOutcome;
    if (arrival === 'on_time') outcome = 'present';
    else if ((arrival === 'late' && lateExcuses.has(inv.departmentId)) || excuses.get(inv.departmentId) === 'accepted') outcome = 'excused';
    else if (!inv.noticeGiven) outcome = 'not_bound';
    else if (excuses.get(inv.departmentId) === 'pending') outcome = 'held';
    else if (items.get(inv.departmentId)?.status === 'in_review') outcome = 'deemed';
    else outcome = 'absent_no_open_item';
    outcomes.set(inv.departmentId, outcome);
  }
  return outcomes;
}

/** R15a: the departments a close would deem to consent — what the closer's confirmation names. */
export function wouldBeDeemed(outcomes: ReadonlyMap<string, CloseOutcome>): string[] {
  return [...outcomes].filter(([, o]) => o === 'deemed').map(([d]) => d);
}

/** The never-closed rule: lapses at scheduled end + lapse window, if still scheduled or open. */
export function lapseDue(meeting: { status: MeetingStatus; endsAt: Date }, now: Date, lapseMs: number): boolean {
  return (meeting.status === 'scheduled' || meeting.status === 'open') && now.getTime() >= meeting.endsAt.getTime() + lapseMs;
}
