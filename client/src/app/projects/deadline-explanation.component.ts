import { ChangeDetectionStrategy, Component, OnInit, inject, input, signal } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import type { DeadlineExplanation, ExplainedDay } from '@hub/shared';
import { ApiService } from '../core/api/api.service';
import { readProblem } from '../core/api/problem';
import { HubDatePipe, HubDuePipe, HubTimePipe } from '../core/format/format.pipes';
import { TranslatePipe, dayReasonKey } from '../core/i18n';

/**
 * R11: "why is it due then?" The server explains its own deadline — the
 * acceptance day, then each day counted or skipped and why (weekend, which holiday).
 */
@Component({
  selector: 'hub-deadline-explanation',
  imports: [TranslatePipe, HubTimePipe, HubDuePipe, HubDatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="explanation" data-testid="deadline-explanation" aria-live="polite">
      @if (explanation(); as e) {
        <h4>{{ 'explain.title' | t }}</h4>
        <p>
          {{ 'explain.from' | t: { from: (e.from | hubTime), n: e.workingDays, due: (e.dueAt | hubDue) } }}
          @if (e.provisional) {
            <span class="provisional" [attr.title]="'countdown.provisionalHint' | t">{{
              'countdown.provisional' | t
            }}</span>
          }
        </p>
        @if (e.itemDueAt) {
          <p class="notice" data-testid="explain-item-due">{{ 'explain.itemDueAt' | t: { due: (e.itemDueAt | hubDue) } }}</p>
        }
        <ol class="explain-days">
          @for (day of e.days; track day.date) {
            <li [class.counted]="day.counted" [class.skipped]="!day.counted" [attr.data-reason]="day.reason">
              <span class="explain-date">{{ day.date | hubDate }}</span>
              <span class="explain-mark">{{ (day.counted ? 'explain.counted' : 'explain.skipped') | t }}</span>
              <span class="explain-reason">{{ reasonKey(day) | t }}@if (day.name) {{{ 'common.paren' | t: { text: day.name } }}}</span>
            </li>
          }
        </ol>
      } @else if (error(); as message) {
        <p class="field-error" role="alert">{{ message }}</p>
      } @else {
        <p class="loading">{{ 'common.loading' | t }}</p>
      }
    </section>
  `,
})
export class DeadlineExplanationComponent implements OnInit {
  private readonly api = inject(ApiService);

  /** R11: the item whose deadline this explains, under the rule it was accepted with. */
  readonly itemId = input.required<string>();

  protected readonly explanation = signal<DeadlineExplanation | null>(null);
  protected readonly error = signal<string | null>(null);

  protected reasonKey(day: ExplainedDay) {
    return dayReasonKey(day.reason);
  }

  async ngOnInit(): Promise<void> {
    try {
      this.explanation.set(await firstValueFrom(this.api.explainItemDeadline(this.itemId())));
    } catch (e) {
      this.error.set(readProblem(e).message ?? '…');
    }
  }
}
