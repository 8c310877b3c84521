import { HttpException, HttpStatus } from '@nestjs/common';
import type { ProblemDetails } from '@hub/shared';

type FieldError = { field: string; message: string };

/** An error that becomes an application/problem+json response as it is. */
export class ProblemException extends HttpException {
  constructor(status: HttpStatus, title: string, detail?: string, errors?: FieldError[], type = 'about:blank') {
    const body: ProblemDetails = { type, title, status, ...(detail ? { detail } : {}), ...(errors ? { errors } : {}) };
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

export const badRequest = (field: string, message: string) =>
  new ProblemException(HttpStatus.BAD_REQUEST, 'Invalid request', message, [{ field, message }]);
export const notFound = (what: string) => new ProblemException(HttpStatus.NOT_FOUND, 'Not found', `${what} not found`);
export const conflict = (detail: string) => new ProblemException(HttpStatus.CONFLICT, 'Conflict', detail);
/** Several fields at fault at once (a form checked whole). */
export const invalidFields = (errors: FieldError[]) =>
  new ProblemException(HttpStatus.BAD_REQUEST, 'Invalid request', errors.map((e) => e.message).join('; '), errors);
