import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { readProblem } from '../core/api/problem';
import { I18nService, TranslatePipe, type TranslationKey } from '../core/i18n';
import { SessionStore } from '../core/session/session.store';
import { LangSwitchComponent } from '../ui/lang-switch.component';

/** A message either from the dictionary (follows the language switch) or verbatim from the server. */
interface Message {
  key?: TranslationKey;
  text?: string;
}

@Component({
  selector: 'hub-login-page',
  imports: [ReactiveFormsModule, RouterLink, TranslatePipe, LangSwitchComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <main class="login" id="main">
      <div class="login-lang"><hub-lang-switch /></div>
      <form class="card login-card" [formGroup]="form" (ngSubmit)="submit()" novalidate>
        <p class="login-app">{{ 'app.name' | t }}</p>
        <h1>{{ 'login.title' | t }}</h1>

        @if (error(); as message) {
          <p class="alert alert-error" role="alert" data-testid="login-error">
            {{ message.key ? (message.key | t) : message.text }}
          </p>
        }

        <div class="field">
          <label for="login-username">{{ 'login.username' | t }}</label>
          <input
            id="login-username"
            data-testid="login-username"
            formControlName="username"
            autocomplete="username"
            autocapitalize="none"
            spellcheck="false"
            required
            autofocus
            [attr.aria-invalid]="showRequired('username')"
            [attr.aria-describedby]="showRequired('username') ? 'login-username-error' : null"
          />
          @if (showRequired('username')) {
            <p class="field-error" id="login-username-error">{{ 'common.required' | t }}</p>
          }
        </div>
        <div class="field">
          <label for="login-password">{{ 'login.password' | t }}</label>
          <input
            id="login-password"
            data-testid="login-password"
            type="password"
            formControlName="password"
            autocomplete="current-password"
            required
            [attr.aria-invalid]="showRequired('password')"
            [attr.aria-describedby]="showRequired('password') ? 'login-password-error' : null"
          />
          @if (showRequired('password')) {
            <p class="field-error" id="login-password-error">{{ 'common.required' | t }}</p>
          }
        </div>
        <button type="submit" class="button-primary" data-testid="login-submit" [disabled]="busy()">
          {{ (busy() ? 'login.submitting' : 'login.submit') | t }}
        </button>
      </form>
      <!-- R1: applicants look their project up with the codes on their receipt, without an account. -->
      <p>
        <a routerLink="/status" data-testid="status-link">{{ 'status.link' | t }}</a>
      </p>
    </main>
  `,
})
export class LoginPage {
  private readonly session = inject(SessionStore);
  private readonly router = inject(Router);
  private readonly i18n = inject(I18nService);

  /** Where the guard sent us from (query param, bound by the router). */
  readonly returnUrl = input<string>();

  protected readonly form = inject(NonNullableFormBuilder).group({
    username: ['', Validators.required],
    password: ['', Validators.required],
  });
  protected readonly busy = signal(false);
  protected readonly error = signal<Message | null>(null);
  protected readonly submitted = signal(false);

  constructor() {
    // Clearing the message as soon as the user types again avoids a stale "wrong password".
    this.form.valueChanges.subscribe(() => this.error.set(null));
  }

  protected showRequired(name: 'username' | 'password'): boolean {
    const control = this.form.controls[name];
    return control.hasError('required') && (control.touched || this.submitted());
  }

  protected async submit(): Promise<void> {
    this.submitted.set(true);
    if (this.form.invalid || this.busy()) return;
    this.busy.set(true);
    try {
      await this.session.login(this.form.getRawValue());
      await this.router.navigateByUrl(this.safeReturnUrl());
    } catch (e) {
      const problem = readProblem(e, this.i18n);
      // Clear the password first: the value change would otherwise clear the new message.
      this.form.controls.password.reset();
      // 401 is always "wrong username or password"; other problems say their code's words
      // (a switched-off account, too many attempts); no answer at all is a network failure.
      this.error.set(
        problem.status === 401 ? { key: 'login.failed' } : problem.message ? { text: problem.message } : { key: 'common.networkError' },
      );
    } finally {
      this.busy.set(false);
    }
  }

  /** Only same-app paths: never let a crafted link send a fresh login elsewhere. */
  private safeReturnUrl(): string {
    const url = this.returnUrl();
    return url && url.startsWith('/') && !url.startsWith('//') && !url.startsWith('/login') ? url : '/';
  }
}
