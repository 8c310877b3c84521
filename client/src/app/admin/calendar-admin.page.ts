import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { firstValueFrom, type Observable } from 'rxjs';
import {
  buildCalendar,
  CALENDAR_FIRST_YEAR,
  CALENDAR_LAST_YEAR,
  civilDateOf,
  civilDateParts,
  dayInfo,
  monthDates,
  weekdayOf,
  type CalendarChangeResult,
  type CalendarData,
  type CivilDate,
  type ConfigurationChange,
  type YearStatus,
} from '@hub/shared';
import { LeadersApi } from '../core/api/leaders-api.service';
import { readProblem } from '../core/api/problem';
import { CalendarStore } from '../core/calendar/calendar.store';
import { HubDatePipe } from '../core/format/format.pipes';
import { I18nService, TranslatePipe, dayReasonKey } from '../core/i18n';
import { HubClock } from '../core/live/hub-clock.service';
import { ConfigurationChangesComponent } from './configuration-changes.component';
import { loadable, LoadStateComponent } from '../ui/load-state';

/** How a day shows in the grid: statutory = a provisional year's holiday by law, no admin rule yet. */
type DayKind = 'working' | 'weekend' | 'holiday' | 'workday' | 'statutory';

interface GridDay {
  date: CivilDate;
  day: number;
  kind: DayKind;
  name: string | null;
  label: string;
}

const MONTHS = Array.from({ length: 12 }, (_, i) => i + 1);

/**
 * R11: the admin's calendar — a month grid per year, holidays and make-up working days set or
 * cleared per day, a year published (provisional → published), a year imported from an ICS or
 * JSON file. Each change answers how many running deadlines it recomputed; boards follow live.
 */
