import { ChangeDetectionStrategy, Component, computed, inject, input, output, signal, type OnInit } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import type { MegaForwarding, StaffMember } from '@hub/shared';
import { readProblem } from '../core/api/problem';
import { HubDuePipe, HubTimePipe } from '../core/format/format.pipes';
import { I18nService, TranslatePipe } from '../core/i18n';
import { SessionStore } from '../core/session/session.store';
import { PaperTrailApi } from '../notices/paper-trail.api';
import { forwardingKey, forwardingStatusOf } from './forwarding-status';

/** R6: the mega project's forwarding to higher authorities, its deadline, and its named tracker. */
@Component({
  selector: 'hub-mega-panel',
  imports: [TranslatePipe, HubDuePipe, HubTimePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section aria-labelledby="mega-title" data-testid="mega-panel" [attr.data-status]="status()">
      <h2 id="mega-title">{{ 'mega.title' | t }}</h2>
      <dl class="facts">
        <div>
          <dt>{{ 'mega.state' | t }}</dt>
          <dd data-testid="mega-status">{{ status() ? (key(status()!) | t) : '—' }}</dd>
        </div>
        <div>
          <dt>{{ 'mega.due' | t }}</dt>
          <dd data-testid="mega-due">{{ forwarding().dueAt ? (forwarding().dueAt | hubDue) : ('mega.status.awaiting_materials' | t) }}</dd>
        </div>
        <div>
          <dt>{{ 'mega.tracker' | t }}</dt>
          <dd data-testid="mega-tracker">{{ forwarding().tracker?.displayName ?? ('mega.noTracker' | t) }}</dd>
        </div>
        @if (forwarding().forwardedAt) {
          <div>
            <dt>{{ 'mega.forwarded' | t }}</dt>
            <dd>{{ forwarding().forwardedTo }} · {{ forwarding().forwardedAt | hubTime }}</dd>
          </div>
        }
      </dl>
      @if (canTrack()) {
        <div class="mega-forms">
          <form (submit)="assign($event)" novalidate>
            <label for="mega-tracker-select">{{ 'mega.tracker' | t }}</label>
            <select id="mega-tracker-select" data-testid="mega-tracker-select" (change)="trackerId.set(value($event))">
              <option value="">{{ 'mega.choose' | t }}</option>
              @for (s of staff(); track s.id) {
                <option [value]="s.id" [selected]="s.id === (forwarding().tracker?.id ?? '')">{{ s.displayName }}</option>
              }
            </select>
            <button type="submit" class="button-secondary" data-testid="mega-tracker-assign" [disabled]="busy() || !trackerId()">
              {{ 'mega.assign' | t }}
            </button>
          </form>
          @if (forwarding().dueAt && !forwarding().forwardedAt) {
            <form (submit)="forward($event)" novalidate>
              <label for="mega-forwarded-to">{{ 'mega.forwardedTo' | t }}</label>
              <input
                id="mega-forwarded-to"
                data-testid="mega-forwarded-to"
                [value]="forwardedTo()"
                (input)="forwardedTo.set(value($event))"
              />
              <button type="submit" class="button-primary" data-testid="mega-forward" [disabled]="busy() || !forwardedTo().trim()">
                {{ 'mega.forward' | t }}
              </button>
            </form>
          }
        </div>
      }
      <div aria-live="polite">
        @if (message(); as m) {
          <p class="field-error" role="alert">{{ m }}</p>
        }
      </div>
    </section>
  `,
  styles: `
    .mega-forms {
      display: flex;
      flex-wrap: wrap;
      gap: 1rem;
    }
    .mega-forms form {
      display: flex;
      gap: 0.5rem;
      align-items: center;
      flex-wrap: wrap;
    }
  `,
})
export class MegaPanelComponent implements OnInit {
  private readonly api = inject(PaperTrailApi);
  private readonly session = inject(SessionStore);
  private readonly i18n = inject(I18nService);

  readonly projectId = input.required<string>();
  readonly forwarding = input.required<MegaForwarding>();
  readonly changed = output<void>();

  protected readonly status = forwardingStatusOf(this.forwarding);
  protected readonly key = forwardingKey;
  protected readonly staff = signal<StaffMember[]>([]);
  protected readonly trackerId = signal('');
  protected readonly forwardedTo = signal('');
  protected readonly busy = signal(false);
  protected readonly message = signal<string | null>(null);
  protected readonly canTrack = computed(() => this.session.can('mega.track'));

  ngOnInit(): void {
    if (this.canTrack())
      firstValueFrom(this.api.trackers()).then(
        (staff) => this.staff.set(staff),
        () => undefined,
      );
  }

  protected value(event: Event): string {
    return (event.target as HTMLInputElement | HTMLSelectElement).value;
  }

  protected assign(event: Event): void {
    event.preventDefault();
    void this.run(() => firstValueFrom(this.api.assignTracker(this.projectId(), { trackerId: this.trackerId() })));
  }

  protected forward(event: Event): void {
    event.preventDefault();
    void this.run(() => firstValueFrom(this.api.recordForwarding(this.projectId(), { forwardedTo: this.forwardedTo().trim() })));
  }

  private async run(call: () => Promise<unknown>): Promise<void> {
    this.busy.set(true);
    this.message.set(null);
    try {
      await call();
      this.changed.emit();
    } catch (e) {
      this.message.set(readProblem(e, this.i18n).message ?? this.i18n.t('common.networkError'));
    } finally {
      this.busy.set(false);
    }
  }
}
