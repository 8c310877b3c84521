import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { countdown, isHeld, type ApprovalItemView, type PendingExplanation } from '@hub/shared';
import { CalendarStore } from '../core/calendar/calendar.store';
import { HubFormat } from '../core/format/hub-format.service';
import { timeLeft } from '../core/format/time-left';
import { I18nService, TranslatePipe, procedureKey } from '../core/i18n';
import { HubClock } from '../core/live/hub-clock.service';

interface CountdownView {
  text: string;
  due: string | null;
  urgent: boolean;
}

/**
 * R10/R14a live working-day countdown of one item, ticking with the hub clock
 * (server time, not the browser's) and using the shared calendar math.
 */
@Component({
  selector: 'hub-countdown',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (view(); as v) {
      <span class="countdown" [class.urgent]="v.urgent">
        <span class="countdown-left">{{ v.text }}</span>
        @if (v.due) {
          <span class="countdown-due">{{ v.due }}</span>
        }
      </span>
    }
    <!-- R11: only a running deadline can still move when the year's schedule is published. -->
    @if (item().provisional && item().dueAt && item().status === 'in_review') {
      <span class="provisional" [attr.title]="'countdown.provisionalHint' | t">{{ 'countdown.provisional' | t }}</span>
    }
  `,
})
export class CountdownComponent {
  private readonly clock = inject(HubClock);
  private readonly calendar = inject(CalendarStore);
  private readonly i18n = inject(I18nService);
  private readonly format = inject(HubFormat);

  // The board's slim rows carry only the kind of a pending explanation (R16: what holds), enough here.
  readonly item = input.required<
    Pick<ApprovalItemView, 'status' | 'dueAt' | 'provisional' | 'paused'> & { pendingExplanation?: Pick<PendingExplanation, 'kind'> | null }
  >();

  protected readonly view = computed<CountdownView | null>(() => {
    const { status, dueAt } = this.item();
    const cal = this.calendar.calendar();
    // Only a running clock counts down; decided items show their status instead.
    if (status !== 'in_review' || !dueAt || !cal) return null;
    // R10a: a special procedure stopped the clock: nothing counts down until its end is recorded.
    const paused = this.item().paused;
    if (paused)
      return { text: this.i18n.t('countdown.paused', { name: this.i18n.t(procedureKey(paused.kind)) }), due: null, urgent: false };
    const now = new Date(this.clock.now());
    // R16: past due but held by a deadline explanation: held, never "overdue" beside a running clock.
    if (isHeld({ status, dueAt, pendingExplanation: this.item().pendingExplanation ?? null }, now)) {
      return { text: this.i18n.t('countdown.held'), due: null, urgent: false };
    }
    const left = countdown(now, new Date(dueAt), cal, this.calendar.settings());
    const rest = timeLeft(left.msLeft);
    if (left.overdue || !rest) return { text: this.i18n.t('countdown.overdue'), due: null, urgent: true };
    if (left.dueToday) {
      // R14a: time left in words ("剩 3 小时 12 分"), never like a time of day.
      return { text: this.i18n.t('countdown.dueToday', { time: this.i18n.t(rest.key, rest.params) }), due: null, urgent: true };
    }
    return {
      text: this.i18n.t('countdown.daysLeft', { n: left.workingDaysLeft }),
      due: this.i18n.t('countdown.dueOn', { date: this.format.civilDate(left.dueDate) }),
      urgent: false,
    };
  });
}
