import type { CardActor } from './card';

/**
 * R18/R20: the gatherings that bind departments. A site inspection (联合踏勘) shares the
 * meeting's life (schedule → open → closed | lapsed) and its absence rule (R15).
 */
export const MEETING_KINDS = ['coordination', 'joint_review', 'supervision', 'site_inspection'] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];

/** scheduled → open → closed (R15 applied) | lapsed (never closed; R15 NOT applied). */
export const MEETING_STATUSES = ['scheduled', 'open', 'closed', 'lapsed'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];

/** R18: agree; agree with conditions (text); disagree with the legal basis (required). */
export const OPINION_KINDS = ['agree', 'agree_with_conditions', 'disagree'] as const;
export type OpinionKind = (typeof OPINION_KINDS)[number];

/**
 * Where a department stands in a meeting. While the meeting runs: present | late | expected | excused.
 * Once closed (R15a): present (on time) | late (counts as absent) | excused | held (a meeting excuse
 * awaiting a ruling) | absent.
 */
export const ROLL_STATES = ['present', 'late', 'expected', 'excused', 'held', 'absent'] as const;
export type RollState = (typeof ROLL_STATES)[number];

/** R15a: joined or marked present by the start plus the grace, or later. */
export type Punctuality = 'on_time' | 'late';

/**
 * What closing did to an invited department (recorded on the invitation, R15/R15a). not_bound: invited
 * with less than the minimum notice, so its absence has no R15 effect.
 */
export const CLOSE_OUTCOMES = ['present', 'excused', 'held', 'deemed', 'absent_no_open_item', 'not_bound'] as const;
export type CloseOutcome = (typeof CLOSE_OUTCOMES)[number];

/** A meeting as the card and the desk list carry it. */
export interface MeetingSummary {
  id: string;
  projectId: string;
  kind: MeetingKind;
  title: string;
  startsAt: string;
  endsAt: string;
  /** null when online only. */
  place: string | null;
  online: boolean;
  status: MeetingStatus;
  invitedDepartmentIds: string[];
  presentDepartmentIds: string[];
  convenedBy: CardActor;
  closedAt: string | null;
}

export interface MeetingOpinion {
  departmentId: string;
  /** 1, 2, …: a department that changes its opinion adds a version; none is lost. */
  version: number;
  kind: OpinionKind;
  conditions: string | null;
  basis: string | null;
  givenBy: CardActor;
  givenAt: string;
}

export interface RollEntry {
  departmentId: string;
  state: RollState;
  presentAt: string | null;
  /** 'joined' from the browser (R19) or 'marked' present in person by the convener. */
  presentHow: 'joined' | 'marked' | null;
  /** R15a: on time or late; null while not present. */
  punctuality: Punctuality | null;
  outcome: CloseOutcome | null;
  /** R15a: invited with the minimum notice; false: its absence has no R15 effect. */
  noticeGiven: boolean;
  /** R15a: the closer's reason for excusing a late arrival. */
  lateExcuse: string | null;
  /** R17: the Timeout Implied Consent Notice of a deemed consent from this meeting. */
  noticeNumber: string | null;
}

export interface Rectification {
  id: string;
  departmentId: string | null;
  request: string;
  requestedAt: string;
  done: boolean;
  doneAt: string | null;
}

/** Everything the room page shows (R19), pushed live as `meeting:room`. */
export interface MeetingView extends MeetingSummary {
  projectCode: string;
  projectName: string;
  agenda: string;
  conclusion: string | null;
  /** R20: site inspections only. */
  findings: string | null;
  openedAt: string | null;
  roll: RollEntry[];
  /**
   * R18 Decision: the current opinion of each department (its version is the number of versions
   * given), and a bounded history: the last OPINION_VERSIONS_SHOWN versions of each, current
   * included, oldest first. Every version stays on the card and in the database.
   */
  opinions: MeetingOpinion[];
  opinionHistory: MeetingOpinion[];
  /** R18: invited departments whose item in the project is not decided yet ("opposed" shows until it is). */
  undecidedDepartmentIds: string[];
  rectifications: Rectification[];
  /** Department whose liaison may run the meeting besides the window and leaders (the lead at convening). */
  convenerDepartmentId: string | null;
  /** R15a: the earliest close (start + grace) and the grace itself. */
  closableFrom: string;
  graceMinutes: number;
  /** R15a: the lead liaison's proposal to close (the window or a leader closes). */
  closeProposedAt: string | null;
  /** The project's card position this view reflects: a client keeps the newest view it has seen. */
  asOf: number;
}

export interface ConveneMeetingRequest {
  kind: MeetingKind;
  title: string;
  startsAt: string;
  /** Defaults to startsAt + 2 h. */
  endsAt?: string;
  place?: string;
  online: boolean;
  /** Defaults to every department with an open item in the project. */
  invitedDepartmentIds?: string[];
  agenda?: string;
}

export interface OpinionRequest {
  kind: OpinionKind;
  conditions?: string;
  basis?: string;
}

export interface CloseMeetingRequest {
  conclusion: string;
  /** R20: site inspections. */
  findings?: string;
  /** R15a: late arrivals the closer excuses, each with its reason. */
  lateExcuses?: LateExcuse[];
}

export interface LateExcuse {
  departmentId: string;
  reason: string;
}

/** R15a: what closing now would do, department by department (the closer's confirmation states it). */
export interface ClosePreview {
  meetingId: string;
  /** The earliest instant a close is allowed (start + grace). */
  closableFrom: string;
  outcomes: { departmentId: string; outcome: CloseOutcome }[];
}

export interface MarkPresentRequest {
  departmentId: string;
}

export interface RectificationRequest {
  request: string;
  departmentId?: string;
}

/** Who is connected to the room right now: live, best effort, never used for R15. */
export interface MeetingOnline {
  meetingId: string;
  departmentIds: string[];
  observers: number;
}

export interface JoinMeetingResult {
  ok: boolean;
  error?: string;
  meeting?: MeetingView;
}
