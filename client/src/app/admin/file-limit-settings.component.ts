import { ChangeDetectionStrategy, Component, inject, output, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { firstValueFrom } from 'rxjs';
import { MAX_FILE_BYTES_RANGE, type MaterialFilesSettings } from '@hub/shared';
import { LeadersApi } from '../core/api/leaders-api.service';
import { readProblem } from '../core/api/problem';
import { I18nService, TranslatePipe } from '../core/i18n';
import { loadable, LoadStateComponent } from '../ui/load-state';

const MB = 1024 * 1024;
/** The limit as the admin types it: whole megabytes within the range the server accepts. */
const MIN_MB = MAX_FILE_BYTES_RANGE.min / MB;
const MAX_MB = MAX_FILE_BYTES_RANGE.max / MB;

/** R28 (setting): the largest material file the hub accepts, on the settings page; each change on record. */
@Component({
  selector: 'hub-file-limit-settings',
  imports: [FormsModule, TranslatePipe, LoadStateComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form class="card settings-form" (ngSubmit)="save()" novalidate data-testid="file-limit-form" aria-labelledby="file-limit-title">
      <h2 id="file-limit-title">{{ 'settings.files.title' | t }}</h2>
      <hub-load-state [of]="limitLoad" testId="file-limit" />
      @if (limitLoad.value()) {
        <div class="field">
          <label for="file-limit-mb">{{ 'settings.files.maxMb' | t }}</label>
          <input
            id="file-limit-mb"
            name="maxMb"
            type="number"
            step="1"
            [min]="minMb"
            [max]="maxMb"
            [(ngModel)]="megabytes"
            [attr.aria-invalid]="!!error()"
            [attr.aria-describedby]="'file-limit-hint' + (error() ? ' file-limit-error' : '')"
            data-testid="file-limit-mb"
          />
          <p class="field-hint" id="file-limit-hint">{{ 'settings.files.hint' | t: { min: minMb, max: maxMb } }}</p>
          @if (error(); as e) {
            <p class="field-error" id="file-limit-error">{{ e }}</p>
          }
        </div>
        <div class="form-actions">
          <button type="submit" class="button-primary" [disabled]="busy()" data-testid="file-limit-save">
            {{ 'settings.files.save' | t }}
          </button>
        </div>
      }
      <div aria-live="polite">
        @if (message(); as m) {
          <p class="alert" [class.alert-error]="failed()" role="status" data-testid="file-limit-message">{{ m }}</p>
        }
      </div>
    </form>
  `,
})
export class FileLimitSettingsComponent {
  private readonly api = inject(LeadersApi);
  private readonly i18n = inject(I18nService);
  /** A change was saved (and recorded): the page shows it in the list of changes. */
  readonly saved = output<void>();

  protected readonly minMb = MIN_MB;
  protected readonly maxMb = MAX_MB;
  protected megabytes: number | null = null;
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly message = signal<string | null>(null);
  protected readonly failed = signal(false);

  /** Issue 14: the fields appear with the saved limit; failing, the load says why and offers a retry. */
  protected readonly limitLoad = loadable(async () => {
    this.show(await firstValueFrom(this.api.filesSettings()));
    return true;
  });

  constructor() {
    void this.limitLoad.load();
  }

  protected async save(): Promise<void> {
    if (this.busy()) return;
    this.message.set(null);
    const mb = Number(this.megabytes);
    // The server's range, checked before the round trip; the server checks it again.
    if (this.megabytes === null || !Number.isInteger(mb) || mb < MIN_MB || mb > MAX_MB) {
      this.error.set(this.i18n.t('settings.files.invalid', { min: MIN_MB, max: MAX_MB }));
      return;
    }
    this.error.set(null);
    this.busy.set(true);
    try {
      this.show(await firstValueFrom(this.api.updateFilesSettings({ maxBytes: mb * MB })));
      this.failed.set(false);
      this.message.set(this.i18n.t('settings.saved'));
      this.saved.emit();
    } catch (e) {
      this.fail(e);
    } finally {
      this.busy.set(false);
    }
  }

  private show(s: MaterialFilesSettings): void {
    this.megabytes = Math.round((s.maxBytes / MB) * 10) / 10;
  }

  private fail(e: unknown): void {
    const problem = readProblem(e, this.i18n);
    this.error.set(problem.fields['maxBytes'] ?? null);
    this.failed.set(true);
    this.message.set(problem.message ?? this.i18n.t('common.networkError'));
  }
}
