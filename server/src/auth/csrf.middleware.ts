import { HttpStatus } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import type { HubConfig } from '../config/hub-config';
import { ProblemFilter } from '../common/problem.filter';
import { ProblemException } from '../common/problem';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/** True when `origin` is this server itself (same host) or explicitly allowed. */
export function originAllowed(origin: string | undefined, host: string | undefined, config: HubConfig): boolean {
  if (!origin) return true; // non-browser clients send none; the cookie is SameSite=Strict anyway
  try {
    if (new URL(origin).host === host) return true;
  } catch {
    return false;
  }
  return config.allowedOrigins.includes(origin);
}

/**
 * CSRF defence for state-changing API calls: a custom header a cross-site form cannot send,
 * plus an Origin check (the session cookie is also SameSite=Strict).
 */
export function csrfMiddleware(config: HubConfig) {
  const filter = new ProblemFilter();
  return (req: Request, res: Response, next: NextFunction) => {
    if (SAFE.has(req.method)) return next();
    const okHeader = req.get('x-requested-with') === 'XMLHttpRequest';
    if (okHeader && originAllowed(req.get('origin'), req.get('host'), config)) return next();
    const refusal = new ProblemException(
      HttpStatus.FORBIDDEN,
      'Forbidden',
      'Cross-site request refused: send X-Requested-With: XMLHttpRequest from an allowed origin',
    );
    filter.catch(refusal, { getType: () => 'http', switchToHttp: () => ({ getRequest: () => req, getResponse: () => res }) } as never);
  };
}
