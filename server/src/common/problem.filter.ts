import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { ProblemDetails } from '@hub/shared';
import { IllegalTransitionError, statusProblemCode } from '@hub/shared';
import { isConnectionLost } from '../database/database';
import { TooManyRequests } from './problem';

/** Every error leaves as application/problem+json; never a stack trace (R26). */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly log = new Logger('Errors');

  catch(error: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw error;
    const req = host.switchToHttp().getRequest<Request>();
    const res = host.switchToHttp().getResponse<Response>();
    const problem = this.toProblem(error);
    problem.instance = req.originalUrl;
    // A lost database is logged once by the Database, not once per request that meets it.
    if (problem.status >= 500 && !isConnectionLost(error))
      this.log.error({ msg: 'unhandled error', url: req.originalUrl, error: String((error as Error)?.stack ?? error) });
    else if (problem.status === 401 || problem.status === 403)
      this.log.warn({ msg: 'refused', status: problem.status, method: req.method, url: req.originalUrl, detail: problem.detail });
    if (error instanceof TooManyRequests) res.setHeader('Retry-After', String(error.retryAfterSeconds));
    res.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
  }

  private toProblem(error: unknown): ProblemDetails {
    if (isConnectionLost(error)) {
      // Nothing was acknowledged; the client may reload and try again.
      return {
        type: 'about:blank',
        title: 'Service unavailable',
        status: HttpStatus.SERVICE_UNAVAILABLE,
        code: 'request.unavailable',
        detail: 'The database connection was lost; reload and try again',
      };
    }
    if (error instanceof IllegalTransitionError) {
      return { type: 'about:blank', title: 'Conflict', status: HttpStatus.CONFLICT, code: error.code, detail: error.message };
    }
    if (error instanceof HttpException) {
      const status = error.getStatus();
      const body = error.getResponse();
      if (typeof body === 'object' && body !== null && 'title' in body) return { ...(body as ProblemDetails) };
      const detail = typeof body === 'string' ? body : String((body as { message?: unknown }).message ?? error.message);
      const title = HttpStatus[status]?.replace(/_/g, ' ').toLowerCase() ?? 'Error';
      return { type: 'about:blank', title, status, code: statusProblemCode(status), detail };
    }
    const parserStatus = bodyParserStatus(error);
    if (parserStatus !== null) {
      // R26: the body parser's own refusals (too large, not JSON, wrong charset) are the client's fault.
      const detail =
        parserStatus === HttpStatus.PAYLOAD_TOO_LARGE
          ? 'The request body is larger than the hub accepts'
          : 'The request body is not valid JSON';
      return {
        type: 'about:blank',
        title: HttpStatus[parserStatus]?.replace(/_/g, ' ').toLowerCase() ?? 'Bad request',
        status: parserStatus,
        code: statusProblemCode(parserStatus),
        detail,
      };
    }
    if (isDataException(error)) {
      // R26: a value PostgreSQL cannot store (out-of-range date or number, untranslatable character)
      // that got past validation is still bad input; the transaction was rolled back, nothing changed.
      return {
        type: 'about:blank',
        title: 'Invalid request',
        status: HttpStatus.BAD_REQUEST,
        code: 'request.invalid',
        detail: 'A value is outside what the hub can store',
      };
    }
    return { type: 'about:blank', title: 'Internal server error', status: HttpStatus.INTERNAL_SERVER_ERROR, code: 'request.failed' };
  }
}

/** The 4xx status of an error the body parser raised (http-errors with expose and a type), or null. */
function bodyParserStatus(error: unknown): number | null {
  const e = error as { expose?: unknown; status?: unknown; type?: unknown } | null;
  if (typeof e !== 'object' || e === null || e.expose !== true || typeof e.type !== 'string' || typeof e.status !== 'number') return null;
  return e.status >= 400 && e.status < 500 ? e.status : null;
}

/** PostgreSQL class 22 (data exception): 22P05 untranslatable character, 22021 bad encoding, 22008 datetime out of range, … */
function isDataException(error: unknown): boolean {
  const e = error as { code?: unknown; driverError?: { code?: unknown } } | null;
  const code = e?.driverError?.code ?? e?.code;
  return typeof code === 'string' && /^22[0-9A-Z]{3}$/.test(code);
}
