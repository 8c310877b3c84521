import { HttpErrorResponse, type HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { Router } from '@angular/router';
import { catchError, throwError } from 'rxjs';
import { PASSWORD_CHANGE_REQUIRED } from '@hub/shared';
import { SessionStore } from './session.store';

/** A 401 on any call but the auth ones means the cookie expired: back to the login page (a required password change: to that page). */
export const sessionExpiryInterceptor: HttpInterceptorFn = (req, next) => {
  const session = inject(SessionStore);
  const router = inject(Router);
  return next(req).pipe(
    catchError((error: unknown) => {
      if (error instanceof HttpErrorResponse && error.status === 401 && !req.url.startsWith('/api/auth/') && session.signedIn()) {
        session.forget();
        void router.navigate(['/login'], { queryParams: { returnUrl: router.url } });
      }
      // R1: the server refuses everything until a new password is chosen.
      if (
        error instanceof HttpErrorResponse &&
        error.status === 403 &&
        (error.error as { type?: string } | null)?.type === PASSWORD_CHANGE_REQUIRED
      ) {
        void router.navigate(['/password']);
      }
      return throwError(() => error);
    }),
  );
};
