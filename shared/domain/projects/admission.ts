import type { Preconditions } from '../../contracts/projects';
import type { RuleRefusal } from '../meetings/meeting-rules';

/** R3: the preconditions recorded at intake, in the order the rules list them. */
export const PRECONDITION_KEYS = [
  'environmentalCompliance',
  'feesAndTaxesPaid',
  'safetyAndStability',
] as const satisfies readonly (keyof Preconditions)[];
export type PreconditionKey = (typeof PRECONDITION_KEYS)[number];

/** Longest reason a leader records for an override or a refusal (it is printed on the card). */
export const ADMISSION_REASON_MAX_LENGTH = 500;

/** R3: the preconditions not met, in rule order. */
export function unmetPreconditions(preconditions: Preconditions): PreconditionKey[] {
  return PRECONDITION_KEYS.filter((key) => preconditions[key] !== true);
}

const reasonOf = (reason: string | null | undefined) => (reason ?? '').trim();

/**
 * R3 Decision: a project is admitted only with all three preconditions met, or by a leader's
 * override that records the reason (特事特办). An override where nothing needs overriding is refused
 * too, so the card never records an exception that was not one.
 */
export function admissionRefusal(preconditions: Preconditions, overrideReason: string | null | undefined): RuleRefusal | null {
  const unmet = unmetPreconditions(preconditions);
  const reason = reasonOf(overrideReason);
  if (unmet.length === 0) {
    return reason
      ? {
          rule: 'R3',
          field: 'overrideReason',
          code: 'admission.nothing_to_override',
          message: 'Every precondition is met: there is nothing to override',
        }
      : null;
  }
  if (!reason) {
    return {
      rule: 'R3',
      field: 'overrideReason',
      code: 'admission.override_required',
      message: `Preconditions not met (${unmet.join(', ')}): only a leader's override with a reason admits the project`,
    };
  }
  return reasonTooLong('overrideReason', reason);
}

/** R3 Decision: a leader may refuse admission, with a reason. */
export function admissionRefusalReasonProblem(reason: string | null | undefined): RuleRefusal | null {
  const text = reasonOf(reason);
  if (!text) return { rule: 'R3', field: 'reason', code: 'admission.reason_required', message: 'A refusal of admission states its reason' };
  return reasonTooLong('reason', text);
}

function reasonTooLong(field: string, reason: string): RuleRefusal | null {
  return reason.length > ADMISSION_REASON_MAX_LENGTH
    ? { rule: 'R3', field, code: 'reason.too_long', message: `The reason is at most ${ADMISSION_REASON_MAX_LENGTH} characters` }
    : null;
}
