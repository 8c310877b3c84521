import { ITEM_EVENTS, ITEM_STATUSES, permitMayFollow } from './item-status';
import { IllegalTransitionError, ITEM_TRANSITIONS, nextItemStatus } from './item-transitions';

const EXPECTED: Record<string, string> = {
  'awaiting_acceptance accept': 'in_review',
  'in_review approve': 'approved',
  'in_review reject': 'rejected',
  'in_review deem_consent': 'deemed_consent',
  // R13/R17: a deemed consent undone by a correction notice returns the item to review.
  'deemed_consent correct': 'in_review',
  // R4a: the project's withdrawal stops what is not yet decided; a decided item keeps its decision.
  'awaiting_acceptance withdraw': 'withdrawn',
  'in_review withdraw': 'withdrawn',
};

describe('item state machine', () => {
  const pairs = ITEM_STATUSES.flatMap((status) => ITEM_EVENTS.map((event) => [status, event] as const));

  it.each(pairs)('R10/R14: %s --%s--> as the table says, or an error naming both', (status, event) => {
    const expected = EXPECTED[`${status} ${event}`];
    if (expected) {
      expect(nextItemStatus(status, event)).toBe(expected);
    } else {
      let error: unknown;
      try {
        nextItemStatus(status, event);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(IllegalTransitionError);
      expect(error).toMatchObject({ from: status, event });
      expect((error as Error).message).toContain(`"${status}"`);
      expect((error as Error).message).toContain(`"${event}"`);
    }
  });

  it('R14: decided states have no transitions, except a deemed consent undone by a correction notice (R17)', () => {
    for (const terminal of ['approved', 'rejected', 'withdrawn'] as const) {
      expect(ITEM_TRANSITIONS[terminal]).toEqual({});
    }
    expect(ITEM_TRANSITIONS.deemed_consent).toEqual({ correct: 'in_review' });
  });

  it('R17: a permit decision follows approval or deemed consent only', () => {
    expect(ITEM_STATUSES.filter(permitMayFollow)).toEqual(['approved', 'deemed_consent']);
  });
});
