import { ITEM_EVENTS, ITEM_STATUSES } from './item-status';
import { IllegalTransitionError, ITEM_TRANSITIONS, nextItemStatus } from './item-transitions';

const EXPECTED: Record<string, string> = {
  'awaiting_acceptance accept': 'in_review',
  'in_review approve': 'approved',
  'in_review reject': 'rejected',
  'in_review deem_consent': 'deemed_consent',
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

  it('R14: terminal states have no transitions', () => {
    for (const terminal of ['approved', 'rejected', 'deemed_consent'] as const) {
      expect(ITEM_TRANSITIONS[terminal]).toEqual({});
    }
  });
});
