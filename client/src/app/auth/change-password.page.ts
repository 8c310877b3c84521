import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { Router } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { PeopleApi } from '../core/api/people-api.service';
import { readProblem } from '../core/api/problem';
import { I18nService, TranslatePipe, type TranslationKey } from '../core/i18n';
import { SessionStore } from '../core/session/session.store';
import { LangSwitchComponent } from '../ui/lang-switch.component';
import { newPasswordError } from './password-form';

/** R1: a new or reset password is replaced by the person's own before anything else. */
@Component({
  selector: 'hub-change-password-page',
  imports: [ReactiveFormsModule, TranslatePipe, LangSwitchComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <main class="login" id="main">
      <div class="login-lang"><hub-lang-switch /></div>
      <form class="card login-card" [formGroup]="form" (ngSubmit)="submit()" novalidate data-testid="password-form">
        <p class="login-app">{{ 'app.name' | t }}</p>
        <h1>{{ 'password.title' | t }}</h1>
        @if (session.mustChangePassword()) {
          <p class="notice" data-testid="password-required">{{ 'password.required' | t }}</p>
        }
        <div class="field">
          <label for="pw-current">{{ 'password.current' | t }}</label>
          <input
            id="pw-current"
            type="password"
            formControlName="currentPassword"
            autocomplete="current-password"
            required
            [attr.aria-invalid]="!!errors()['currentPassword']"
            [attr.aria-describedby]="errors()['currentPassword'] ? 'pw-current-error' : null"
            data-testid="password-current"
          />
          @if (errors()['currentPassword']; as e) {
            <p class="field-error" id="pw-current-error">{{ e }}</p>
          }
        </div>
        <div class="field">
          <label for="pw-new">{{ 'password.new' | t }}</label>
          <input
            id="pw-new"
            type="password"
            formControlName="newPassword"
            autocomplete="new-password"
            required
            [attr.aria-invalid]="!!errors()['newPassword']"
            aria-describedby="pw-new-hint"
            data-testid="password-new"
          />
          <p class="field-hint" id="pw-new-hint">{{ 'password.hint' | t }}</p>
          @if (errors()['newPassword']; as e) {
            <p class="field-error" id="pw-new-error" role="alert">{{ e }}</p>
          }
        </div>
        <div class="field">
          <label for="pw-repeat">{{ 'password.repeat' | t }}</label>
          <input
            id="pw-repeat"
            type="password"
            formControlName="repeat"
            autocomplete="new-password"
            required
            data-testid="password-repeat"
          />
        </div>
        @if (message(); as m) {
          <p class="alert alert-error" role="alert">{{ m }}</p>
        }
        <button type="submit" class="button-primary" [disabled]="busy()" data-testid="password-submit">{{ 'password.submit' | t }}</button>
        <button type="button" class="button-quiet" (click)="logout()">{{ 'nav.logout' | t }}</button>
      </form>
    </main>
  `,
})
export class ChangePasswordPage {
  protected readonly session = inject(SessionStore);
  private readonly api = inject(PeopleApi);
  private readonly router = inject(Router);
  private readonly i18n = inject(I18nService);

  protected readonly form = inject(NonNullableFormBuilder).group({
    currentPassword: ['', Validators.required],
    newPassword: ['', Validators.required],
    repeat: ['', Validators.required],
  });
  protected readonly errors = signal<Record<string, string>>({});
  protected readonly message = signal<string | null>(null);
  protected readonly busy = signal(false);

  protected async submit(): Promise<void> {
    const { currentPassword, newPassword, repeat } = this.form.getRawValue();
    const local: TranslationKey | null = currentPassword
      ? newPasswordError(this.session.user()?.username ?? '', newPassword, repeat)
      : 'common.required';
    this.message.set(null);
    this.errors.set(local ? { [currentPassword ? 'newPassword' : 'currentPassword']: this.i18n.t(local) } : {});
    if (local || this.busy()) return;
    this.busy.set(true);
    try {
      this.session.passwordChanged(await firstValueFrom(this.api.changePassword({ currentPassword, newPassword })));
      await this.router.navigateByUrl('/');
    } catch (e) {
      const problem = readProblem(e, this.i18n);
      this.errors.set(problem.fields);
      this.message.set(problem.message ?? this.i18n.t('common.networkError'));
    } finally {
      this.busy.set(false);
    }
  }

  protected async logout(): Promise<void> {
    await this.session.logout();
    await this.router.navigateByUrl('/login');
  }
}
