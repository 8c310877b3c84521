import type { CivilDate } from '../domain/calendar/calendar-data';
import type { InquiryStatus } from '../domain/inquiries/inquiry-status';
import type { Role } from './auth';
import type { CardActor } from './card';

/** R23: how the inquirer reached the center (第一篇 二: 亲临现场, 电话, 传真, 互联网). */
export const INQUIRY_CHANNELS = ['in_person', 'phone', 'fax', 'internet'] as const;
export type InquiryChannel = (typeof INQUIRY_CHANNELS)[number];

export const INQUIRER_KINDS = ['person', 'organisation'] as const;
export type InquirerKind = (typeof INQUIRER_KINDS)[number];

/** What the inquirer came for (首问负责制度 一、2: 咨询、查询、投诉和业务受理). */
export const MATTER_TYPES = ['consultation', 'status_query', 'application', 'complaint', 'other'] as const;
export type MatterType = (typeof MATTER_TYPES)[number];

export interface Inquirer {
  kind: InquirerKind;
  /** The person's name, or the organisation's. */
  name: string;
  /** For an organisation: the person who asked. Null for a person. */
  contactName: string | null;
  /** How to reach the inquirer: phone, fax, e-mail or address. */
  contact: string;
}

/** R23: the dispositions a first responder (or whoever holds the inquiry) can record. */
export const DISPOSITION_KINDS = ['answer', 'promise', 'transfer', 'refer', 'escalate'] as const;
export type DispositionKind = (typeof DISPOSITION_KINDS)[number];

/**
 * One disposition. Which fields belong to which kind is checked by dispositionErrors():
 * answer → answer; promise → workingDays (note optional); transfer → exactly one of
 * toUserId / toDepartmentId (note optional); refer → referredTo and referredContact;
 * escalate → note (why it is a major matter).
 */
export interface DispositionRequest {
  kind: DispositionKind;
  answer?: string;
  workingDays?: number;
  toUserId?: string;
  toDepartmentId?: string;
  referredTo?: string;
  referredContact?: string;
  note?: string;
}

export interface RegisterInquiryRequest {
  channel: InquiryChannel;
  inquirer: Inquirer;
  subject: string;
  matterType: MatterType;
  /** The phone the first responder gave the inquirer with their name (第一篇 四(一)). */
  responderContact: string;
  /** Recorded in the same transaction when the matter is disposed of at once. */
  disposition?: DispositionRequest;
}

export const SATISFACTION_LEVELS = ['satisfied', 'basically_satisfied', 'dissatisfied'] as const;
export type Satisfaction = (typeof SATISFACTION_LEVELS)[number];

/** R24 回访: the inquirer's view of the result. */
export interface FollowUpRequest {
  satisfaction: Satisfaction;
  /** Required when dissatisfied. */
  comment?: string;
}

export interface ReminderRequest {
  note: string;
}

export interface LinkProjectRequest {
  projectId: string;
}

/** Who answers for the inquiry: the first responder, as the inquirer was told. */
export interface InquiryResponder {
  id: string;
  displayName: string;
  role: Role;
  departmentId: string | null;
  contact: string;
}

/** GET /api/inquiries/responder: the signed-in user as a first responder, with the phone last given. */
export interface ResponderCard {
  id: string;
  displayName: string;
  role: Role;
  departmentId: string | null;
  /** The contact this user gave on their latest inquiry, to prefill the next one. */
  lastContact: string | null;
}

/** A colleague an inquiry may be transferred to (GET /api/inquiries/transfer-targets). */
export interface TransferTarget {
  id: string;
  displayName: string;
  role: Role;
  departmentId: string | null;
}

export interface InquiryHandler {
  /** The named colleague, or the liaison who acknowledged for the department. */
  userId: string | null;
  displayName: string | null;
  departmentId: string | null;
  transferredAt: string;
  transferredBy: string;
  acknowledgedAt: string | null;
}

export interface InquiryPromise {
  promisedAt: string;
  promisedBy: string;
  workingDays: number;
  /** The last working day of the promise, in the center's zone. */
  dueDate: CivilDate;
  /** End of dueDate (settings.endOfDay): overdue from this instant on (R24). */
  dueAt: string;
  provisional: boolean;
}

export interface InquiryClosure {
  at: string;
  by: string;
  answer: string | null;
  referredTo: string | null;
  referredContact: string | null;
}

export interface InquiryFollowUp {
  at: string;
  by: string;
  satisfaction: Satisfaction;
  comment: string | null;
}

export interface InquiryView {
  id: string;
  /** e.g. SW-2026-0007 */
  number: string;
  channel: InquiryChannel;
  inquirer: Inquirer;
  subject: string;
  matterType: MatterType;
  responder: InquiryResponder;
  registeredAt: string;
  status: InquiryStatus;
  handler: InquiryHandler | null;
  promise: InquiryPromise | null;
  /** When the hub flagged the promise as overdue (R24), once. */
  overdueFlaggedAt: string | null;
  escalation: { at: string; by: string; reason: string } | null;
  /** Last supervision reminder (督办) by the first responder or a leader. */
  lastReminder: { at: string; by: string; note: string } | null;
  closure: InquiryClosure | null;
  followUp: InquiryFollowUp | null;
  /** The green-channel project this inquiry became, if any. */
  project: { id: string; code: string } | null;
}

export const INQUIRY_HISTORY_ACTIONS = [
  'inquiry.registered',
  'inquiry.answered',
  'inquiry.promised',
  'inquiry.transferred',
  'inquiry.acknowledged',
  'inquiry.referred',
  'inquiry.escalated',
  'inquiry.reminded',
  'inquiry.overdue',
  'inquiry.followed_up',
  'inquiry.project_linked',
] as const;
export type InquiryHistoryAction = (typeof INQUIRY_HISTORY_ACTIONS)[number];

/** One step of an inquiry's own append-only, hash-chained history (like the tracking card, R5). */
export interface InquiryHistoryEntry {
  inquiryId: string;
  /** 1-based order on this inquiry's history. */
  seq: number;
  at: string;
  /** null when the hub itself acted (the overdue flag). */
  actor: CardActor | null;
  action: InquiryHistoryAction;
  before: InquiryStatus | null;
  after: InquiryStatus;
  detail: Record<string, string>;
  prevHash: string;
  hash: string;
}

export interface InquiryDetail extends InquiryView {
  history: InquiryHistoryEntry[];
}

export interface InquiryHistoryVerification {
  valid: boolean;
  entries: number;
  head: string;
  brokenAt?: number;
}

/** Live push to the owner, the transferee (user or department) and leaders. */
export interface InquiryChangedEvent {
  inquiry: InquiryView;
  entry: InquiryHistoryEntry;
}

/** One line of the leaders' statistics (per staff member or per department). */
export interface InquiryStatsRow {
  /** User id, department id, or null for the center's own staff (no department). */
  key: string | null;
  name: string;
  inquiries: number;
  closed: number;
  promised: number;
  repliedOnTime: number;
  /** Replied after the promised date, or still open past it. */
  late: number;
  transfersMade: number;
  transfersReceived: number;
  followUps: number;
  dissatisfied: number;
}

export interface InquiryStatistics {
  from: CivilDate;
  to: CivilDate;
  generatedAt: string;
  byStaff: InquiryStatsRow[];
  byDepartment: InquiryStatsRow[];
  totals: InquiryStatsRow;
}
