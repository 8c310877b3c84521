import { inject } from '@angular/core';
import { Router, type CanActivateFn } from '@angular/router';
import type { Action } from '@hub/shared';
import { SessionStore } from './session.store';

/** Unauthenticated visitors go to /login, remembering where they wanted to go. */
export const authGuard: CanActivateFn = async (_route, state) => {
  const session = inject(SessionStore);
  const router = inject(Router);
  const user = await session.ensureLoaded();
  // R1: a new or reset password is replaced before anything else.
  if (user?.mustChangePassword) return router.createUrlTree(['/password']);
  if (user) return true;
  return router.createUrlTree(['/login'], {
    queryParams: state.url && state.url !== '/' ? { returnUrl: state.url } : {},
  });
};

/** The home page: a liaison's is its to-do desk (issue 14), everyone else's the board. */
export const homeGuard: CanActivateFn = async () => {
  const router = inject(Router); // inject() only before the first await
  const user = await inject(SessionStore).ensureLoaded();
  if (!user) return router.createUrlTree(['/login']);
  return router.createUrlTree([user.role === 'liaison' ? '/desk' : '/board']);
};

/** Someone already signed in has no business on the login page. */
export const guestGuard: CanActivateFn = async () => {
  const router = inject(Router); // inject() only before the first await
  const user = await inject(SessionStore).ensureLoaded();
  return user ? router.createUrlTree(['/']) : true;
};

/** Screens for one capability (e.g. registering, R1 window only); others land on the board. */
export function permissionGuard(action: Action): CanActivateFn {
  return async () => {
    const session = inject(SessionStore);
    const router = inject(Router);
    await session.ensureLoaded();
    return session.canSomewhere(action) ? true : router.createUrlTree(['/board']);
  };
}

/** R1: the change-password page, for a signed-in user only. */
export const signedInGuard: CanActivateFn = async () => {
  const router = inject(Router); // inject() only before the first await
  const user = await inject(SessionStore).ensureLoaded();
  return user ? true : router.createUrlTree(['/login']);
};
