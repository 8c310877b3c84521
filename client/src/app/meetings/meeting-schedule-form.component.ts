import { ChangeDetectionStrategy, Component, computed, effect, inject, input, output, signal, untracked } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import {
  defaultInvitees,
  instantOfWallClock,
  MEETING_KINDS,
  wallClockText,
  type ApprovalItemView,
  type Department,
  type MeetingKind,
  type MeetingView,
} from '@hub/shared';
import { ApiService } from '../core/api/api.service';
import { readProblem } from '../core/api/problem';
import { CalendarStore } from '../core/calendar/calendar.store';
import { I18nService, TranslatePipe, meetingKindKey } from '../core/i18n';
import { HubClock } from '../core/live/hub-clock.service';

/**
 * R18/R20: schedule a coordination, joint review or supervision meeting, or a joint site
 * inspection: time (in the center's zone), place or online, invitees (by default every department
 * with an open item), agenda. The invitees see it on their desks at once (card stream).
 */
@Component({
  selector: 'hub-meeting-schedule-form',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form class="schedule-form" (submit)="submit($event)" novalidate data-testid="meeting-schedule-form" aria-labelledby="schedule-title">
      <h3 id="schedule-title">{{ 'schedule.title' | t }}</h3>
      @if (message(); as m) {
        <p class="alert alert-error" role="alert">{{ m }}</p>
      }
      <div class="form-row">
        <div class="field">
          <label for="meeting-kind">{{ 'schedule.kind' | t }}</label>
          <select id="meeting-kind" data-testid="meeting-kind" [value]="kind()" (change)="kind.set($any($event.target).value)">
            @for (k of kinds; track k) {
              <option [value]="k" [selected]="k === kind()">{{ kindKey(k) | t }}</option>
            }
          </select>
        </div>
        <div class="field grow">
          <label for="meeting-title">{{ 'schedule.name' | t }}</label>
          <input
            id="meeting-title"
            data-testid="meeting-title"
            [value]="title()"
            (input)="title.set($any($event.target).value)"
            [attr.aria-invalid]="fieldError('title') ? true : null"
          />
          @if (fieldError('title'); as e) {
            <p class="field-error" data-field="title">{{ e }}</p>
          }
        </div>
      </div>
      <div class="form-row">
        <div class="field">
          <label for="meeting-starts">{{ 'schedule.startsAt' | t }}</label>
          <input
            id="meeting-starts"
            type="datetime-local"
            data-testid="meeting-starts"
            [value]="startsAt()"
            (input)="startsAt.set($any($event.target).value)"
            [attr.aria-invalid]="fieldError('startsAt') ? true : null"
          />
          @if (fieldError('startsAt'); as e) {
            <p class="field-error" data-field="startsAt">{{ e }}</p>
          }
        </div>
        <div class="field">
          <label for="meeting-ends">{{ 'schedule.endsAt' | t }}</label>
          <input
            id="meeting-ends"
            type="datetime-local"
            data-testid="meeting-ends"
            [value]="endsAt()"
            (input)="endsAt.set($any($event.target).value)"
          />
          @if (fieldError('endsAt'); as e) {
            <p class="field-error" data-field="endsAt">{{ e }}</p>
          }
        </div>
      </div>
      <div class="form-row">
        <div class="check">
          <input
            id="meeting-online"
            type="checkbox"
            data-testid="meeting-online"
            [checked]="online()"
            (change)="online.set($any($event.target).checked)"
          />
          <label for="meeting-online">{{ 'schedule.online' | t }}</label>
        </div>
        <div class="field grow">
          <label for="meeting-place">{{ 'schedule.place' | t }}</label>
          <input
            id="meeting-place"
            data-testid="meeting-place"
            [value]="place()"
            (input)="place.set($any($event.target).value)"
            [attr.aria-invalid]="fieldError('place') ? true : null"
          />
          @if (fieldError('place'); as e) {
            <p class="field-error" data-field="place">{{ e }}</p>
          }
        </div>
      </div>
      <fieldset class="checks">
        <legend>{{ 'schedule.invitees' | t }}</legend>
        @for (d of projectDepartments(); track d.id) {
          <div class="check">
            <input
              type="checkbox"
              [id]="'invite-' + d.code"
              [attr.data-testid]="'invite-' + d.code"
              [checked]="invited().has(d.id)"
              (change)="toggle(d.id, $event)"
            />
            <label [for]="'invite-' + d.code">{{ i18n.name(d) }}</label>
          </div>
        }
        @if (fieldError('invitedDepartmentIds'); as e) {
          <p class="field-error" data-field="invitedDepartmentIds">{{ e }}</p>
        }
      </fieldset>
      <div class="field">
        <label for="meeting-agenda">{{ 'schedule.agenda' | t }}</label>
        <textarea
          id="meeting-agenda"
          rows="2"
          data-testid="meeting-agenda"
          [value]="agenda()"
          (input)="agenda.set($any($event.target).value)"
        ></textarea>
      </div>
      <button type="submit" class="button-primary" data-testid="meeting-submit" [disabled]="busy()">
        {{ (busy() ? 'schedule.submitting' : 'schedule.submit') | t }}
      </button>
    </form>
  `,
})
export class MeetingScheduleFormComponent {
  private readonly api = inject(ApiService);
  private readonly calendar = inject(CalendarStore);
  private readonly clock = inject(HubClock);
  protected readonly i18n = inject(I18nService);

  readonly projectId = input.required<string>();
  readonly items = input.required<ApprovalItemView[]>();
  readonly departments = input.required<ReadonlyMap<string, Department>>();
  readonly convened = output<MeetingView>();

  protected readonly kinds = MEETING_KINDS;
  protected readonly kindKey = meetingKindKey;
  protected readonly kind = signal<MeetingKind>('joint_review');
  protected readonly title = signal('');
  protected readonly startsAt = signal('');
  protected readonly endsAt = signal('');
  protected readonly online = signal(true);
  protected readonly place = signal('');
  protected readonly agenda = signal('');
  protected readonly invited = signal<ReadonlySet<string>>(new Set());
  protected readonly busy = signal(false);
  protected readonly message = signal<string | null>(null);
  private readonly fields = signal<Record<string, string>>({});

  protected readonly projectDepartments = computed(() =>
    this.items()
      .map((i) => this.departments().get(i.departmentId))
      .filter((d): d is Department => d !== undefined),
  );

  constructor() {
    // Defaults: every department with an open item; the next quarter hour on the hub's clock.
    effect(() => {
      const invitees = defaultInvitees(this.items());
      untracked(() => this.invited.set(new Set(invitees)));
    });
    const zone = this.calendar.settings().timeZone;
    const quarter = 15 * 60_000;
    this.startsAt.set(wallClockText(new Date(Math.ceil((this.clock.now() + 60_000) / quarter) * quarter), zone));
  }

  protected fieldError(field: string): string | null {
    return this.fields()[field] ?? null;
  }

  protected toggle(id: string, event: Event): void {
    const checked = (event.target as HTMLInputElement).checked;
    this.invited.update((s) => {
      const next = new Set(s);
      if (checked) next.add(id);
      else next.delete(id);
      return next;
    });
  }

  protected async submit(event: Event): Promise<void> {
    event.preventDefault();
    if (this.busy()) return;
    const zone = this.calendar.settings().timeZone;
    const starts = instantOfWallClock(this.startsAt(), zone);
    const ends = this.endsAt() ? instantOfWallClock(this.endsAt(), zone) : null;
    const local: Record<string, string> = {};
    if (!this.title().trim()) local['title'] = this.i18n.t('common.required');
    if (!starts) local['startsAt'] = this.i18n.t('common.required');
    if (!this.online() && !this.place().trim()) local['place'] = this.i18n.t('common.required');
    this.fields.set(local);
    if (Object.keys(local).length > 0) return;
    this.busy.set(true);
    this.message.set(null);
    try {
      const meeting = await firstValueFrom(
        this.api.conveneMeeting(this.projectId(), {
          kind: this.kind(),
          title: this.title().trim(),
          startsAt: starts!.toISOString(),
          ...(ends ? { endsAt: ends.toISOString() } : {}),
          online: this.online(),
          ...(this.place().trim() ? { place: this.place().trim() } : {}),
          invitedDepartmentIds: [...this.invited()],
          agenda: this.agenda().trim(),
        }),
      );
      this.title.set('');
      this.agenda.set('');
      this.convened.emit(meeting);
    } catch (e) {
      const problem = readProblem(e, this.i18n);
      this.fields.set(problem.fields);
      this.message.set(problem.message ?? this.i18n.t('common.networkError'));
    } finally {
      this.busy.set(false);
    }
  }
}
