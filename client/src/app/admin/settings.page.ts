import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { firstValueFrom } from 'rxjs';
import { DEFAULT_HUB_SETTINGS, SETTINGS_LIMITS, settingsProblems, type ConfigurationChange, type HubSettings } from '@hub/shared';
import { LeadersApi } from '../core/api/leaders-api.service';
import { readProblem } from '../core/api/problem';
import { CalendarStore } from '../core/calendar/calendar.store';
import { I18nService, TranslatePipe } from '../core/i18n';
import { SmtpSettingsComponent } from '../notifications/smtp-settings.component';
import { ConfigurationChangesComponent } from './configuration-changes.component';
import { FileLimitSettingsComponent } from './file-limit-settings.component';
import { loadable, LoadStateComponent } from '../ui/load-state';

type Field = keyof HubSettings;

/**
 * R10, R14a, R22: the center's settings — working days allowed, end of day, time zone, warning and
 * circulation thresholds — each change on record. A change applies to deadlines started after it.
 * Below them the material file size limit (R28) and the mail server (R27).
 */
@Component({
  selector: 'hub-settings-page',
  imports: [
    ReactiveFormsModule,
    TranslatePipe,
    ConfigurationChangesComponent,
    SmtpSettingsComponent,
    FileLimitSettingsComponent,
    LoadStateComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './admin.css',
  template: `
    <div class="page-head">
      <h1>{{ 'settings.title' | t }}</h1>
    </div>
    <form class="card settings-form" [formGroup]="form" (ngSubmit)="save()" novalidate data-testid="settings-form">
      <p class="muted small">{{ 'settings.intro' | t }}</p>
      <hub-load-state [of]="settingsLoad" testId="settings" />
      @if (settingsLoad.value()) {
        @for (f of fields; track f.key) {
          <div class="field">
            <label [for]="'s-' + f.key">{{ f.label | t }}</label>
            <input
              [id]="'s-' + f.key"
              [type]="f.type"
              [formControlName]="f.key"
              [attr.min]="f.min"
              [attr.max]="f.max"
              [attr.aria-invalid]="!!errors()[f.key]"
              [attr.aria-describedby]="'s-' + f.key + '-hint' + (errors()[f.key] ? ' s-' + f.key + '-error' : '')"
              [attr.data-testid]="'settings-' + f.key"
            />
            <p class="field-hint" [id]="'s-' + f.key + '-hint'">{{ f.hint | t }}</p>
            @if (errors()[f.key]; as e) {
              <p class="field-error" [id]="'s-' + f.key + '-error'">{{ e }}</p>
            }
          </div>
        }
      }
      <div class="form-actions">
        <button type="submit" class="button-primary" [disabled]="busy() || !settingsLoad.value()" data-testid="settings-save">
          {{ 'settings.save' | t }}
        </button>
      </div>
      <div aria-live="polite">
        @if (saved()) {
          <p class="notice" role="status" data-testid="settings-saved">{{ 'settings.saved' | t }}</p>
        }
        @if (message(); as m) {
          <p class="alert alert-error" role="alert">{{ m }}</p>
        }
      </div>
    </form>
    <hub-file-limit-settings (saved)="reloadChanges()" />
    <hub-smtp-settings />
    <section class="card" aria-labelledby="settings-changes-title">
      <h2 id="settings-changes-title">{{ 'changes.title' | t }}</h2>
      <hub-configuration-changes [changes]="changes()" />
    </section>
  `,
})
export class SettingsPage {
  private readonly api = inject(LeadersApi);
  private readonly i18n = inject(I18nService);
  private readonly calendar = inject(CalendarStore);
  private readonly fb = inject(NonNullableFormBuilder);

  protected readonly fields = [
    {
      key: 'workingDaysAllowed',
      type: 'number',
      label: 'settings.workingDays',
      hint: 'settings.workingDaysHint',
      ...SETTINGS_LIMITS.workingDaysAllowed,
    },
    { key: 'endOfDay', type: 'text', label: 'settings.endOfDay', hint: 'settings.endOfDayHint', min: null, max: null },
    { key: 'timeZone', type: 'text', label: 'settings.timeZone', hint: 'settings.timeZoneHint', min: null, max: null },
    {
      key: 'warningWorkingDays',
      type: 'number',
      label: 'settings.warning',
      hint: 'settings.warningHint',
      ...SETTINGS_LIMITS.warningWorkingDays,
    },
    {
      key: 'circulationThreshold',
      type: 'number',
      label: 'settings.circulation',
      hint: 'settings.circulationHint',
      ...SETTINGS_LIMITS.circulationThreshold,
    },
  ] as const;

  protected readonly form = this.fb.group({
    workingDaysAllowed: [DEFAULT_HUB_SETTINGS.workingDaysAllowed, Validators.required],
    endOfDay: [DEFAULT_HUB_SETTINGS.endOfDay, Validators.required],
    timeZone: [DEFAULT_HUB_SETTINGS.timeZone, Validators.required],
    warningWorkingDays: [DEFAULT_HUB_SETTINGS.warningWorkingDays, Validators.required],
    circulationThreshold: [DEFAULT_HUB_SETTINGS.circulationThreshold, Validators.required],
  });
  protected readonly errors = signal<Partial<Record<Field, string>>>({});
  protected readonly changes = signal<ConfigurationChange[]>([]);
  protected readonly busy = signal(false);
  protected readonly saved = signal(false);
  protected readonly message = signal<string | null>(null);

  /** Issue 14: the settings and their history load with a visible state and, failing, a retry. */
  protected readonly settingsLoad = loadable(async () => {
    const [settings, changes] = await Promise.all([firstValueFrom(this.api.settings()), firstValueFrom(this.api.configurationChanges())]);
    this.form.setValue(settings);
    this.changes.set(changes);
    return true;
  });

  constructor() {
    void this.settingsLoad.load();
  }

  protected async save(): Promise<void> {
    const raw = this.form.getRawValue();
    const next: HubSettings = {
      ...raw,
      workingDaysAllowed: Number(raw.workingDaysAllowed),
      warningWorkingDays: Number(raw.warningWorkingDays),
      circulationThreshold: Number(raw.circulationThreshold),
    };
    this.saved.set(false);
    this.message.set(null);
    // The same checks as the server, so most mistakes show before the round trip.
    const problems = settingsProblems(next);
    this.errors.set(Object.fromEntries(problems.map((p) => [p.field, this.i18n.t(`problem.${p.code}`)])));
    if (problems.length) return;
    this.busy.set(true);
    try {
      this.form.setValue(await firstValueFrom(this.api.updateSettings(next)));
      this.saved.set(true);
      this.changes.set(await firstValueFrom(this.api.configurationChanges()));
      void this.calendar.reload().catch(() => undefined);
    } catch (e) {
      const problem = readProblem(e, this.i18n);
      this.errors.set(problem.fields as Partial<Record<Field, string>>);
      this.message.set(problem.message ?? this.i18n.t('common.networkError'));
    } finally {
      this.busy.set(false);
    }
  }

  protected async reloadChanges(): Promise<void> {
    this.changes.set(await firstValueFrom(this.api.configurationChanges()).catch(() => this.changes()));
  }
}
