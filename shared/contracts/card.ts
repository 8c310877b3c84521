import type { Role } from './auth';
import type { MeetingSummary } from './meetings';
import type { ProjectPaperwork } from './paper-trail';
import type { ApprovalItemView, ProjectStatus, ProjectCategory } from './projects';
import type { ProjectLifeState } from '../domain/projects/project-life';

/** Everything the tracking card (R5) can record. */
export const CARD_ACTIONS = [
  'project.registered',
  'project.admitted',
  // R3: a leader refused admission, with its reason
  'project.admission_refused',
  // R4a: the national project code set, withdrawn, completed (办结)
  'project.national_code_set',
  'project.withdrawn',
  'project.completed',
  'item.accepted',
  'item.approved',
  'item.rejected',
  'item.deemed_consent',
  // R17: a leader revokes a deemed consent issued in error (correction notice); any document corrected
  'item.consent_revoked',
  'document.corrected',
  // R12, R13, R16: deadline changes and holds
  'item.extended',
  'item.delayed',
  'explanation.filed',
  'explanation.ruled',
  // R16: a ruling not made in time escalates once; R13/R17: a deemed consent undone by a correction notice
  'explanation.ruling_overdue',
  'item.deemed_consent_corrected',
  // R10a: a special procedure (hearing, expert review, …) stopped the clock
  'item.special_procedure',
  // R15, R18, R19, R20: meetings and site inspections
  'meeting.convened',
  'meeting.opened',
  'meeting.attended',
  'meeting.opinion',
  'meeting.rectification',
  'meeting.close_proposed',
  'meeting.closed',
  'meeting.lapsed',
  // R6–R9, R17: materials, numbered documents, applicant access, mega-project forwarding
  'material.required',
  'material.requested',
  'material.ruled',
  'material.received',
  // R28: a file attached to a material (its name and content hash)
  'material.file_attached',
  'document.issued',
  'access.issued',
  'mega.tracker_assigned',
  'mega.forwarding_started',
  'mega.forwarded',
  'mega.forwarding_escalated',
  // R6/R11: a calendar change moved a running forward deadline
  'mega.forwarding_recomputed',
  // R14a early warning (alerted once per deadline); R11 a running deadline moved by a calendar change
  'item.warned',
  'item.deadline_recomputed',
] as const;
export type CardAction = (typeof CARD_ACTIONS)[number];

export interface CardActor {
  id: string;
  displayName: string;
  role: Role;
  /** R1: a deputy in its period acts for this liaison (shown "张三（代 李四）"). Absent otherwise. */
  onBehalfOf?: { id: string; displayName: string };
}

/** A project as the board shows it; also the project state recorded on the card. */
export interface BoardProject {
  id: string;
  code: string;
  name: string;
  category: ProjectCategory;
  mega: boolean;
  status: ProjectStatus;
  registeredAt: string;
  leadDepartmentId: string | null;
  items: ApprovalItemView[];
  /** R6–R9: materials missing, documents, forwarding. Absent on card entries recorded before it existed. */
  paperwork?: ProjectPaperwork;
  /** R4a: the state of the project's life; absent on card entries recorded before it existed (see lifeOf). */
  life?: ProjectLifeState;
  /** R4a: the national project code (项目代码); absent on card entries recorded before it existed. */
  nationalCode?: string | null;
}

/** The state a card entry records before and after its step (R5). */
export type CardState =
  { kind: 'project'; project: BoardProject } | { kind: 'item'; item: ApprovalItemView } | { kind: 'meeting'; meeting: MeetingSummary };

export interface CardEntry {
  /** Global, strictly increasing stream position (R25 replay key). */
  position: number;
  projectId: string;
  /** 1-based order of the entry on its project's card. */
  seq: number;
  at: string;
  /** null when the hub itself acted (e.g. the deadline engine). */
  actor: CardActor | null;
  action: CardAction;
  before: CardState | null;
  after: CardState;
  /** Extra facts of the step, e.g. { noticeNumber, basis, sealNumber }. */
  detail: Record<string, string>;
  /** R17: the notices issued in this step, each with the SHA-256 of its content as issued. Absent when none. */
  notices?: CitedNotice[];
  prevHash: string;
  hash: string;
}

/** A notice as its card entry cites it: recomputing the stored notice's content hash must give `contentHash`. */
export interface CitedNotice {
  id: string;
  number: string;
  contentHash: string;
}

/**
 * Why a card does not verify: an entry that no longer hashes into the chain (changed, removed,
 * reordered); a cited notice missing or no longer matching its hash; or a chain that ends short
 * of, or differs from, the head recorded beside it (a deleted last entry, a re-chained card).
 */
export type CardProblem = 'entry' | 'notice' | 'head';

export interface CardVerification {
  valid: boolean;
  entries: number;
  head: string;
  /** seq of the first entry that does not verify, when invalid (entries + 1 when entries are missing at the end). */
  brokenAt?: number;
  problem?: CardProblem;
  /** The cited notice that does not verify, for problem 'notice'. */
  noticeId?: string;
}

/** R5: the head of every card at one stream position, signed so a copy kept elsewhere proves it. */
export interface CardCheckpoint {
  position: number;
  at: string;
  heads: { projectId: string; seq: number; hash: string }[];
  /** Notices on no card (R22 circulation reports about a department) with their content hashes. */
  documents?: { id: string; contentHash: string }[];
  /** SHA-256 of the signing public key (hex, first 16 characters). */
  keyId: string;
  /** Ed25519 signature (base64) over the canonical JSON of { position, at, heads, documents }. */
  signature: string;
}

export interface CheckpointProblem {
  projectId: string | null;
  /** The notice concerned, for notice_missing and notice_rewritten. */
  noticeId?: string;
  problem: 'truncated' | 'rewritten' | 'project_missing' | 'notice_missing' | 'notice_rewritten';
}

export interface CheckpointVerification {
  /** The signature is this hub's and the checkpoint unaltered. */
  signatureValid: boolean;
  /**
   * Signature valid, the stream not cut short, and every chain the checkpoint covers recomputed
   * from the stored entries to its signed head, every notice recomputed to its cited hash.
   */
  valid: boolean;
  problems: CheckpointProblem[];
}

export interface BoardSnapshot {
  /** Stream position the snapshot reflects; replay from here with `sync`. */
  position: number;
  /** The hub clock (database time) when the snapshot was taken. */
  serverNow: string;
  projects: BoardProject[];
}
