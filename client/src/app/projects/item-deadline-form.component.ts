import { ChangeDetectionStrategy, Component, computed, inject, input, output, signal } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import {
  DELAY_CAUSES,
  instantOfWallClock,
  wallClockText,
  type ApprovalItemView,
  type DelayCause,
  type MeetingSummary,
} from '@hub/shared';
import { ApiService } from '../core/api/api.service';
import { readProblem } from '../core/api/problem';
import { CalendarStore } from '../core/calendar/calendar.store';
import { I18nService, TranslatePipe, delayCauseKey } from '../core/i18n';

export type DeadlineAction = 'extend' | 'delay' | 'explain' | 'rule';

/**
 * One form for the four ways a deadline moves or waits: R12 extension (leader), R13 force-majeure
 * delay (window), R16 written explanation (the item's liaison) and its ruling (leader).
 * New due instants are entered on the center's wall clock.
 */
@Component({
  selector: 'hub-item-deadline-form',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form class="deadline-form" (submit)="submit($event)" novalidate [attr.data-testid]="'deadline-form-' + action()">
      @if (action() === 'rule' && item().pendingExplanation; as pe) {
        <p class="pre">{{ pe.text }}</p>
        <fieldset class="checks">
          <div class="check">
            <input type="radio" id="ruling-accept" name="ruling" data-testid="ruling-accept" [checked]="ruling() === 'accepted'" (change)="ruling.set('accepted')" />
            <label for="ruling-accept">{{ 'items.ruleAccept' | t }}</label>
          </div>
          <div class="check">
            <input type="radio" id="ruling-reject" name="ruling" data-testid="ruling-reject" [checked]="ruling() === 'rejected'" (change)="ruling.set('rejected')" />
            <label for="ruling-reject">{{ 'items.ruleReject' | t }}</label>
          </div>
        </fieldset>
      }
      @if (action() === 'delay') {
        <div class="field">
          <label for="delay-cause">{{ 'items.delayCause' | t }}</label>
          <select id="delay-cause" data-testid="delay-cause" (change)="cause.set($any($event.target).value)">
            @for (c of causes; track c) {
              <option [value]="c" [selected]="c === cause()">{{ causeKey(c) | t }}</option>
            }
          </select>
        </div>
      }
      @if (action() === 'explain' && meetings().length > 0) {
        <div class="field">
          <label for="explain-about">{{ 'items.explanationFor' | t }}</label>
          <select id="explain-about" data-testid="explain-about" (change)="meetingId.set($any($event.target).value)">
            <option value="">{{ 'items.explanationDeadline' | t }}</option>
            @for (m of meetings(); track m.id) {
              <option [value]="m.id">{{ m.title }}</option>
            }
          </select>
        </div>
      }
      @if (needsDue()) {
        <div class="field">
          <label for="new-due">{{ 'items.newDueAt' | t }}</label>
          <input id="new-due" type="datetime-local" data-testid="new-due" [value]="newDue()" (input)="newDue.set($any($event.target).value)" />
          @if (fields()['newDueAt']; as e) { <p class="field-error" data-field="newDueAt">{{ e }}</p> }
        </div>
      }
      <div class="field">
        <label for="deadline-text">{{ textLabel() | t }}</label>
        <textarea id="deadline-text" rows="2" data-testid="deadline-text" [value]="text()" (input)="text.set($any($event.target).value)"></textarea>
        @if (textError(); as e) { <p class="field-error">{{ e }}</p> }
      </div>
      @if (message(); as m) {
        <p class="field-error" role="alert" data-testid="deadline-error">{{ m }}</p>
      }
      <button type="submit" class="button-primary" data-testid="deadline-submit" [disabled]="busy()">{{ 'items.submit' | t }}</button>
      <button type="button" class="button-quiet" (click)="cancelled.emit()">{{ 'items.cancel' | t }}</button>
    </form>
  `,
})
export class ItemDeadlineFormComponent {
  private readonly api = inject(ApiService);
  private readonly calendar = inject(CalendarStore);
  private readonly i18n = inject(I18nService);

  readonly item = input.required<ApprovalItemView>();
  readonly action = input.required<DeadlineAction>();
  /** Meetings of the project the department is invited to and that are not over (R16 "before the meeting"). */
  protected readonly meetings = signal<MeetingSummary[]>([]);
  readonly done = output<void>();
  readonly cancelled = output<void>();

  protected readonly causes = DELAY_CAUSES;
  protected readonly causeKey = delayCauseKey;
  protected readonly cause = signal<DelayCause>('law_policy_change');
  protected readonly ruling = signal<'accepted' | 'rejected'>('accepted');
  protected readonly meetingId = signal('');
  protected readonly text = signal('');
  protected readonly newDue = signal('');
  protected readonly busy = signal(false);
  protected readonly message = signal<string | null>(null);
  protected readonly fields = signal<Record<string, string>>({});
  protected readonly textError = signal<string | null>(null);

  protected readonly needsDue = computed(() => {
    const a = this.action();
    return a === 'extend' || a === 'delay' || (a === 'rule' && this.ruling() === 'accepted');
  });
  protected readonly textLabel = computed(() => {
    switch (this.action()) {
      case 'extend':
        return 'items.reason' as const;
      case 'delay':
        return 'items.delayDescription' as const;
      case 'explain':
        return 'items.explanationText' as const;
      case 'rule':
        return 'items.ruleNote' as const;
    }
  });

  constructor() {
    queueMicrotask(() => {
      if (this.action() === 'explain') void this.loadMeetings();
      // Suggest one working week after the current due instant; the person edits it.
      const due = this.item().dueAt;
      if (due) this.newDue.set(wallClockText(new Date(new Date(due).getTime() + 2 * 86_400_000), this.calendar.settings().timeZone));
    });
  }

  private async loadMeetings(): Promise<void> {
    const item = this.item();
    try {
      const list = await firstValueFrom(this.api.meetings(item.projectId));
      this.meetings.set(list.filter((m) => (m.status === 'scheduled' || m.status === 'open') && m.invitedDepartmentIds.includes(item.departmentId)));
    } catch {
      // Without the list the explanation concerns the deadline, which is still useful.
    }
  }

  protected async submit(event: Event): Promise<void> {
    event.preventDefault();
    const action = this.action();
    const text = this.text().trim();
    if (!text && action !== 'rule') {
      this.textError.set(this.i18n.t('common.required'));
      return;
    }
    this.textError.set(null);
    const due = this.needsDue() ? instantOfWallClock(this.newDue(), this.calendar.settings().timeZone) : null;
    if (this.needsDue() && !due) {
      this.fields.set({ newDueAt: this.i18n.t('common.required') });
      return;
    }
    const item = this.item();
    this.busy.set(true);
    this.message.set(null);
    this.fields.set({});
    try {
      switch (action) {
        case 'extend':
          await firstValueFrom(this.api.extendItem(item.id, { newDueAt: due!.toISOString(), reason: text }));
          break;
        case 'delay':
          await firstValueFrom(this.api.delayItem(item.id, { cause: this.cause(), description: text, newDueAt: due!.toISOString() }));
          break;
        case 'explain':
          await firstValueFrom(this.api.fileExplanation(item.id, { text, ...(this.meetingId() ? { meetingId: this.meetingId() } : {}) }));
          break;
        case 'rule':
          await firstValueFrom(
            this.api.ruleExplanation(item.pendingExplanation!.id, {
              ruling: this.ruling(),
              ...(text ? { note: text } : {}),
              ...(due ? { newDueAt: due.toISOString() } : {}),
            }),
          );
          break;
      }
      this.done.emit();
    } catch (e) {
      const problem = readProblem(e);
      this.fields.set(problem.fields);
      this.message.set(problem.message ?? this.i18n.t('common.networkError'));
    } finally {
      this.busy.set(false);
    }
  }
}
