import fc from 'fast-check';
import { decisionBasisError, deemedConsentDue, explanationFilingError, rescheduleError, rulingEffect } from './deemed-consent';
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
        fc.record({ deadlineExplanationPending: fc.boolean() }, { requiredKeys: [] }),
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
    expect(deemedConsentDue({ status: 'in_review', dueAt, holds: { deadlineExplanationPending: true } }, justAfter)).toBe(false);
    expect(deemedConsentDue({ status: 'in_review', dueAt, holds: { deadlineExplanationPending: false } }, justAfter)).toBe(true);
  });

  it('R13/R12: a delay or extension replaces the due instant: nothing at the old one, deemed at the new one', () => {
    const newDue = new Date(dueAt.getTime() + 2 * 86_400_000);
    expect(deemedConsentDue({ status: 'in_review', dueAt: newDue }, justAfter)).toBe(false);
    expect(deemedConsentDue({ status: 'in_review', dueAt: newDue }, newDue)).toBe(true);
  });
});

describe('rescheduleError (R12 extension, R13 delay)', () => {
  const before = new Date(dueAt.getTime() - 3_600_000);
  const later = new Date(dueAt.getTime() + 86_400_000);
  it.each`
    case                                   | status                   | now          | newDue                            | field         | conflict
    ${'running, later due'}                | ${'in_review'}           | ${before}    | ${later}                          | ${null}       | ${undefined}
    ${'not yet accepted'}                  | ${'awaiting_acceptance'} | ${before}    | ${later}                          | ${'item'}     | ${true}
    ${'already decided'}                   | ${'approved'}            | ${before}    | ${later}                          | ${'item'}     | ${true}
    ${'already deemed at due'}             | ${'in_review'}           | ${justAfter} | ${later}                          | ${'item'}     | ${true}
    ${'new due in the past'}               | ${'in_review'}           | ${before}    | ${new Date(before.getTime() - 1)} | ${'newDueAt'} | ${undefined}
    ${'new due not after the current due'} | ${'in_review'}           | ${before}    | ${dueAt}                          | ${'newDueAt'} | ${undefined}
  `('R12/R13: $case → $field', ({ status, now, newDue, field, conflict }) => {
    const dueOrNull = status === 'awaiting_acceptance' ? null : dueAt;
    const problem = rescheduleError({ status, dueAt: dueOrNull }, newDue, now);
    if (field === null) expect(problem).toBeNull();
    else expect(problem).toMatchObject({ field, ...(conflict ? { conflict } : {}) });
  });

  it('R12/R16: past due but held by a pending explanation, the deadline may still be moved', () => {
    expect(
      rescheduleError(
        { status: 'in_review', dueAt, holds: { deadlineExplanationPending: true } },
        new Date(justAfter.getTime() + 86_400_000),
        justAfter,
      ),
    ).toBeNull();
  });
});

describe('explanationFilingError (R16)', () => {
  const before = new Date(dueAt.getTime() - 1);
  const running = { status: 'in_review' as const, dueAt, explanationPending: false };
  it('R16: before the deadline a running item may be explained', () => {
    expect(explanationFilingError(running, null, before)).toBeNull();
  });
  it('R16: at or after the deadline it is too late', () => {
    expect(explanationFilingError(running, null, dueAt)).toMatchObject({ field: 'item', conflict: true });
  });
  it('R16: one pending explanation at a time', () => {
    expect(explanationFilingError({ ...running, explanationPending: true }, null, before)).toMatchObject({ conflict: true });
  });
  it('R16: before a meeting closes, even an item not yet accepted may be excused', () => {
    expect(
      explanationFilingError({ status: 'awaiting_acceptance', dueAt: null, explanationPending: false }, { meetingOpen: true }, before),
    ).toBeNull();
    expect(explanationFilingError(running, { meetingOpen: false }, before)).toMatchObject({ field: 'meetingId' });
  });
  it.each(['approved', 'rejected', 'deemed_consent'] as const)('R16: a %s item has nothing to explain', (status) => {
    expect(explanationFilingError({ status, dueAt, explanationPending: false }, null, before)).toMatchObject({ conflict: true });
  });
});

describe('rulingEffect (R16)', () => {
  const before = new Date(dueAt.getTime() - 3_600_000);
  const newDue = new Date(dueAt.getTime() + 86_400_000);
  const running = { status: 'in_review' as const, dueAt };
  const ctx = { newDueAt: null, aboutMeeting: false, absentFromClosedMeeting: false };
  it.each`
    case                                                        | ruling        | now          | context                                                          | expected
    ${'accepted with a new due'}                                | ${'accepted'} | ${justAfter} | ${{ ...ctx, newDueAt: newDue }}                                  | ${{ effect: { kind: 'reschedule', newDueAt: newDue } }}
    ${'accepted, deadline explanation, no new due'}             | ${'accepted'} | ${before}    | ${ctx}                                                           | ${{ problem: { field: 'newDueAt' } }}
    ${'accepted, new due in the past'}                          | ${'accepted'} | ${justAfter} | ${{ ...ctx, newDueAt: before }}                                  | ${{ problem: { field: 'newDueAt' } }}
    ${'accepted meeting excuse, deadline still running'}        | ${'accepted'} | ${before}    | ${{ ...ctx, aboutMeeting: true }}                                | ${{ effect: { kind: 'none' } }}
    ${'accepted meeting excuse after the deadline, no new due'} | ${'accepted'} | ${justAfter} | ${{ ...ctx, aboutMeeting: true }}                                | ${{ problem: { field: 'newDueAt' } }}
    ${'rejected before the deadline'}                           | ${'rejected'} | ${before}    | ${ctx}                                                           | ${{ effect: { kind: 'none' } }}
    ${'rejected after the deadline'}                            | ${'rejected'} | ${justAfter} | ${ctx}                                                           | ${{ effect: { kind: 'deem', cause: 'explanation_rejected' } }}
    ${'rejected excuse of a closed meeting, department absent'} | ${'rejected'} | ${before}    | ${{ ...ctx, aboutMeeting: true, absentFromClosedMeeting: true }} | ${{ effect: { kind: 'deem', cause: 'absence' } }}
    ${'rejected excuse, meeting still to close'}                | ${'rejected'} | ${before}    | ${{ ...ctx, aboutMeeting: true }}                                | ${{ effect: { kind: 'none' } }}
  `('R16: $case', ({ ruling, now, context, expected }) => {
    expect(rulingEffect(ruling, running, context, now)).toMatchObject(expected);
  });

  it('R16: a ruling on an item no longer running changes nothing', () => {
    expect(rulingEffect('rejected', { status: 'approved', dueAt }, { ...ctx, absentFromClosedMeeting: true }, justAfter)).toEqual({
      effect: { kind: 'none' },
    });
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
