import { HttpException, HttpStatus } from '@nestjs/common';
import type { ProblemDetails } from '@hub/shared';

type FieldError = { field: string; message: string };

/** An error that becomes an application/problem+json response as it is. */
export class ProblemException extends HttpException {
  constructor(status: HttpStatus, title: string, detail?: string, errors?: FieldError[], rule?: string) {
    const body: ProblemDetails = { type: 'about:blank', title, status, ...(detail ? { detail } : {}), ...(errors ? { errors } : {}), ...(rule ? { rule } : {}) };
    super(body, status);
  }
}

/** A refusal by a named rule: 409 when the state forbids it, 400 for bad input; names the field either way. */
export function ruleRefusal(refusal: { rule: string; field: string; message: string; conflict?: boolean }): ProblemException {
  const status = refusal.conflict ? HttpStatus.CONFLICT : HttpStatus.BAD_REQUEST;
  return new ProblemException(status, `Refused by ${refusal.rule}`, refusal.message, [{ field: refusal.field, message: refusal.message }], refusal.rule);
}

export const badRequest = (field: string, message: string) =>
  new ProblemException(HttpStatus.BAD_REQUEST, 'Invalid request', message, [{ field, message }]);
export const notFound = (what: string) => new ProblemException(HttpStatus.NOT_FOUND, 'Not found', `${what} not found`);
export const conflict = (detail: string) => new ProblemException(HttpStatus.CONFLICT, 'Conflict', detail);
