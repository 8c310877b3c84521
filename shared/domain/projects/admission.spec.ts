import fc from 'fast-check';
import {
  ADMISSION_REASON_MAX_LENGTH,
  admissionRefusal,
  admissionRefusalReasonProblem,
  PRECONDITION_KEYS,
  unmetPreconditions,
} from './admission';

const ALL_MET = { environmentalCompliance: true, feesAndTaxesPaid: true, safetyAndStability: true };

describe('admission (R3)', () => {
  it('R3: with all three preconditions met the project is admitted without an override', () => {
    expect(unmetPreconditions(ALL_MET)).toEqual([]);
    expect(admissionRefusal(ALL_MET, undefined)).toBeNull();
    expect(admissionRefusal(ALL_MET, '  ')).toBeNull();
  });

  it.each(PRECONDITION_KEYS)("R3: with %s not met, admission is refused without a leader's reason", (key) => {
    const preconditions = { ...ALL_MET, [key]: false };
    expect(unmetPreconditions(preconditions)).toEqual([key]);
    for (const reason of [undefined, null, '', '   \n']) {
      expect(admissionRefusal(preconditions, reason)).toMatchObject({
        rule: 'R3',
        field: 'overrideReason',
        message: expect.stringContaining(key),
      });
    }
  });

  it("R3: a leader's override with a reason admits a project whose preconditions are not met (特事特办)", () => {
    expect(
      admissionRefusal({ environmentalCompliance: false, feesAndTaxesPaid: false, safetyAndStability: false }, '市政府批示特事特办'),
    ).toBeNull();
  });

  it('R3: an override where every precondition is met is refused (the card records no exception that was not one)', () => {
    expect(admissionRefusal(ALL_MET, '特事特办')).toMatchObject({ rule: 'R3', field: 'overrideReason' });
  });

  it('R3: unmet preconditions are listed in rule order', () => {
    expect(unmetPreconditions({ environmentalCompliance: false, feesAndTaxesPaid: true, safetyAndStability: false })).toEqual([
      'environmentalCompliance',
      'safetyAndStability',
    ]);
  });

  it('R3: admitted exactly when every precondition is met or a reason is given (property)', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.boolean(), fc.boolean(), fc.string({ maxLength: 20 }), (a, b, c, reason) => {
        const preconditions = { environmentalCompliance: a, feesAndTaxesPaid: b, safetyAndStability: c };
        const met = a && b && c;
        const given = reason.trim() !== '';
        expect(admissionRefusal(preconditions, reason) === null).toBe(met !== given);
      }),
    );
  });

  it('R3: a refusal of admission states its reason, of bounded length', () => {
    expect(admissionRefusalReasonProblem('环保审查未通过')).toBeNull();
    expect(admissionRefusalReasonProblem(' ')).toMatchObject({ rule: 'R3', field: 'reason' });
    expect(admissionRefusalReasonProblem(undefined)).toMatchObject({ rule: 'R3', field: 'reason' });
    expect(admissionRefusalReasonProblem('x'.repeat(ADMISSION_REASON_MAX_LENGTH + 1))).toMatchObject({ rule: 'R3', field: 'reason' });
    expect(admissionRefusal({ ...ALL_MET, feesAndTaxesPaid: false }, 'x'.repeat(ADMISSION_REASON_MAX_LENGTH + 1))).toMatchObject({
      field: 'overrideReason',
    });
  });
});
