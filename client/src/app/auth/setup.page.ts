import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { PeopleApi } from '../core/api/people-api.service';
import { readProblem } from '../core/api/problem';
import { I18nService, TranslatePipe } from '../core/i18n';
import { LangSwitchComponent } from '../ui/lang-switch.component';
import { newPasswordError } from './password-form';

/** R1: the first admin's one-time setup link (printed when the hub first starts on an empty database). */
@Component({
  selector: 'hub-setup-page',
  imports: [ReactiveFormsModule, RouterLink, TranslatePipe, LangSwitchComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <main class="login" id="main">
      <div class="login-lang"><hub-lang-switch /></div>
      <form class="card login-card" [formGroup]="form" (ngSubmit)="submit()" novalidate>
        <p class="login-app">{{ 'app.name' | t }}</p>
        <h1>{{ 'setup.title' | t }}</h1>
        @if (done()) {
          <p class="notice" role="status" data-testid="setup-done">{{ 'setup.done' | t }}</p>
          <p>
            <a routerLink="/login">{{ 'login.submit' | t }}</a>
          </p>
        } @else {
          <p class="muted">{{ 'setup.intro' | t }}</p>
          <div class="field">
            <label for="setup-new">{{ 'password.new' | t }}</label>
            <input
              id="setup-new"
              type="password"
              formControlName="newPassword"
              autocomplete="new-password"
              required
              aria-describedby="setup-hint"
              [attr.aria-invalid]="!!error()"
            />
            <p class="field-hint" id="setup-hint">{{ 'password.hint' | t }}</p>
          </div>
          <div class="field">
            <label for="setup-repeat">{{ 'password.repeat' | t }}</label>
            <input id="setup-repeat" type="password" formControlName="repeat" autocomplete="new-password" required />
          </div>
          @if (error(); as e) {
            <p class="alert alert-error" role="alert">{{ e }}</p>
          }
          <button type="submit" class="button-primary" [disabled]="busy()">{{ 'setup.submit' | t }}</button>
        }
      </form>
    </main>
  `,
})
export class SetupPage {
  private readonly api = inject(PeopleApi);
  private readonly i18n = inject(I18nService);
  /** From the printed link's query (?token=…). */
  readonly token = input<string>();

  protected readonly form = inject(NonNullableFormBuilder).group({
    newPassword: ['', Validators.required],
    repeat: ['', Validators.required],
  });
  protected readonly error = signal<string | null>(null);
  protected readonly busy = signal(false);
  protected readonly done = signal(false);

  protected async submit(): Promise<void> {
    const { newPassword, repeat } = this.form.getRawValue();
    const local = newPasswordError('admin', newPassword, repeat);
    this.error.set(local && this.i18n.t(local));
    if (local || this.busy()) return;
    this.busy.set(true);
    try {
      await firstValueFrom(this.api.setup(this.token() ?? '', newPassword));
      this.done.set(true);
    } catch (e) {
      const problem = readProblem(e, this.i18n);
      this.error.set(problem.fields['token'] ? this.i18n.t('setup.badLink') : (problem.message ?? this.i18n.t('common.networkError')));
    } finally {
      this.busy.set(false);
    }
  }
}
