/**
 * The life of one department's approval item (R10, R14).
 * awaiting_acceptance → in_review (accepted, clock running) → approved | rejected | deemed_consent.
 * R4a: the project's withdrawal stops an item not yet decided (withdrawn: no clock, nothing deemed).
 */
export const ITEM_STATUSES = ['awaiting_acceptance', 'in_review', 'approved', 'rejected', 'deemed_consent', 'withdrawn'] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];

/** R17: a permit decision follows an approval or a deemed consent, never another status. */
export function permitMayFollow(status: ItemStatus): status is 'approved' | 'deemed_consent' {
  return status === 'approved' || status === 'deemed_consent';
}

/**
 * 'correct': a deemed consent undone by a correction notice (R13 outage, R17) returns the item to review.
 * 'withdraw': the applicant withdrew the project (R4a).
 */
export const ITEM_EVENTS = ['accept', 'approve', 'reject', 'deem_consent', 'correct', 'withdraw'] as const;
export type ItemEvent = (typeof ITEM_EVENTS)[number];
