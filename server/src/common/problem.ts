import { HttpException, HttpStatus } from '@nestjs/common';
import type { ProblemDetails } from '@hub/shared';

type FieldError = { field: string; message: string };

/** An error that becomes an application/problem+json response as it is. */
export class ProblemException extends HttpException {
  constructor(status: HttpStatus, title: string, detail?: string, errors?: FieldError[], rule?: string) {
    const body: ProblemDetails = { type: 'about:blank', title, status, ...(rule ? { rule } : {}), ...(detail ? { detail } : {}), ...(errors ? { errors } : {}) };
    super(body, status);
  }
}

export const badRequest = (field: string, message: string) =>
  new ProblemException(HttpStatus.BAD_REQUEST, 'Invalid request', message, [{ field, message }]);
export const notFound = (what: string) => new ProblemException(HttpStatus.NOT_FOUND, 'Not found', `${what} not found`);
export const conflict = (detail: string) => new ProblemException(HttpStatus.CONFLICT, 'Conflict', detail);
/** A rule refuses: 409 when the state forbids it, 400 for bad input; names the rule and the field. */
export const refusedBy = (rule: string, field: string, message: string, isConflict = false) =>
  isConflict
    ? new ProblemException(HttpStatus.CONFLICT, 'Conflict', message, [{ field, message }], rule)
    : new ProblemException(HttpStatus.BAD_REQUEST, 'Invalid request', message, [{ field, message }], rule);
