import { HttpException, HttpStatus } from '@nestjs/common';
import { statusProblemCode, type ProblemCode, type ProblemDetails, type RuleProblem } from '@hub/shared';

/** A field at fault; without a code it is 'field.invalid' (the client then says "this value is not valid"). */
type FieldError = { field: string; message: string; code?: ProblemCode; params?: Record<string, string> };

/** An error that becomes an application/problem+json response as it is. */
export class ProblemException extends HttpException {
  /**
   * `type` names a problem the client reacts to (e.g. a password change required); `rule` the rule that
   * refuses; `code` what went wrong (issue 14) — by default the one field's code, else the status's.
   */
  constructor(
    status: HttpStatus,
    title: string,
    detail?: string,
    errors?: FieldError[],
    extra: { type?: string; rule?: string; code?: ProblemCode } = {},
  ) {
    const { type = 'about:blank', rule } = extra;
    const fields = errors?.map(({ field, code = 'field.invalid', message, params }) => ({
      field,
      code,
      message,
      ...(params ? { params } : {}),
    }));
    const code = extra.code ?? (fields?.length === 1 ? fields[0]!.code : statusProblemCode(status));
    const body: ProblemDetails = {
      type,
      title,
      status,
      code,
      ...(rule ? { rule } : {}),
      ...(detail ? { detail } : {}),
      ...(fields ? { errors: fields } : {}),
    };
    super(body, status);
  }
}

/** 429: refused until `retryAfterSeconds` have passed (sent as Retry-After). */
export class TooManyRequests extends ProblemException {
  constructor(
    readonly retryAfterSeconds: number,
    title: string,
    detail: string,
  ) {
    super(HttpStatus.TOO_MANY_REQUESTS, title, detail);
  }
}

/** A refusal by a named rule: 409 when the state forbids it, 400 for bad input; names the field either way. */
export function ruleRefusal(refusal: RuleProblem & { rule: string }): ProblemException {
  return refusedBy(refusal.rule, refusal.field, refusal.message, refusal.conflict, refusal.code);
}

export const badRequest = (field: string, message: string, code?: ProblemCode) =>
  new ProblemException(HttpStatus.BAD_REQUEST, 'Invalid request', message, [{ field, message, code }]);
export const notFound = (what: string) => new ProblemException(HttpStatus.NOT_FOUND, 'Not found', `${what} not found`);
/** 409: the state forbids it; `code` says how (else the generic "reload and try again"). */
export const conflict = (detail: string, code?: ProblemCode) =>
  new ProblemException(HttpStatus.CONFLICT, 'Conflict', detail, undefined, { code });
/** Several fields at fault at once (a form checked whole). */
export const invalidFields = (errors: FieldError[]) =>
  new ProblemException(HttpStatus.BAD_REQUEST, 'Invalid request', errors.map((e) => e.message).join('; '), errors);
/** A rule refuses: 409 when the state forbids it, 400 for bad input; names the rule and the field. */
export const refusedBy = (
  rule: string,
  field: string,
  message: string,
  isConflict = false,
  code?: ProblemCode,
  params?: Record<string, string>,
) =>
  isConflict
    ? new ProblemException(HttpStatus.CONFLICT, 'Conflict', message, [{ field, message, code, params }], { rule })
    : new ProblemException(HttpStatus.BAD_REQUEST, 'Invalid request', message, [{ field, message, code, params }], { rule });

/**
 * Turns a pure rule's problem into problem+json: 409 for the item's state, 400 otherwise, naming
 * the field, its code and, where a rule refuses, the rule.
 */
export function refuse(problem: RuleProblem): never {
  if (problem.rule) throw refusedBy(problem.rule, problem.field, problem.message, problem.conflict, problem.code);
  throw problem.conflict ? conflict(problem.message, problem.code) : badRequest(problem.field, problem.message, problem.code);
}
