import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { firstValueFrom } from 'rxjs';
import {
  DEFAULT_NOTIFICATION_CHANNELS,
  NOTIFICATION_CHANNELS,
  NOTIFICATION_KINDS,
  type NotificationChannel,
  type NotificationKind,
} from '@hub/shared';
import { readProblem } from '../core/api/problem';
import { I18nService, TranslatePipe } from '../core/i18n';
import { channelKey, NotificationsApi } from './notifications-api.service';

/**
 * R27: each person chooses, per kind of alert, whether it reaches them in the hub only, by e-mail
 * or by SMS, and keeps the address and mobile it goes to.
 */
@Component({
  selector: 'hub-my-notifications-page',
  imports: [FormsModule, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: '../admin/admin.css',
  template: `
    <div class="page-head">
      <h1>{{ 'notify.mine.title' | t }}</h1>
    </div>
    <form class="card people-form" (ngSubmit)="save()" novalidate data-testid="my-notifications" [attr.aria-busy]="loading()">
      <p class="muted small">{{ 'notify.mine.intro' | t }}</p>
      @if (loading()) {
        <p class="loading" role="status" data-testid="notify-loading">{{ 'common.loading' | t }}</p>
      } @else {
        <div class="field-row">
          <div class="field">
            <label for="notify-email">{{ 'notify.mine.email' | t }}</label>
            <input
              id="notify-email"
              type="email"
              autocomplete="email"
              name="email"
              [(ngModel)]="email"
              [attr.aria-invalid]="!!errors()['email']"
              [attr.aria-describedby]="errors()['email'] ? 'notify-email-error' : null"
              data-testid="notify-email"
            />
            @if (errors()['email']; as e) {
              <p class="field-error" id="notify-email-error">{{ e }}</p>
            }
          </div>
          <div class="field">
            <label for="notify-mobile">{{ 'notify.mine.mobile' | t }}</label>
            <input
              id="notify-mobile"
              type="tel"
              autocomplete="tel"
              name="mobile"
              [(ngModel)]="mobile"
              [attr.aria-invalid]="!!errors()['mobile']"
              [attr.aria-describedby]="errors()['mobile'] ? 'notify-mobile-error' : null"
              data-testid="notify-mobile"
            />
            @if (errors()['mobile']; as e) {
              <p class="field-error" id="notify-mobile-error">{{ e }}</p>
            }
          </div>
        </div>
        @for (kind of KINDS; track kind) {
          <fieldset class="channel-choice" [attr.data-kind]="kind">
            <legend>{{ kindKey(kind) | t }}</legend>
            @for (channel of CHANNELS; track channel) {
              <label class="inline">
                <input
                  type="radio"
                  [name]="'channel-' + kind"
                  [value]="channel"
                  [ngModel]="channels()[kind]"
                  (ngModelChange)="choose(kind, $event)"
                  [attr.data-testid]="'notify-' + kind + '-' + channel"
                />
                {{ channelKey(channel) | t }}
              </label>
            }
            @if (errors()['channels.' + kind]; as e) {
              <p class="field-error">{{ e }}</p>
            }
          </fieldset>
        }
      }
      <div class="form-actions">
        <button type="submit" class="button-primary" [disabled]="busy() || loading()" data-testid="notify-save">
          {{ 'notify.mine.save' | t }}
        </button>
      </div>
      <div aria-live="polite">
        @if (message(); as m) {
          <p class="alert" [class.alert-error]="failed()" role="status" data-testid="notify-message">{{ m }}</p>
        }
      </div>
    </form>
  `,
  styles: `
    .channel-choice {
      border: 1px solid var(--line);
      margin: 0 0 0.75rem;
      padding: 0.5rem 0.75rem;
    }
    .channel-choice label.inline {
      display: inline-flex;
      gap: 0.3rem;
      margin-right: 1.25rem;
      align-items: center;
    }
  `,
})
export class MyNotificationsPage {
  private readonly api = inject(NotificationsApi);
  private readonly i18n = inject(I18nService);
  protected readonly KINDS = NOTIFICATION_KINDS;
  protected readonly CHANNELS = NOTIFICATION_CHANNELS;
  /** Each alert kind under its inbox name, and inquiry_overdue (R24) beside them. */
  protected readonly kindKey = (kind: NotificationKind) => `alerts.kind.${kind}` as const;
  protected readonly channelKey = channelKey;

  protected email = '';
  protected mobile = '';
  protected readonly channels = signal<Record<NotificationKind, NotificationChannel>>({ ...DEFAULT_NOTIFICATION_CHANNELS });
  protected readonly errors = signal<Record<string, string>>({});
  protected readonly message = signal<string | null>(null);
  protected readonly failed = signal(false);
  protected readonly busy = signal(false);
  /** Until the saved choices arrive the fields wait: typed into before, a late answer would overwrite them. */
  protected readonly loading = signal(true);

  constructor() {
    firstValueFrom(this.api.mine()).then(
      (mine) => {
        this.email = mine.email ?? '';
        this.mobile = mine.mobile ?? '';
        this.channels.set(mine.channels);
        this.loading.set(false);
      },
      (e: unknown) => this.fail(e),
    );
  }

  protected choose(kind: NotificationKind, channel: NotificationChannel): void {
    this.channels.update((c) => ({ ...c, [kind]: channel }));
  }

  protected async save(): Promise<void> {
    if (this.busy()) return;
    this.busy.set(true);
    this.errors.set({});
    this.message.set(null);
    try {
      const saved = await firstValueFrom(
        this.api.saveMine({ email: this.email.trim() || null, mobile: this.mobile.trim() || null, channels: this.channels() }),
      );
      this.channels.set(saved.channels);
      this.failed.set(false);
      this.message.set(this.i18n.t('notify.mine.saved'));
    } catch (e) {
      this.fail(e);
    } finally {
      this.busy.set(false);
    }
  }

  private fail(e: unknown): void {
    const problem = readProblem(e, this.i18n);
    this.errors.set(problem.fields);
    this.failed.set(true);
    this.message.set(problem.message ?? this.i18n.t('common.networkError'));
  }
}
