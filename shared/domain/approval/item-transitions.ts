import type { ItemStatus, ItemEvent } from './item-status';

/** R10/R14: the item state machine as data. Terminal states have no way out. */
export const ITEM_TRANSITIONS: Readonly<Record<ItemStatus, Readonly<Partial<Record<ItemEvent, ItemStatus>>>>> = {
  awaiting_acceptance: { accept: 'in_review', withdraw: 'withdrawn' },
  in_review: { approve: 'approved', reject: 'rejected', deem_consent: 'deemed_consent', withdraw: 'withdrawn' },
  approved: {},
  rejected: {},
  deemed_consent: { correct: 'in_review' },
  withdrawn: {},
};

export class IllegalTransitionError extends Error {
  constructor(
    readonly from: ItemStatus,
    readonly event: ItemEvent,
  ) {
    super(`An item in state "${from}" cannot take event "${event}"`);
    this.name = 'IllegalTransitionError';
  }
}

export function nextItemStatus(status: ItemStatus, event: ItemEvent): ItemStatus {
  const next = ITEM_TRANSITIONS[status][event];
  if (!next) throw new IllegalTransitionError(status, event);
  return next;
}
