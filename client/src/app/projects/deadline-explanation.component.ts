import { ChangeDetectionStrategy, Component, OnInit, inject, input, signal } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { CLOCK_STOPPING_PROCEDURES, SPECIAL_PROCEDURE_NAMES, type DeadlineExplanation, type ExplainedDay } from '@hub/shared';
import { ApiService } from '../core/api/api.service';
import { readProblem } from '../core/api/problem';
import { HubDatePipe, HubDuePipe, HubTimePipe } from '../core/format/format.pipes';
import { I18nService, TranslatePipe, dayReasonKey, procedureKey } from '../core/i18n';

/**
 * R11: "why is it due then?" The server explains its own deadline — the
 * acceptance day, then each day counted or skipped and why (weekend, which holiday, which special
 * procedure stopped the clock — R10a — in the reader's language).
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
            <span class="provisional" [attr.title]="'countdown.provisionalHint' | t">{{ 'countdown.provisional' | t }}</span>
          }
        </p>
        @if (e.paused; as paused) {
          <p class="notice" data-testid="explain-paused">
            {{ 'explain.paused' | t: { name: procedureName(paused.kind, paused.name), since: (paused.since | hubTime) } }}
          </p>
        }
        @if (e.itemDueAt) {
          <p class="notice" data-testid="explain-item-due">{{ 'explain.itemDueAt' | t: { due: (e.itemDueAt | hubDue) } }}</p>
        }
        <ol class="explain-days">
          @for (day of e.days; track day.date) {
            <li [class.counted]="day.counted" [class.skipped]="!day.counted" [attr.data-reason]="day.reason">
              <span class="explain-date">{{ day.date | hubDate }}</span>
              <span class="explain-mark">{{ (day.counted ? 'explain.counted' : 'explain.skipped') | t }}</span>
              <span class="explain-reason"
                >{{ reasonKey(day) | t }}
                @if (day.name) {
                  {{ 'common.paren' | t: { text: dayName(day) } }}
                }
              </span>
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
  private readonly i18n = inject(I18nService);

  /** R11: the item whose deadline this explains, under the rule it was accepted with. */
  readonly itemId = input.required<string>();

  protected readonly explanation = signal<DeadlineExplanation | null>(null);
  protected readonly error = signal<string | null>(null);

  protected reasonKey(day: ExplainedDay) {
    return dayReasonKey(day.reason);
  }

  /** R10a: the server names a stopped day's procedure as printed (专家评审); read it in the reader's language. */
  protected dayName(day: ExplainedDay): string {
    if (day.reason !== 'special_procedure' || !day.name) return day.name ?? '';
    const kind = CLOCK_STOPPING_PROCEDURES.find((k) => SPECIAL_PROCEDURE_NAMES[k] === day.name);
    return this.procedureName(kind, day.name);
  }

  protected procedureName(kind: string | undefined, printed: string): string {
    const known = CLOCK_STOPPING_PROCEDURES.find((k) => k === kind);
    return known ? this.i18n.t(procedureKey(known)) : printed;
  }

  async ngOnInit(): Promise<void> {
    try {
      this.explanation.set(await firstValueFrom(this.api.explainItemDeadline(this.itemId())));
    } catch (e) {
      this.error.set(readProblem(e, this.i18n).message ?? '…');
    }
  }
}
