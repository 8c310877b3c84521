import type { MaterialFileView } from './material-files';
import type { CivilDate } from '../domain/calendar/calendar-data';
import type { ItemStatus } from '../domain/approval/item-status';
import type { ProjectLifeState } from '../domain/projects/project-life';
import type { OwnerOrganisation, ProjectStatus } from './projects';
import type { DeemedCause } from './deadlines';
import type { MeetingKind } from './meetings';

// ---------- materials (R7, R8) ----------

/** R8: main materials (主件) must be complete to accept; secondary ones may follow (边办边补). */
export const MATERIAL_KINDS = ['main', 'secondary'] as const;
export type MaterialKind = (typeof MATERIAL_KINDS)[number];

/**
 * required: on the checklist. requested: asked for after the one-time notification was issued,
 * awaiting a leader's approval (R7). refused: the leader said no; never required.
 */
export const MATERIAL_STATUSES = ['required', 'requested', 'refused'] as const;
export type MaterialStatus = (typeof MATERIAL_STATUSES)[number];

export interface MaterialView {
  id: string;
  projectId: string;
  itemId: string;
  departmentId: string;
  name: string;
  kind: MaterialKind;
  /** Copies required (份数). */
  copies: number;
  /** Copies the window has received so far. */
  received: number;
  status: MaterialStatus;
  /** R7: the one-time notification this material was not on (asked for later), or null. */
  afterNotice: string | null;
  /** Why the department needs it (required when asked for after the notification). */
  reason: string | null;
  ruling: { approved: boolean; by: string; at: string; reason: string | null } | null;
}

export interface AddMaterialRequest {
  name: string;
  kind: MaterialKind;
  copies: number;
  /** Required once the one-time notification is out: why the department asks for more (R7). */
  reason?: string;
}

export interface RecordReceivedRequest {
  /** Total copies received so far (not an increment), 0…copies. */
  received: number;
}

export interface MaterialRulingRequest {
  approved: boolean;
  reason?: string;
}

export interface MissingMaterial {
  id: string;
  name: string;
  kind: MaterialKind;
  copiesMissing: number;
}

/** R8: what is missing, and what that allows. */
export interface MaterialsGate {
  missingMain: MissingMaterial[];
  missingSecondary: MissingMaterial[];
  /** Main materials complete: the item may be accepted (边办、边补). */
  mayAccept: boolean;
  /** Nothing required is missing: a permit may be issued. */
  mayIssuePermit: boolean;
}

export interface ItemMaterialsView {
  itemId: string;
  departmentId: string;
  isLead: boolean;
  status: ItemStatus;
  materials: MaterialView[];
  gate: MaterialsGate;
  /** R17: the permit decision issued for this item, if any. */
  permit: { id: string; number: string } | null;
}

export interface ProjectMaterialsView {
  projectId: string;
  /** R7: the latest one-time notification, if issued. */
  oneTimeNotification: { id: string; number: string; issuedAt: string } | null;
  items: ItemMaterialsView[];
  /** R28: files attached to the project's materials, oldest first (empty when the reader may not read them). */
  files: MaterialFileView[];
  /** R28 (setting): the size limit of one file, so the page can refuse before sending. */
  maxFileBytes: number;
  /** R6: the forwarding of a mega project reported higher; null for any other project. */
  forwarding: MegaForwarding | null;
}

// ---------- numbered documents (R17, R7, R9) ----------

/** Every numbered, immutable document the hub issues; each kind is numbered per year. */
export const NOTICE_KINDS = [
  'timeout_implied_consent',
  'delayed_approval',
  'one_time_notification',
  'circulation_report',
  'permit_decision',
  'receipt',
  'pickup_register',
  'extension_notice',
  'correction_notice',
  // R4a: 办结通知书, issued once when the last decision or permit completes the project
  'completion_notice',
] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

export interface NoticeSummary {
  id: string;
  kind: NoticeKind;
  number: string;
  /** null for a document about a department, not a project (R22: a circulation report). */
  projectId: string | null;
  itemId: string | null;
  issuedAt: string;
  /** The earlier document this one corrects (R17: a correction is a new document citing the old). */
  corrects: { id: string; number: string } | null;
  /** R17: the correction notice that superseded this document; null while it stands. */
  supersededBy: { id: string; number: string } | null;
}

/** The stored document: its content never changes, and its hash proves it. */
export interface NoticeView extends NoticeSummary {
  content: NoticeContent;
  contentHash: string;
  /** The content still hashes to contentHash. */
  hashValid: boolean;
}

