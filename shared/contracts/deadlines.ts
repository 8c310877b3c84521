/** R13: the causes a Delayed Approval Notice (延时审批通知书) may name (第四篇 三(三)). */
export const DELAY_CAUSES = ['law_policy_change', 'network_outage', 'natural_disaster', 'other'] as const;
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
}

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
  meetingId: string | null;
  text: string;
  status: 'pending' | Ruling;
  filedAt: string;
  filedBy: string;
  ruledAt: string | null;
  note: string | null;
  newDueAt: string | null;
}

/** The deemed-consent causes (R14 timeout, R15 absence, R16 a written explanation rejected after the deadline). */
export const DEEMED_CAUSES = ['timeout', 'meeting_absence', 'inspection_absence', 'explanation_rejected'] as const;
export type DeemedCause = (typeof DEEMED_CAUSES)[number];
