import type { InquiryStatus } from './inquiry-status';

/**
 * R23: the disposition state machine as data: from each state, the states it may become.
 * Each disposition names its target state (answer → answered, …), so a step is a pair of states.
 * A transfer awaiting acknowledgement may only be acknowledged or re-routed; closed states
 * have no way out (the follow-up, R24, records the inquirer's view without reopening).
 */
export const INQUIRY_TRANSITIONS: Readonly<Record<InquiryStatus, readonly InquiryStatus[]>> = {
  open: ['answered', 'promised', 'transferred', 'referred', 'escalated'],
  promised: ['answered', 'transferred', 'referred', 'escalated'],
  transferred: ['acknowledged', 'transferred'],
  acknowledged: ['answered', 'promised', 'transferred', 'referred', 'escalated'],
  escalated: ['answered', 'promised', 'transferred', 'referred'],
  answered: [],
  referred: [],
};

export class IllegalInquiryTransitionError extends Error {
  constructor(
    readonly from: InquiryStatus,
    readonly to: InquiryStatus,
  ) {
    super(`An inquiry that is "${from}" cannot become "${to}"`);
    this.name = 'IllegalInquiryTransitionError';
  }
}

export function inquiryCanBecome(from: InquiryStatus, to: InquiryStatus): boolean {
  return INQUIRY_TRANSITIONS[from].includes(to);
}

/** The next state, or an error naming both states. */
export function nextInquiryStatus(from: InquiryStatus, to: InquiryStatus): InquiryStatus {
  if (!inquiryCanBecome(from, to)) throw new IllegalInquiryTransitionError(from, to);
  return to;
}
