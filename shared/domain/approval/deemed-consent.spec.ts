import fc from 'fast-check';
import { decisionBasisError, deemedConsentDue } from './deemed-consent';
import { ITEM_STATUSES } from './item-status';

const dueAt = new Date('2026-02-24T16:00:00.000Z');
const justAfter = new Date(dueAt.getTime() + 1);

describe('deemedConsentDue', () => {
  it('R14: an item in review is deemed consented exactly at its due time', () => {
    expect(deemedConsentDue({ status: 'in_review', dueAt }, new Date(dueAt.getTime() - 1))).toBe(false);
    expect(deemedConsentDue({ status: 'in_review', dueAt }, dueAt)).toBe(true);
    expect(deemedConsentDue({ status: 'in_review', dueAt }, justAfter)).toBe(true);
  });

  it('R14: never before dueAt, whatever the status and holds (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ITEM_STATUSES),
        fc.integer({ min: 1, max: 30 * 86_400_000 }),
        fc.record({ explanationPending: fc.boolean(), delayed: fc.boolean() }, { requiredKeys: [] }),
        (status, msEarly, holds) => !deemedConsentDue({ status, dueAt, holds }, new Date(dueAt.getTime() - msEarly)),
      ),
      { numRuns: 300 },
    );
  });

  it.each(['approved', 'rejected', 'deemed_consent', 'awaiting_acceptance'] as const)(
    'R14: an item %s is never deemed consented',
    (status) => {
      expect(deemedConsentDue({ status, dueAt }, justAfter)).toBe(false);
    },
  );

  it('R14: an item without a due time is never deemed consented', () => {
    expect(deemedConsentDue({ status: 'in_review', dueAt: null }, justAfter)).toBe(false);
  });

  it('R16: a pending written explanation holds deemed consent', () => {
    expect(deemedConsentDue({ status: 'in_review', dueAt, holds: { explanationPending: true } }, justAfter)).toBe(false);
    expect(deemedConsentDue({ status: 'in_review', dueAt, holds: { explanationPending: false } }, justAfter)).toBe(true);
  });

  it('R13: a force-majeure delay never yields deemed consent', () => {
    expect(deemedConsentDue({ status: 'in_review', dueAt, holds: { delayed: true } }, justAfter)).toBe(false);
  });
});

describe('decisionBasisError', () => {
  it.each([undefined, null, '', '   \n'])('R18: a rejection without a legal basis (%p) is refused', (basis) => {
    expect(decisionBasisError('rejected', basis)).toBe('A rejection must state its legal basis');
  });

  it('R18: a rejection citing its basis stands', () => {
    expect(decisionBasisError('rejected', '《行政许可法》第三十八条')).toBeNull();
  });

  it('R18: an approval needs no basis', () => {
    expect(decisionBasisError('approved', undefined)).toBeNull();
  });
});
