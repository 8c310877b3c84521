import { HttpErrorResponse } from '@angular/common/http';
import { Injectable, computed, inject, signal } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { can, canSomewhere, type Action, type LoginRequest, type SessionUser } from '@hub/shared';
import { ApiService } from '../api/api.service';

/**
 * Who is signed in. The session itself is an httpOnly cookie the client cannot
 * read, so "who am I" is asked of the server once (GET /api/auth/me) and kept here.
 */
@Injectable({ providedIn: 'root' })
export class SessionStore {
  private readonly api = inject(ApiService);
  private readonly userState = signal<SessionUser | null>(null);
  /** The one /me request in flight or done; reset on login/logout. */
  private loading: Promise<SessionUser | null> | null = null;

  readonly user = this.userState.asReadonly();
  readonly signedIn = computed(() => this.userState() !== null);

  /** Resolves the current user, asking the server only the first time. */
  ensureLoaded(): Promise<SessionUser | null> {
    this.loading ??= firstValueFrom(this.api.me()).then(
      (user) => {
        this.userState.set(user);
        return user;
      },
      (error: unknown) => {
        // 401 is the normal "not signed in"; anything else (server down) is
        // treated the same for routing, but not cached, so the next try asks again.
        if (!(error instanceof HttpErrorResponse) || error.status !== 401) this.loading = null;
        this.userState.set(null);
        return null;
      },
    );
    return this.loading;
  }

  async login(body: LoginRequest): Promise<SessionUser> {
    const user = await firstValueFrom(this.api.login(body));
    this.userState.set(user);
    this.loading = Promise.resolve(user);
    return user;
  }

  async logout(): Promise<void> {
    try {
      await firstValueFrom(this.api.logout());
    } finally {
      this.forget();
    }
  }

  /** The server no longer knows us (expired cookie): drop the local copy too. */
  forget(): void {
    this.userState.set(null);
    this.loading = Promise.resolve(null);
  }

  /** R1: after choosing a new password the server answers with the user, now free to work. */
  passwordChanged(user: SessionUser): void {
    this.userState.set(user);
    this.loading = Promise.resolve(user);
  }

  /** R1: the user must choose a new password before anything else. */
  readonly mustChangePassword = computed(() => this.userState()?.mustChangePassword === true);

  /** R1/R2: whether a screen is for this user at all (its own department's, or a principal's as deputy). */
  canSomewhere(action: Action): boolean {
    const user = this.userState();
    return user !== null && canSomewhere(user, action);
  }

  /** R1/R2 through the shared permission vocabulary, the same one the server checks. */
  can(action: Action, target?: { departmentId?: string }): boolean {
    const user = this.userState();
    return user !== null && can(user, action, target);
  }
}
