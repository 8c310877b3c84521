/** R13 Decision: the only causes a Delayed Approval Notice (延时审批通知书) may name (第四篇 三(三)); no "other". */
export const DELAY_CAUSES = ['law_policy_change', 'network_outage', 'natural_disaster'] as const;
export type DelayCause = (typeof DELAY_CAUSES)[number];

/** R12: a leader's extension. */
export interface ExtendItemRequest {
  newDueAt: string;
  reason: string;
}

/** R13: the window's force-majeure delay. */
export interface DelayItemRequest {
  cause: DelayCause;
  description: string;
  newDueAt: string;
  /** R13 network outage: the outage period (required for that cause; may have ended up to 1 working day ago). */
  outageFrom?: string;
  outageTo?: string;
}

/**
 * R16 Decision: a deadline explanation holds R14 for its item; a meeting excuse (filed before the
 * meeting's start) holds only that meeting's R15 outcome for the department, never R14.
 */
export const EXPLANATION_KINDS = ['deadline', 'meeting_excuse'] as const;
export type ExplanationKind = (typeof EXPLANATION_KINDS)[number];

/** R16: a department's written explanation, about its deadline or about a meeting. */
export interface FileExplanationRequest {
  text: string;
  meetingId?: string;
}

export const RULINGS = ['accepted', 'rejected'] as const;
export type Ruling = (typeof RULINGS)[number];

export interface RuleExplanationRequest {
  ruling: Ruling;
  note?: string;
  /** Accepted: the new due instant (R12), required while the item runs. */
  newDueAt?: string;
}

export interface ExplanationView {
  id: string;
  itemId: string;
  kind: ExplanationKind;
  meetingId: string | null;
  /** R16: a leader rules by this instant; after it, while pending, the ruling is overdue. */
  rulingDueAt: string;
  text: string;
  status: 'pending' | Ruling;
  filedAt: string;
  filedBy: string;
  ruledAt: string | null;
  note: string | null;
  newDueAt: string | null;
}

/** The deemed-consent causes (R14 timeout, R15 absence, R16/R17 explanation rejected after the due instant). */
export const DEEMED_CAUSES = ['timeout', 'meeting_absence', 'inspection_absence', 'explanation_rejected'] as const;
export type DeemedCause = (typeof DEEMED_CAUSES)[number];

/**
 * R10a: the special procedures whose time is not counted in the time limit (行政许可法第45条:
 * 听证、招标、拍卖、检验、检测、检疫、鉴定、专家评审). A receipt may also announce a survey (R9); it
 * does not stop the clock.
 */
export const CLOCK_STOPPING_PROCEDURES = [
  'hearing',
  'tender',
  'auction',
  'inspection',
  'testing',
  'quarantine',
  'appraisal',
  'expert_review',
] as const;
export type ClockStoppingProcedure = (typeof CLOCK_STOPPING_PROCEDURES)[number];

/** R10a: the window records that a special procedure began on an item (POST /api/items/:id/special-procedures). */
export interface StartSpecialProcedureRequest {
  kind: ClockStoppingProcedure;
  /** When it began: not before acceptance, not after now, before the due instant. */
  startsAt: string;
}

/** R10a: …and that it ended (POST /api/items/:id/special-procedures/:procedureId/end). */
export interface EndSpecialProcedureRequest {
  /** When it ended: after its start, not after now. */
  endsAt: string;
}

/** R10a: a special procedure on an item; while open (endsAt null) the item's clock is stopped. */
export interface SpecialProcedureView {
  id: string;
  itemId: string;
  kind: ClockStoppingProcedure;
  startsAt: string;
  endsAt: string | null;
  /** Ended: the working days it covered, by which the due instant moved (0: it moved nothing). */
  stoppedWorkingDays: number | null;
  previousDueAt: string | null;
  newDueAt: string | null;
}
