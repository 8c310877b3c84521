import { HttpException, HttpStatus } from '@nestjs/common';
import type { ProblemDetails, RuleProblem } from '@hub/shared';

type FieldError = { field: string; message: string };

/** An error that becomes an application/problem+json response as it is. */
export class ProblemException extends HttpException {
  /** `type` names a problem the client reacts to (e.g. a password change required); `rule` the rule that refuses. */
  constructor(status: HttpStatus, title: string, detail?: string, errors?: FieldError[], extra: { type?: string; rule?: string } = {}) {
    const { type = 'about:blank', rule } = extra;
    const body: ProblemDetails = {
      type,
      title,
      status,
      ...(rule ? { rule } : {}),
      ...(detail ? { detail } : {}),
      ...(errors ? { errors } : {}),
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
export function ruleRefusal(refusal: { rule: string; field: string; message: string; conflict?: boolean }): ProblemException {
  const status = refusal.conflict ? HttpStatus.CONFLICT : HttpStatus.BAD_REQUEST;
  return new ProblemException(status, `Refused by ${refusal.rule}`, refusal.message, [{ field: refusal.field, message: refusal.message }], {
    rule: refusal.rule,
  });
}

export const badRequest = (field: string, message: string) =>
  new ProblemException(HttpStatus.BAD_REQUEST, 'Invalid request', message, [{ field, message }]);
export const notFound = (what: string) => new ProblemException(HttpStatus.NOT_FOUND, 'Not found', `${what} not found`);
export const conflict = (detail: string) => new ProblemException(HttpStatus.CONFLICT, 'Conflict', detail);
/** Several fields at fault at once (a form checked whole). */
export const invalidFields = (errors: FieldError[]) =>
  new ProblemException(HttpStatus.BAD_REQUEST, 'Invalid request', errors.map((e) => e.message).join('; '), errors);
/** A rule refuses: 409 when the state forbids it, 400 for bad input; names the rule and the field. */
export const refusedBy = (rule: string, field: string, message: string, isConflict = false) =>
  isConflict
    ? new ProblemException(HttpStatus.CONFLICT, 'Conflict', message, [{ field, message }], { rule })
    : new ProblemException(HttpStatus.BAD_REQUEST, 'Invalid request', message, [{ field, message }], { rule });

/**
 * Turns a pure rule's problem into problem+json: 409 for the item's state, 400 otherwise, naming
 * the field and, where a rule refuses, the rule.
 */
export function refuse(problem: RuleProblem): never {
  if (problem.rule) throw refusedBy(problem.rule, problem.field, problem.message, problem.conflict);
  throw problem.conflict ? conflict(problem.message) : badRequest(problem.field, problem.message);
}
