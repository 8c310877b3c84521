import type { ItemStatus } from '../domain/approval/item-status';
import type { CivilDate } from '../domain/calendar/calendar-data';
import type { ProjectLifeState } from '../domain/projects/project-life';
import type { ClockStoppingProcedure, DeemedCause, ExplanationKind } from './deadlines';

/** R3: the ways a project may enter the green channel. */
export const PROJECT_CATEGORIES = ['national_key', 'provincial_key', 'city_key', 'free_agency', 'leader_directed'] as const;
export type ProjectCategory = (typeof PROJECT_CATEGORIES)[number];

export const CURRENCIES = ['CNY', 'USD'] as const;
export type Currency = (typeof CURRENCIES)[number];

export const PROJECT_STATUSES = ['registered', 'in_channel'] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];

export interface OwnerOrganisation {
  name: string;
  legalRepresentative: string;
  contactName: string;
  contactPhone: string;
  /** R27: where the applicant is told of each step by e-mail (optional; a mobile contactPhone gets SMS). */
  contactEmail?: string;
}

/** R3: preconditions recorded at intake. */
export interface Preconditions {
  environmentalCompliance: boolean;
  feesAndTaxesPaid: boolean;
  safetyAndStability: boolean;
}

export interface Money {
  /** Decimal string in whole currency units, e.g. "1250000000.00" (no floats for money). */
  amount: string;
  currency: Currency;
}

export interface RegisterProjectRequest {
  name: string;
  owner: OwnerOrganisation;
  category: ProjectCategory;
  preconditions: Preconditions;
  totalInvestment: Money;
  /** R6: must be reported to provincial or national authorities. */
  reportToHigherAuthority: boolean;
  /** R4a: the national investment project code (项目代码), when the project has one. */
  nationalCode?: string | null;
}

/** R4a: the window records or corrects the national project code until admission; null clears it. */
export interface NationalCodeRequest {
  nationalCode: string | null;
}

/** R4a: the window records the applicant's withdrawal: the reason and the date the applicant asked. */
export interface WithdrawProjectRequest {
  reason: string;
  requestedOn: CivilDate;
}

export interface ProjectWithdrawal {
  reason: string;
  requestedOn: CivilDate;
  recordedBy: string;
  recordedAt: string;
}

/** R4a: completion (办结), recorded once with its numbered notice. */
export interface ProjectCompletion {
  completedAt: string;
  noticeId: string;
  noticeNumber: string;
}

export interface AdmitProjectRequest {
  leadDepartmentId: string;
  participatingDepartmentIds: string[];
  /** R3 Decision: required exactly when a precondition is not met — the leader's recorded reason (特事特办). */
  overrideReason?: string;
}

/** R3 Decision: a leader refuses admission, with a reason (the card and the applicant's page show it). */
export interface RefuseAdmissionRequest {
  reason: string;
}

/** R3: a refused admission, stored as projects.admission_refused_at / _by / admission_refusal_reason. */
export interface AdmissionRefusalRecord {
  reason: string;
  refusedAt: string;
  refusedBy: { id: string; displayName: string };
}

export interface SealRecord {
  number: string;
  sealedBy: { id: string; displayName: string };
  sealedAt: string;
}

export interface ApprovalItemView {
  id: string;
  projectId: string;
  departmentId: string;
  isLead: boolean;
  status: ItemStatus;
  acceptedAt: string | null;
  dueAt: string | null;
  /** True when the due instant falls in a year whose calendar is provisional (R11). */
  provisional: boolean;
  deadlineVersion: number;
  decidedAt: string | null;
  basis: string | null;
  noticeNumber: string | null;
  /** R17: why a deemed-consent item was deemed (board, wall and card show the cause); null otherwise. */
  deemedCause: DeemedCause | null;
  /** R16: a written explanation awaiting a leader's ruling holds the R14 clock. */
  pendingExplanation: PendingExplanation | null;
  /** R10a: a special procedure (hearing, expert review, …) is open: the clock is stopped since `since`. */
  paused?: { procedureId: string; kind: ClockStoppingProcedure; since: string } | null;
  /**
   * R18: the department's current opinion at the project's latest meeting where it gave one was
   * "disagree" — shown as "opposed at the meeting" until it decides the item (see opposedAtMeeting).
   */
  opposed?: OpposedAtMeeting | null;
}

/** R18: a disagreement in a meeting, with its legal basis; not the item's decision. */
export interface OpposedAtMeeting {
  meetingId: string;
  meetingTitle: string;
  basis: string;
  givenAt: string;
}

export interface PendingExplanation {
  id: string;
  /** R16: only a 'deadline' explanation holds the R14 clock. */
  kind: ExplanationKind;
  text: string;
  filedAt: string;
  meetingId: string | null;
  /** R16: the leader's ruling is due by this instant; past it (still pending) the ruling is overdue. */
  rulingDueAt: string;
}

export interface ProjectView {
  id: string;
  code: string;
  name: string;
  owner: OwnerOrganisation;
  category: ProjectCategory;
  preconditions: Preconditions;
  totalInvestment: Money;
  reportToHigherAuthority: boolean;
  /** R6: total investment over 1e9 CNY or 1e8 USD (see isMegaProject). */
  mega: boolean;
  status: ProjectStatus;
  registeredAt: string;
  seal: SealRecord | null;
  /** R3: the leader's reason for admitting with a precondition not met; null when none was needed. */
  admissionOverrideReason: string | null;
  /** R3: set when a leader refused admission; the project is then never admitted. */
  admissionRefusal: AdmissionRefusalRecord | null;
  leadDepartmentId: string | null;
  items: ApprovalItemView[];
  /** R4a: the state of the project's life (see projectLifeState). */
  life: ProjectLifeState;
  nationalCode: string | null;
  withdrawal: ProjectWithdrawal | null;
  completion: ProjectCompletion | null;
}

export const DECISION_OUTCOMES = ['approved', 'rejected'] as const;
export type DecisionOutcome = (typeof DECISION_OUTCOMES)[number];

export interface DecisionRequest {
  outcome: DecisionOutcome;
  /** Legal basis; required when rejecting (R18 wording, R2 own department only). */
  basis?: string;
}