/** Stamped by the hub on every document at issue: what it is about, as it was then. */
export interface NoticeEnvelope {
  kind: NoticeKind;
  title: string;
  number: string;
  issuedAt: string;
  /** The center's time zone at issue, so dates print as the center read them. */
  timeZone: string;
  /** null for a document about a department, not a project (R22: a circulation report). */
  project: { code: string; name: string; owner: OwnerOrganisation } | null;
  department: { code: string; name: string } | null;
  issuer: { displayName: string } | null;
  corrects: { id: string; number: string } | null;
}

/** R17: a Timeout Implied Consent Notice's own fields: its cause and its legal instant. */
export interface ImpliedConsentContent {
  itemId: string;
  departmentId: string;
  acceptedAt: string | null;
  dueAt: string | null;
  cause: DeemedCause;
  /** The legal instant: the due instant (timeout, explanation rejected) or the close (absence). */
  effectiveAt: string;
  /** Absence: the meeting or inspection named, its kind and start. */
  meetingId?: string;
  meeting?: string;
  meetingKind?: MeetingKind;
  meetingStartsAt?: string;
  /** Explanation rejected: when it was filed and ruled. */
  explanationFiledAt?: string;
  explanationRuledAt?: string;
}

/** R17: a correction notice (更正通知书) cites the document it corrects, with the reason. */
export interface CorrectionContent {
  corrected: { id: string; number: string; kind: NoticeKind; title: string; issuedAt: string };
  reason: string;
  /** A leader's revocation of a deemed consent: the item returns to review, due at newDueAt. */
  revocation: { itemId: string; newDueAt: string } | null;
}

/** R17: a leader corrects a document (any kind); for a deemed consent's notice, revokes it (newDueAt). */
export interface CorrectNoticeRequest {
  reason: string;
  /** Required to revoke a Timeout Implied Consent Notice: the item's new due instant (R12 bound). */
  newDueAt?: string;
}

/** Each kind's own fields, as issued. Flows of other issues add theirs through NoticesService.issue. */
export type NoticeContent = NoticeEnvelope & Record<string, unknown>;

export interface DocumentMaterialLine {
  department: string;
  name: string;
  kind: MaterialKind;
  copies: number;
}

/** R7: one document with all materials, departments, procedure, time limits and fees. */
export interface OneTimeNotificationContent {
  materials: DocumentMaterialLine[];
  departments: { name: string; lead: boolean; workingDays: number }[];
  procedure: string[];
  fees: string;
  notes: string | null;
}

export interface IssueOneTimeNotificationRequest {
  /** Fees and their basis, or that none are charged (收费标准). */
  fees: string;
  notes?: string;
}

export const APPLICANT_TYPES = ['organisation', 'person'] as const;
export type ApplicantType = (typeof APPLICANT_TYPES)[number];

/** R9: a person (name, occupation, address, phone) or an organisation (name, legal representative, address, phone). */
export interface ReceiptApplicant {
  type: ApplicantType;
  name: string;
  occupation?: string;
  legalRepresentative?: string;
  address: string;
  phone: string;
}

/** R9: procedures whose time is not counted in the promise and must be told (听证、招标、检验、专家评审…). */
export const SPECIAL_PROCEDURES = [
  'hearing',
  'tender',
  'auction',
  'inspection',
  'testing',
  'survey',
  'quarantine',
  'appraisal',
  'expert_review',
] as const;
export type SpecialProcedure = (typeof SPECIAL_PROCEDURES)[number];

export interface IssueReceiptRequest {
  applicant: ReceiptApplicant;
  receivedOn: CivilDate;
  /** null: not accepted on the day received; then notAcceptedReason is required. */
  acceptedOn: CivilDate | null;
  notAcceptedReason?: string;
  promisedCompletionOn: CivilDate;
  specialProcedures: { procedure: SpecialProcedure; workingDays: number }[];
  /** The applicant's name as signed (申请人签字). */
  applicantSignatory: string;
}

export interface ReceiptContent extends Omit<IssueReceiptRequest, 'notAcceptedReason'> {
  notAcceptedReason: string | null;
  received: { name: string; department: string; copies: number }[];
  toSupplement: { name: string; department: string; copies: number }[];
  /** The first responder (首问责任人), shown to the applicant as the window contact. */
  staffName: string;
  /** R1: the access code is printed only at issue (stored as a hash); later prints say so. */
  accessCodeIssued: boolean;
}

