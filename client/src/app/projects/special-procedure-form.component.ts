import { ChangeDetectionStrategy, Component, OnInit, inject, input, output, signal } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import {
  CLOCK_STOPPING_PROCEDURES,
  dueMovedBy,
  instantOfWallClock,
  stoppedWorkingDays,
  wallClockText,
  type ApprovalItemView,
  type ClockStoppingProcedure,
  type SpecialProcedureView,
} from '@hub/shared';
import { ApiService } from '../core/api/api.service';
import { readProblem } from '../core/api/problem';
import { CalendarStore } from '../core/calendar/calendar.store';
import { I18nService, TranslatePipe, procedureKey } from '../core/i18n';

/**
 * R10a: the window records that a special procedure (hearing, expert review, …) began on an item —
 * its clock stops — or, while one is open, that it ended: the due instant moves by the working days it
 * covered. Nothing is preselected, and the confirmation states the consequence before it is sent.
 */
@Component({
  selector: 'hub-special-procedure-form',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form class="deadline-form" (submit)="submit($event)" novalidate data-testid="procedure-form">
      @if (item().paused; as paused) {
        <p>{{ 'procedure.pausedBy' | t: { name: (kindKey(paused.kind) | t), since: wall(paused.since) } }}</p>
        <div class="field">
          <label for="procedure-ends">{{ 'procedure.endsAt' | t }}</label>
          <input
            id="procedure-ends"
            type="datetime-local"
            data-testid="procedure-ends"
            [value]="at()"
            (input)="edit($any($event.target).value)"
          />
          @if (fields()['endsAt']; as e) {
            <p class="field-error" data-field="endsAt">{{ e }}</p>
          }
        </div>
      } @else {
        <div class="field">
          <label for="procedure-kind">{{ 'procedure.kind' | t }}</label>
          <select id="procedure-kind" data-testid="procedure-kind" (change)="pick($any($event.target).value)">
            <option value="" [selected]="kind() === null">{{ 'items.choose' | t }}</option>
            @for (k of kinds; track k) {
              <option [value]="k" [selected]="k === kind()">{{ kindKey(k) | t }}</option>
            }
          </select>
          @if (fields()['kind']; as e) {
            <p class="field-error" data-field="kind">{{ e }}</p>
          }
        </div>
        <div class="field">
          <label for="procedure-starts">{{ 'procedure.startsAt' | t }}</label>
          <input
            id="procedure-starts"
            type="datetime-local"
            data-testid="procedure-starts"
            [value]="at()"
            (input)="edit($any($event.target).value)"
          />
          @if (fields()['startsAt']; as e) {
            <p class="field-error" data-field="startsAt">{{ e }}</p>
          }
        </div>
      }
      @if (message(); as m) {
        <p class="field-error" role="alert" data-testid="procedure-error">{{ m }}</p>
      }
      @if (confirming(); as consequence) {
        <p class="alert alert-warning" role="alert" data-testid="procedure-consequence">{{ consequence }}</p>
        <button type="submit" class="button-primary" data-testid="procedure-confirm" [disabled]="busy()">{{ 'items.confirm' | t }}</button>
        <button type="button" class="button-quiet" (click)="confirming.set(null)">{{ 'items.back' | t }}</button>
      } @else {
        <button type="submit" class="button-primary" data-testid="procedure-submit" [disabled]="busy()">{{ 'items.submit' | t }}</button>
        <button type="button" class="button-quiet" (click)="cancelled.emit()">{{ 'items.cancel' | t }}</button>
      }
    </form>
  `,
})
export class SpecialProcedureFormComponent implements OnInit {
  private readonly api = inject(ApiService);
  private readonly calendar = inject(CalendarStore);
  private readonly i18n = inject(I18nService);

  readonly item = input.required<ApprovalItemView>();
  /** The department whose clock stops, as the consequence names it. */
  readonly departmentName = input.required<string>();
  readonly done = output<void>();
  readonly cancelled = output<void>();

  protected readonly kinds = CLOCK_STOPPING_PROCEDURES;
  protected readonly kindKey = procedureKey;
  protected readonly kind = signal<ClockStoppingProcedure | null>(null);
  /** The start, or the end while one is open, on the center's wall clock. */
  protected readonly at = signal('');
  protected readonly confirming = signal<string | null>(null);
  protected readonly busy = signal(false);
  protected readonly message = signal<string | null>(null);
  protected readonly fields = signal<Record<string, string>>({});
  /** The item's periods, so the consequence of an end counts a day an earlier one stopped only once. */
  private readonly procedures = signal<SpecialProcedureView[]>([]);

  async ngOnInit(): Promise<void> {
    if (!this.item().paused) return;
    try {
      this.procedures.set(await firstValueFrom(this.api.specialProcedures(this.item().id)));
    } catch {
      // The server computes the move itself; without the list the consequence counts no earlier period.
    }
  }

  protected wall(iso: string): string {
    return wallClockText(new Date(iso), this.calendar.settings().timeZone).replace('T', ' ');
  }

  protected pick(value: string): void {
    this.kind.set((CLOCK_STOPPING_PROCEDURES as readonly string[]).includes(value) ? (value as ClockStoppingProcedure) : null);
    this.confirming.set(null);
  }

  /** Any change takes back a pending confirmation: the consequence stated must be of what is sent. */
  protected edit(value: string): void {
    this.at.set(value);
    this.confirming.set(null);
  }

  /** What recording it will do, in words (R10a). */
  private consequence(at: Date): string {
    const item = this.item();
    const paused = item.paused;
    if (!paused) {
      return this.i18n.t('procedure.consequence.start', {
        dept: this.departmentName(),
        name: this.i18n.t(procedureKey(this.kind()!)),
        start: this.wall(at.toISOString()),
      });
    }
    const cal = this.calendar.calendar();
    const { timeZone } = this.calendar.settings();
    const earlier = this.procedures()
      .filter((p) => p.endsAt !== null)
      .map((p) => ({ startsAt: new Date(p.startsAt), endsAt: new Date(p.endsAt!) }));
    const days =
      cal && item.acceptedAt
        ? stoppedWorkingDays({ startsAt: new Date(paused.since), endsAt: at }, new Date(item.acceptedAt), earlier, cal, timeZone).length
        : 0;
    const moved = cal && item.dueAt ? dueMovedBy(new Date(item.dueAt), days, cal, { timeZone }) : null;
    return this.i18n.t('procedure.consequence.end', {
      name: this.i18n.t(procedureKey(paused.kind)),
      end: this.wall(at.toISOString()),
      n: days,
      from: item.dueAt ? this.wall(item.dueAt) : '',
      to: moved ? this.wall(moved.toISOString()) : '',
    });
  }

  protected async submit(event: Event): Promise<void> {
    event.preventDefault();
    const item = this.item();
    const paused = item.paused;
    const at = instantOfWallClock(this.at(), this.calendar.settings().timeZone);
    const required: Record<string, string> = {};
    if (!paused && this.kind() === null) required['kind'] = this.i18n.t('common.required');
    if (!at) required[paused ? 'endsAt' : 'startsAt'] = this.i18n.t('common.required');
    this.fields.set(required);
    if (Object.keys(required).length) return;
    if (this.confirming() === null) {
      this.confirming.set(this.consequence(at!));
      return;
    }
    this.busy.set(true);
    this.message.set(null);
    try {
      if (paused) await firstValueFrom(this.api.endSpecialProcedure(item.id, paused.procedureId, { endsAt: at!.toISOString() }));
      else await firstValueFrom(this.api.startSpecialProcedure(item.id, { kind: this.kind()!, startsAt: at!.toISOString() }));
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
