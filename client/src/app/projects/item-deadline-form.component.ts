import { ChangeDetectionStrategy, Component, computed, inject, input, output, signal, type WritableSignal } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import {
  DELAY_CAUSES,
  instantOfWallClock,
  wallClockText,
  type ApprovalItemView,
  type DelayCause,
  type MeetingSummary,
  type Ruling,
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
            <input
              type="radio"
              id="ruling-accept"
              name="ruling"
              data-testid="ruling-accept"
              [checked]="ruling() === 'accepted'"
              (change)="choose('accepted')"
            />
            <label for="ruling-accept">{{ 'items.ruleAccept' | t }}</label>
          </div>
          <div class="check">
            <input
              type="radio"
              id="ruling-reject"
              name="ruling"
              data-testid="ruling-reject"
              [checked]="ruling() === 'rejected'"
              (change)="choose('rejected')"
            />
            <label for="ruling-reject">{{ 'items.ruleReject' | t }}</label>
          </div>
        </fieldset>
        @if (fields()['ruling']; as e) {
          <p class="field-error" data-field="ruling">{{ e }}</p>
        }
      }
      @if (action() === 'delay') {
        <div class="field">
          <label for="delay-cause">{{ 'items.delayCause' | t }}</label>
          <select id="delay-cause" data-testid="delay-cause" (change)="pickCause($any($event.target).value)">
            <option value="" [selected]="cause() === null">{{ 'items.choose' | t }}</option>
            @for (c of causes; track c) {
              <option [value]="c" [selected]="c === cause()">{{ causeKey(c) | t }}</option>
            }
          </select>
          @if (fields()['cause']; as e) {
            <p class="field-error" data-field="cause">{{ e }}</p>
          }
        </div>
        @if (cause() === 'network_outage') {
          <div class="field">
            <label for="outage-from">{{ 'items.outageFrom' | t }}</label>
            <input
              id="outage-from"
              type="datetime-local"
              data-testid="outage-from"
              [value]="outageFrom()"
              (input)="edit(outageFrom, $any($event.target).value)"
            />
            @if (fields()['outageFrom']; as e) {
              <p class="field-error" data-field="outageFrom">{{ e }}</p>
            }
          </div>
          <div class="field">
            <label for="outage-to">{{ 'items.outageTo' | t }}</label>
            <input
              id="outage-to"
              type="datetime-local"
              data-testid="outage-to"
              [value]="outageTo()"
              (input)="edit(outageTo, $any($event.target).value)"
            />
            @if (fields()['outageTo']; as e) {
              <p class="field-error" data-field="outageTo">{{ e }}</p>
            }
          </div>
        }
      }
      @if (action() === 'explain' && meetings().length > 0) {
        <div class="field">
          <label for="explain-about">{{ 'items.explanationFor' | t }}</label>
          <select id="explain-about" data-testid="explain-about" (change)="edit(meetingId, $any($event.target).value)">
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
          <input
            id="new-due"
            type="datetime-local"
            data-testid="new-due"
            [value]="newDue()"
            (input)="edit(newDue, $any($event.target).value)"
          />
          @if (fields()['newDueAt']; as e) {
            <p class="field-error" data-field="newDueAt">{{ e }}</p>
          }
        </div>
      }
      <div class="field">
        <label for="deadline-text">{{ textLabel() | t }}</label>
        <textarea
          id="deadline-text"
          rows="2"
          data-testid="deadline-text"
          [value]="text()"
          (input)="edit(text, $any($event.target).value)"
        ></textarea>
        @if (textError(); as e) {
          <p class="field-error">{{ e }}</p>
        }
      </div>
      @if (message(); as m) {
        <p class="field-error" role="alert" data-testid="deadline-error">{{ m }}</p>
      }
      @if (confirming(); as consequence) {
        <!-- A choice with legal effect is confirmed with its consequence stated (R12, R13, R16). -->
        <p class="alert alert-warning" role="alert" data-testid="deadline-consequence">{{ consequence }}</p>
        <button type="submit" class="button-primary" data-testid="deadline-confirm" [disabled]="busy()">{{ 'items.confirm' | t }}</button>
        <button type="button" class="button-quiet" (click)="confirming.set(null)">{{ 'items.back' | t }}</button>
      } @else {
        <button type="submit" class="button-primary" data-testid="deadline-submit" [disabled]="busy()">{{ 'items.submit' | t }}</button>
        <button type="button" class="button-quiet" (click)="cancelled.emit()">{{ 'items.cancel' | t }}</button>
      }
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
  // Nothing with legal effect is preselected: no cause, no ruling, no due instant (issue 10).
  protected readonly cause = signal<DelayCause | null>(null);
  protected readonly ruling = signal<Ruling | null>(null);
  protected readonly meetingId = signal('');
  protected readonly text = signal('');
  protected readonly newDue = signal('');
  protected readonly outageFrom = signal('');
  protected readonly outageTo = signal('');
  /** The consequence awaiting confirmation; null while the form is being filled in. */
  protected readonly confirming = signal<string | null>(null);
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
    });
  }

  /** Any change of the answers takes back a pending confirmation: the consequence stated must be of what is sent. */
  protected edit(field: WritableSignal<string>, value: string): void {
    field.set(value);
    this.confirming.set(null);
  }

  protected choose(ruling: Ruling): void {
    this.ruling.set(ruling);
    this.confirming.set(null);
  }

  protected pickCause(value: string): void {
    this.cause.set((DELAY_CAUSES as readonly string[]).includes(value) ? (value as DelayCause) : null);
    this.confirming.set(null);
  }

  /** What the choice will do, in words, before it is sent. */
  private consequence(due: Date | null): string {
    const zone = this.calendar.settings().timeZone;
    const dueText = due ? wallClockText(due, zone).replace('T', ' ') : '';
    switch (this.action()) {
      case 'extend':
        return this.i18n.t('items.consequence.extend', { due: dueText });
      case 'delay':
        return this.i18n.t(this.cause() === 'network_outage' ? 'items.consequence.delayOutage' : 'items.consequence.delay', {
          due: dueText,
          cause: this.i18n.t(delayCauseKey(this.cause()!)),
        });
      case 'explain':
        return this.i18n.t(this.meetingId() ? 'items.consequence.explainMeeting' : 'items.consequence.explainDeadline');
      case 'rule':
        return this.ruling() === 'accepted'
          ? this.i18n.t('items.consequence.ruleAccept', { due: dueText })
          : this.i18n.t('items.consequence.ruleReject');
    }
  }

  private async loadMeetings(): Promise<void> {
    const item = this.item();
    try {
      const list = await firstValueFrom(this.api.meetings(item.projectId));
      this.meetings.set(
        list.filter((m) => (m.status === 'scheduled' || m.status === 'open') && m.invitedDepartmentIds.includes(item.departmentId)),
      );
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
    const zone = this.calendar.settings().timeZone;
    const required: Record<string, string> = {};
    if (action === 'rule' && this.ruling() === null) required['ruling'] = this.i18n.t('common.required');
    if (action === 'delay' && this.cause() === null) required['cause'] = this.i18n.t('common.required');
    const due = this.needsDue() ? instantOfWallClock(this.newDue(), zone) : null;
    if (this.needsDue() && !due) required['newDueAt'] = this.i18n.t('common.required');
    const outage =
      action === 'delay' && this.cause() === 'network_outage'
        ? { from: instantOfWallClock(this.outageFrom(), zone), to: instantOfWallClock(this.outageTo(), zone) }
        : null;
    if (outage && !outage.from) required['outageFrom'] = this.i18n.t('common.required');
    if (outage && !outage.to) required['outageTo'] = this.i18n.t('common.required');
    this.fields.set(required);
    if (Object.keys(required).length) return;
    if (this.confirming() === null) {
      this.confirming.set(this.consequence(due));
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
          await firstValueFrom(
            this.api.delayItem(item.id, {
              cause: this.cause()!,
              description: text,
              newDueAt: due!.toISOString(),
              ...(outage ? { outageFrom: outage.from!.toISOString(), outageTo: outage.to!.toISOString() } : {}),
            }),
          );
          break;
        case 'explain':
          await firstValueFrom(this.api.fileExplanation(item.id, { text, ...(this.meetingId() ? { meetingId: this.meetingId() } : {}) }));
          break;
        case 'rule':
          await firstValueFrom(
            this.api.ruleExplanation(item.pendingExplanation!.id, {
              ruling: this.ruling()!,
              ...(text ? { note: text } : {}),
              ...(due ? { newDueAt: due.toISOString() } : {}),
            }),
          );
          break;
      }
      this.done.emit();
    } catch (e) {
      const problem = readProblem(e, this.i18n);
      this.confirming.set(null);
      this.fields.set(problem.fields);
      this.message.set(problem.message ?? this.i18n.t('common.networkError'));
    } finally {
      this.busy.set(false);
    }
  }
}