export interface IssuedReceipt {
  notice: NoticeSummary;
  /** R1: shown once, on this answer only; the hub keeps its hash. null when issued before. */
  accessCode: string | null;
}

export interface RecordPickupRequest {
  pickedUpOn: CivilDate;
  /** R9: required when picked up after the promised date. */
  lateReason?: string;
  pickerName: string;
}

export interface PickupContent {
  receipt: { id: string; number: string };
  applicant: ReceiptApplicant;
  promisedOn: CivilDate;
  pickedUpOn: CivilDate;
  lateReason: string | null;
  pickerName: string;
  staffName: string;
}

/** R17: the permit decision with the approval seal record (加盖行政审批专用章). */
export interface PermitContent {
  decision: 'approved' | 'deemed_consent';
  /** The timeout implied consent notice the permit follows, for a deemed-consent item. */
  consentNotice: string | null;
  materials: { name: string; copies: number }[];
  seal: { name: string; sealedBy: string; sealedAt: string };
}

/** R13 (issue 3 issues it): the cause and the new due time. */
export interface DelayedApprovalContent {
  cause: string;
  description?: string;
  newDueAt: string;
  previousDueAt?: string | null;
}

/** R12: 延期通知 — a leader extended the item's deadline. */
export interface ExtensionNoticeContent {
  reason: string;
  newDueAt: string;
  previousDueAt: string | null;
  /** Working days all extensions of the item have added so far, and the bound (R12 Decision). */
  addedWorkingDays: number;
  limitWorkingDays: number;
}

/** R22 (issue 5 issues it): the department named and why. */
export interface CirculationReportContent {
  period: string;
  deemedConsents: number;
  text: string;
}

// ---------- mega projects (R6) ----------

export interface MegaForwarding {
  /** When the last missing material arrived (the clock's start); null while incomplete. */
  completeAt: string | null;
  /** R6: forward to the higher authority by then (working days, setting). */
  dueAt: string | null;
  forwardedAt: string | null;
  forwardedTo: string | null;
  tracker: { id: string; displayName: string } | null;
}

export interface AssignTrackerRequest {
  trackerId: string;
}

export interface RecordForwardingRequest {
  /** The provincial or national authority it was reported to. */
  forwardedTo: string;
}

export interface StaffMember {
  id: string;
  displayName: string;
  role: 'leader' | 'window';
}

/** The paperwork state of a project, as the board and its card record it. */
export interface ProjectPaperwork {
  /** R8: copies still missing, over all required materials. */
  missingMain: number;
  missingSecondary: number;
  /** Documents issued for the project (R17). */
  documents: number;
  /** R6: set for mega projects that must be reported to higher authorities. */
  forwarding: MegaForwarding | null;
}

// ---------- the applicant's view (R1) ----------

export interface ProjectStatusLookup {
  projectCode: string;
  accessCode: string;
}

export interface PublicProjectStatus {
  code: string;
  /** R4a: the national project code (项目代码), when recorded. */
  nationalCode: string | null;
  name: string;
  ownerName: string;
  status: ProjectStatus;
  /** R4a: registered, in the channel, refused (with its reason), completed or withdrawn. */
  life: ProjectLifeState;
  withdrawnOn: CivilDate | null;
  completedAt: string | null;
  registeredAt: string;
  /** The one staff member named to the applicant: the window contact on its receipt. */
  windowContact: string | null;
  /** R3 Decision: a leader's refusal of admission, with its reason, is shown to the applicant. */
  admissionRefusal: { reason: string; refusedAt: string } | null;
  departments: {
    name: string;
    nameEn: string;
    lead: boolean;
    status: ItemStatus;
    acceptedAt: string | null;
    dueAt: string | null;
    decidedAt: string | null;
    noticeNumber: string | null;
  }[];
  toSupplement: { department: string; name: string; copiesMissing: number }[];
  /** R28: which materials were received (paper copies or files), never the files themselves. */
  received: { department: string; name: string; copies: number; files: number }[];
  documents: { title: string; number: string; issuedAt: string }[];
}

/** R4a: the 办结通知书's own fields: each department's outcome and the permit decision that ends it. */
export interface CompletionContent {
  completedAt: string;
  items: {
    department: string;
    outcome: 'approved' | 'rejected' | 'deemed_consent';
    noticeNumber: string | null;
    permitNumber: string | null;
  }[];
}