@Component({
  selector: 'hub-calendar-admin-page',
  imports: [FormsModule, TranslatePipe, HubDatePipe, ConfigurationChangesComponent, LoadStateComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './admin.css',
  template: `
    <div class="page-head">
      <h1>{{ 'cal.title' | t }}</h1>
    </div>
    <hub-load-state [of]="calendarLoad" testId="cal" />
    <div class="cal-toolbar">
      <button type="button" class="button-quiet" (click)="setYear(year() - 1)" [disabled]="year() <= firstYear" data-testid="cal-prev">
        {{ 'cal.prev' | t }}
      </button>
      <label for="cal-year" class="visually-hidden">{{ 'cal.year' | t }}</label>
      <select id="cal-year" [ngModel]="year()" (ngModelChange)="setYear($event)" data-testid="cal-year">
        @for (y of years; track y) {
          <option [ngValue]="y">{{ y }}</option>
        }
      </select>
      <button type="button" class="button-quiet" (click)="setYear(year() + 1)" [disabled]="year() >= lastYear" data-testid="cal-next">
        {{ 'cal.next' | t }}
      </button>
      <span class="year-status" [attr.data-status]="status()" data-testid="cal-status">{{
        (status() === 'published' ? 'cal.published' : 'cal.provisional') | t
      }}</span>
      @if (status() === 'provisional') {
        @if (confirmingPublish()) {
          <span>{{ 'cal.publishConfirm' | t: { year: year() } }}</span>
          <button type="button" class="button-primary" [disabled]="busy()" (click)="publish()" data-testid="cal-publish-confirm">
            {{ 'cal.publishYes' | t }}
          </button>
          <button type="button" class="button-quiet" (click)="confirmingPublish.set(false)">{{ 'circ.cancel' | t }}</button>
        } @else {
          <button type="button" class="button-secondary" (click)="confirmingPublish.set(true)" data-testid="cal-publish">
            {{ 'cal.publish' | t: { year: year() } }}
          </button>
        }
      }
    </div>

    <div aria-live="polite" data-testid="cal-result">
      @if (message(); as m) {
        <p class="alert alert-error" role="alert">{{ m }}</p>
      }
      @if (result(); as r) {
        <p class="notice" role="status">{{ 'cal.saved' | t: { n: r.recomputed.length } }}</p>
      }
    </div>

    <ul class="cal-legend" aria-hidden="true">
      <li><span class="day" data-kind="working"></span>{{ 'cal.legend.working' | t }}</li>
      <li><span class="day" data-kind="weekend"></span>{{ 'cal.legend.weekend' | t }}</li>
      <li><span class="day" data-kind="holiday"></span>{{ 'cal.legend.holiday' | t }}</li>
      <li><span class="day" data-kind="statutory"></span>{{ 'cal.legend.statutory' | t }}</li>
      <li><span class="day" data-kind="workday"></span>{{ 'cal.legend.workday' | t }}</li>
    </ul>

    <div class="cal-layout">
      <div class="months" data-testid="cal-months">
        @for (month of months(); track month.month) {
          <table class="month card">
            <caption>
              {{
                'cal.month' | t: { year: year(), month: month.month }
              }}
            </caption>
            <thead>
              <tr>
                @for (w of weekdays; track w) {
                  <th scope="col" [attr.abbr]="weekdayName(w)">{{ weekdayShort(w) }}</th>
                }
              </tr>
            </thead>
            <tbody>
              @for (week of month.weeks; track $index) {
                <tr>
                  @for (d of week; track $index) {
                    <td>
                      @if (d) {
                        <button
                          type="button"
                          class="day"
                          [attr.data-kind]="d.kind"
                          [attr.data-testid]="'day-' + d.date"
                          [attr.aria-pressed]="selected() === d.date"
                          [attr.aria-label]="d.label"
                          (click)="select(d.date)"
                        >
                          {{ d.day }}
                          @if (d.name) {
                            <small aria-hidden="true">{{ d.name }}</small>
                          }
                        </button>
                      }
                    </td>
                  }
                </tr>
              }
            </tbody>
          </table>
        }
      </div>

      <aside class="cal-side">
        @if (selectedDay(); as d) {
          <form class="card" (ngSubmit)="save()" data-testid="cal-editor" [attr.aria-label]="'cal.editor' | t">
            <h2>{{ d.date | hubDate }}</h2>
            <p data-testid="cal-day-state">
              {{ reasonKey(d.date) | t }}
              @if (d.name) {
                {{ 'common.paren' | t: { text: d.name } }}
              }
            </p>
            @if (d.kind === 'statutory') {
              <p class="muted small">{{ 'cal.statutoryHint' | t }}</p>
            }
            <fieldset>
              <legend>{{ 'cal.setAs' | t }}</legend>
              <div class="choices">
                <label
                  ><input type="radio" name="kind" value="holiday" [(ngModel)]="kind" data-testid="cal-kind-holiday" />
                  {{ 'cal.kind.holiday' | t }}</label
                >
                <label
                  ><input type="radio" name="kind" value="workday" [(ngModel)]="kind" data-testid="cal-kind-workday" />
                  {{ 'cal.kind.workday' | t }}</label
                >
              </div>
            </fieldset>
            <div class="field">
              <label for="cal-name">{{ 'cal.name' | t }}</label>
              <input id="cal-name" name="name" [(ngModel)]="name" maxlength="40" required data-testid="cal-name" />
            </div>
            <div class="form-actions">
              <button type="submit" class="button-primary" [disabled]="busy() || !name.trim()" data-testid="cal-save">
                {{ 'cal.save' | t }}
              </button>
              @if (hasRule(d.date)) {
                <button type="button" class="button-danger" [disabled]="busy()" (click)="clear()" data-testid="cal-clear">
                  {{ 'cal.clear' | t }}
                </button>
              }
            </div>
          </form>
        } @else {
          <p class="card muted">{{ 'cal.pick' | t }}</p>
        }

        <form class="card" (ngSubmit)="importFile()" data-testid="cal-import">
          <h2>{{ 'cal.import' | t }}</h2>
          <p class="muted small">{{ 'cal.importHint' | t: { year: year() } }}</p>
          <div class="field">
            <label for="cal-file">{{ 'cal.file' | t }}</label>
            <input
              id="cal-file"
              type="file"
              accept=".ics,.json,text/calendar,application/json"
              (change)="pick($event)"
              data-testid="cal-import-file"
            />
          </div>
          <button type="submit" class="button-secondary" [disabled]="busy() || !file()" data-testid="cal-import-submit">
            {{ 'cal.importYear' | t: { year: year() } }}
          </button>
        </form>

        <section class="card" aria-labelledby="cal-changes-title">
          <h2 id="cal-changes-title">{{ 'changes.title' | t }}</h2>
          <hub-configuration-changes [changes]="changes()" subject="calendar" />
        </section>
      </aside>
    </div>
  `,
})
export class CalendarAdminPage {
  private readonly api = inject(LeadersApi);
  private readonly i18n = inject(I18nService);
  private readonly calendarStore = inject(CalendarStore);

  protected readonly firstYear = CALENDAR_FIRST_YEAR;
  protected readonly lastYear = CALENDAR_LAST_YEAR;
  protected readonly years = Array.from({ length: CALENDAR_LAST_YEAR - CALENDAR_FIRST_YEAR + 1 }, (_, i) => CALENDAR_FIRST_YEAR + i);
  /** Monday first, as the center's wall calendars are. */
  protected readonly weekdays = [1, 2, 3, 4, 5, 6, 0];

  protected readonly year = signal(
    Number(civilDateOf(new Date(inject(HubClock).now()), this.calendarStore.settings().timeZone).slice(0, 4)),
  );
  protected readonly data = signal<CalendarData | null>(null);
  protected readonly changes = signal<ConfigurationChange[]>([]);
  protected readonly selected = signal<CivilDate | null>(null);
  protected readonly busy = signal(false);
  protected readonly message = signal<string | null>(null);
  protected readonly result = signal<CalendarChangeResult | null>(null);
  protected readonly confirmingPublish = signal(false);
  protected readonly file = signal<File | null>(null);
  protected kind: 'holiday' | 'workday' = 'holiday';
  protected name = '';

  private readonly compiled = computed(() => {
    const data = this.data();
    return data ? buildCalendar(data) : null;
  });
  private readonly rules = computed(() => new Map((this.data()?.days ?? []).map((d) => [d.date, d])));

  /** Weekday names in the current language (0 = Sunday), from the browser's own locale data. */
  private readonly weekdayNames = computed(() => {
    const names = (width: 'narrow' | 'long') => {
      const format = new Intl.DateTimeFormat(this.i18n.locale(), { weekday: width, timeZone: 'UTC' });
      return Array.from({ length: 7 }, (_, w) => format.format(new Date(Date.UTC(2024, 0, 7 + w)))); // 2024-01-07 was a Sunday
    };
    return { narrow: names('narrow'), long: names('long') };
  });

  protected readonly status = computed<YearStatus>(() => this.data()?.years.find((y) => y.year === this.year())?.status ?? 'provisional');

  protected readonly months = computed(() => {
    const cal = this.compiled();
    if (!cal) return [];
    return MONTHS.map((month) => {
      const days = monthDates(this.year(), month).map((date) => this.gridDay(date));
      const lead = (weekdayOf(days[0]!.date) + 6) % 7;
      const cells: (GridDay | null)[] = [...Array<null>(lead).fill(null), ...days];
      const weeks: (GridDay | null)[][] = [];
      for (let i = 0; i < cells.length; i += 7)
        weeks.push([...cells.slice(i, i + 7), ...Array<null>(Math.max(0, i + 7 - cells.length)).fill(null)]);
      return { month, weeks };
    });
  });

  protected readonly selectedDay = computed(() => {
    const date = this.selected();
    return date && this.compiled() ? this.gridDay(date) : null;
  });

  /** Issue 14: the calendar and its history load with a visible state and, failing, a retry. */
  protected readonly calendarLoad = loadable(async () => {
    const [calendar, changes] = await Promise.all([firstValueFrom(this.api.calendar()), firstValueFrom(this.api.configurationChanges())]);
    this.data.set(calendar.calendar);
    this.changes.set(changes);
    return true;
  });

  constructor() {
    void this.calendarLoad.load();
  }

  protected setYear(year: number): void {
    if (year < CALENDAR_FIRST_YEAR || year > CALENDAR_LAST_YEAR) return;
    this.year.set(year);
    this.selected.set(null);
    this.confirmingPublish.set(false);
  }

  protected select(date: CivilDate): void {
    this.selected.set(date);
    const rule = this.rules().get(date);
    const info = dayInfo(date, this.compiled()!);
    // Offer the change that makes sense: a worked day becomes a holiday, a day off a make-up working day.
    this.kind = rule?.kind ?? (info.working ? 'holiday' : 'workday');
    this.name = rule?.name ?? info.name ?? '';
  }

  protected hasRule(date: CivilDate): boolean {
    return this.rules().has(date);
  }

  protected reasonKey(date: CivilDate) {
    return dayReasonKey(dayInfo(date, this.compiled()!).reason);
  }

  /** Weekday names in the current language (0 = Sunday), from the browser's own locale data. */
  protected weekdayShort(weekday: number): string {
    return this.weekdayNames().narrow[weekday]!;
  }
  protected weekdayName(weekday: number): string {
    return this.weekdayNames().long[weekday]!;
  }

  protected save(): Promise<void> {
    const date = this.selected();
    if (!date) return Promise.resolve();
    return this.run(this.api.setCalendarDay(date, { kind: this.kind, name: this.name.trim() }));
  }

  protected clear(): Promise<void> {
    const date = this.selected();
    return date ? this.run(this.api.clearCalendarDay(date)) : Promise.resolve();
  }

  protected async publish(): Promise<void> {
    await this.run(this.api.publishYear(this.year()));
    this.confirmingPublish.set(false);
  }

  protected pick(event: Event): void {
    this.file.set((event.target as HTMLInputElement).files?.[0] ?? null);
  }

  protected async importFile(): Promise<void> {
    const file = this.file();
    if (!file) return;
    const format = /\.ics$/i.test(file.name) || file.type === 'text/calendar' ? 'ics' : 'json';
    await this.run(this.api.importCalendar({ format, year: this.year(), content: await file.text() }));
  }

  /** One change: its answer carries the calendar as it now is; the history and the board's calendar follow. */
  private async run(call: Observable<CalendarChangeResult>): Promise<void> {
    this.busy.set(true);
    this.message.set(null);
    this.result.set(null);
    try {
      const result = await firstValueFrom(call);
      this.data.set(result.calendar.calendar);
      this.result.set(result);
      this.changes.update((list) => [result.change, ...list]);
      void this.calendarStore.reload().catch(() => undefined);
    } catch (e) {
      const problem = readProblem(e, this.i18n);
      this.message.set(Object.values(problem.fields)[0] ?? problem.message ?? this.i18n.t('common.networkError'));
    } finally {
      this.busy.set(false);
    }
  }

  private gridDay(date: CivilDate): GridDay {
    const cal = this.compiled()!;
    const info = dayInfo(date, cal);
    const rule = this.rules().get(date);
    const kind: DayKind =
      info.reason === 'weekend'
        ? 'weekend'
        : info.reason === 'make_up_working_day'
          ? 'workday'
          : info.reason === 'public_holiday'
            ? rule
              ? 'holiday'
              : 'statutory'
            : 'working';
    const reason = this.i18n.t(dayReasonKey(info.reason));
    const { year, month, day } = civilDateParts(date);
    return {
      date,
      day,
      kind,
      name: info.name ?? null,
      label: this.i18n.t('cal.dayLabel', {
        year,
        month,
        day,
        weekday: this.weekdayName(weekdayOf(date)),
        state: info.name ? `${reason} ${info.name}` : reason,
      }),
    };
  }
}
