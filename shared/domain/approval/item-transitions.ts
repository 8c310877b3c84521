import type { ItemStatus, ItemEvent } from './item-status';
import type { ProblemCode } from '../problems/problem-codes';

/** R10/R14: the item state machine as data. Terminal states have no way out. */
export const ITEM_TRANSITIONS: Readonly<Record<ItemStatus, Readonly<Partial<Record<ItemEvent, ItemStatus>>>>> = {
  awaiting_acceptance: { accept: 'in_review', withdraw: 'withdrawn' },
  in_review: { approve: 'approved', reject: 'rejected', deem_consent: 'deemed_consent', withdraw: 'withdrawn' },
  approved: {},
  rejected: {},
  deemed_consent: { correct: 'in_review' },
  withdrawn: {},
};

/** What an event refused by the state machine means to the person who tried it. */
const REFUSED_EVENT_CODES: Readonly<Record<ItemEvent, ProblemCode>> = {
  accept: 'item.not_pending',
  approve: 'item.not_in_review',
  reject: 'item.not_in_review',
  deem_consent: 'item.not_in_review',
  withdraw: 'item.decided',
  correct: 'correction.consent_gone',
};

export class IllegalTransitionError extends Error {
  readonly code: ProblemCode;
  constructor(
    readonly from: ItemStatus,
    readonly event: ItemEvent,
  ) {
    super(`An item in state "${from}" cannot take event "${event}"`);
    this.name = 'IllegalTransitionError';
    this.code = REFUSED_EVENT_CODES[event];
  }
}

export function nextItemStatus(status: ItemStatus, event: ItemEvent): ItemStatus {
  const next = ITEM_TRANSITIONS[status][event];
  if (!next) throw new IllegalTransitionError(status, event);
  return next;
}
