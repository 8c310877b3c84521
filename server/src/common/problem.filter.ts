import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { ProblemDetails } from '@hub/shared';
import { IllegalTransitionError } from '@hub/shared';
import { isConnectionLost } from '../database/database';

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
    if (problem.status >= 500 && !isConnectionLost(error)) this.log.error({ msg: 'unhandled error', url: req.originalUrl, error: String((error as Error)?.stack ?? error) });
    else if (problem.status === 401 || problem.status === 403) this.log.warn({ msg: 'refused', status: problem.status, method: req.method, url: req.originalUrl, detail: problem.detail });
    res.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
  }

  private toProblem(error: unknown): ProblemDetails {
    if (isConnectionLost(error)) {
      // Nothing was acknowledged; the client may reload and try again.
      return { type: 'about:blank', title: 'Service unavailable', status: HttpStatus.SERVICE_UNAVAILABLE, detail: 'The database connection was lost; reload and try again' };
    }
    if (error instanceof IllegalTransitionError) {
      return { type: 'about:blank', title: 'Conflict', status: HttpStatus.CONFLICT, detail: error.message };
    }
    if (error instanceof HttpException) {
      const status = error.getStatus();
      const body = error.getResponse();
      if (typeof body === 'object' && body !== null && 'title' in body) return { ...(body as ProblemDetails) };
      const detail = typeof body === 'string' ? body : String((body as { message?: unknown }).message ?? error.message);
      return { type: 'about:blank', title: HttpStatus[status]?.replace(/_/g, ' ').toLowerCase() ?? 'Error', status, detail };
    }
    return { type: 'about:blank', title: 'Internal server error', status: HttpStatus.INTERNAL_SERVER_ERROR };
  }
}
