import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { firstValueFrom } from 'rxjs';
import type { SmtpSettingsView } from '@hub/shared';
import { readProblem } from '../core/api/problem';
import { I18nService, TranslatePipe } from '../core/i18n';
import { loadable, LoadStateComponent } from '../ui/load-state';
import { NotificationsApi } from './notifications-api.service';

/** R27: the center's SMTP server, on the settings page; the password stays in the environment (HUB_SMTP_PASSWORD). */
@Component({
  selector: 'hub-smtp-settings',
  imports: [FormsModule, TranslatePipe, LoadStateComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form class="card settings-form" (ngSubmit)="save()" novalidate data-testid="smtp-form" aria-labelledby="smtp-title">
      <h2 id="smtp-title">{{ 'notify.smtp.title' | t }}</h2>
      <p class="muted small">{{ 'notify.smtp.intro' | t }}</p>
      <hub-load-state [of]="smtpLoad" testId="smtp" />
      @if (smtpLoad.value()) {
        <div class="field">
          <label for="smtp-host">{{ 'notify.smtp.host' | t }}</label>
          <input id="smtp-host" name="host" [(ngModel)]="value.host" data-testid="smtp-host" />
        </div>
        <div class="field">
          <label for="smtp-port">{{ 'notify.smtp.port' | t }}</label>
          <input
            id="smtp-port"
            name="port"
            type="number"
            min="1"
            max="65535"
            [(ngModel)]="value.port"
            [attr.aria-invalid]="!!errors()['port']"
            data-testid="smtp-port"
          />
          @if (errors()['port']; as e) {
            <p class="field-error">{{ e }}</p>
          }
        </div>
        <div class="field">
          <label class="inline"
            ><input type="checkbox" name="secure" [(ngModel)]="value.secure" data-testid="smtp-secure" />
            {{ 'notify.smtp.secure' | t }}</label
          >
        </div>
        <div class="field">
          <label for="smtp-user">{{ 'notify.smtp.user' | t }}</label>
          <input id="smtp-user" name="user" autocomplete="off" [(ngModel)]="value.user" data-testid="smtp-user" />
          <p class="field-hint">{{ (passwordSet() ? 'notify.smtp.passwordSet' : 'notify.smtp.passwordUnset') | t }}</p>
        </div>
        <div class="field">
          <label for="smtp-from">{{ 'notify.smtp.from' | t }}</label>
          <input id="smtp-from" name="from" [(ngModel)]="value.from" [attr.aria-invalid]="!!errors()['from']" data-testid="smtp-from" />
          @if (errors()['from']; as e) {
            <p class="field-error">{{ e }}</p>
          }
        </div>
        <div class="form-actions">
          <button type="submit" class="button-primary" [disabled]="busy()" data-testid="smtp-save">{{ 'notify.smtp.save' | t }}</button>
        </div>
      }
      <div aria-live="polite">
        @if (message(); as m) {
          <p class="alert" [class.alert-error]="failed()" role="status">{{ m }}</p>
        }
      </div>
    </form>
  `,
})
export class SmtpSettingsComponent {
  private readonly api = inject(NotificationsApi);
  private readonly i18n = inject(I18nService);
  protected value = { host: '', port: 587, secure: false, user: '', from: '' };
  protected readonly passwordSet = signal(false);
  protected readonly errors = signal<Record<string, string>>({});
  protected readonly message = signal<string | null>(null);
  protected readonly failed = signal(false);
  protected readonly busy = signal(false);
  /**
   * The fields appear with the saved values (typed into before they arrive, a late answer would
   * overwrite them); failing, the load says why and offers a retry (issue 14).
   */
  protected readonly smtpLoad = loadable(async () => {
    this.show(await firstValueFrom(this.api.smtp()));
    return true;
  });

  constructor() {
    void this.smtpLoad.load();
  }

  protected async save(): Promise<void> {
    if (this.busy()) return;
    this.busy.set(true);
    this.errors.set({});
    this.message.set(null);
    try {
      this.show(await firstValueFrom(this.api.saveSmtp({ ...this.value, port: Number(this.value.port) })));
      this.failed.set(false);
      this.message.set(this.i18n.t('settings.saved'));
    } catch (e) {
      this.fail(e);
    } finally {
      this.busy.set(false);
    }
  }

  private show(v: SmtpSettingsView): void {
    const { passwordSet, ...value } = v;
    this.value = value;
    this.passwordSet.set(passwordSet);
  }

  private fail(e: unknown): void {
    const problem = readProblem(e, this.i18n);
    this.errors.set(problem.fields);
    this.failed.set(true);
    this.message.set(problem.message ?? this.i18n.t('common.networkError'));
  }
}
