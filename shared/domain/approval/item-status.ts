/**
 * The life of one department's approval item (R10, R14).
 * awaiting_acceptance → in_review (accepted, clock running) → approved | rejected | deemed_consent.
 */
export const ITEM_STATUSES = [
  'awaiting_acceptance',
  'in_review',
  'approved',
  'rejected',
  'deemed_consent',
] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];

/** 'correct': a deemed consent undone by a correction notice (R13 outage, R17) returns the item to review. */
export const ITEM_EVENTS = ['accept', 'approve', 'reject', 'deem_consent', 'correct'] as const;
export type ItemEvent = (typeof ITEM_EVENTS)[number];
