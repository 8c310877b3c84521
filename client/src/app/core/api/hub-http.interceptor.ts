import type { HttpInterceptorFn } from '@angular/common/http';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The server's CSRF guard accepts a state-changing request only with
 * `X-Requested-With: XMLHttpRequest` (a header a cross-site form cannot set).
 * Cookies go along because the session is an httpOnly cookie.
 */
export const hubHttpInterceptor: HttpInterceptorFn = (req, next) => {
  if (!req.url.startsWith('/api/')) return next(req);
  const headers = SAFE_METHODS.has(req.method) ? req.headers : req.headers.set('X-Requested-With', 'XMLHttpRequest');
  return next(req.clone({ headers, withCredentials: true }));
};
