import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { NgTemplateOutlet } from '@angular/common';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import {
  accountabilityColumns,
  accountabilityLines,
  civilDateOf,
  DEEMED_CAUSE_NAMES,
  formatAccountabilityValue,
  type AccountabilityColumn,
  type AccountabilityReport,
  type AccountabilityRow,
} from '@hub/shared';
import { LeadersApi } from '../core/api/leaders-api.service';
import { CalendarStore } from '../core/calendar/calendar.store';
import { DepartmentsStore } from '../core/departments/departments.store';
import { HubTimePipe } from '../core/format/format.pipes';
import { I18nService, TranslatePipe, type TranslationKey } from '../core/i18n';
import { HubClock } from '../core/live/hub-clock.service';
import { loadable, LoadStateComponent } from '../ui/load-state';
import { BarChartComponent, type ChartSeries } from './bar-chart.component';
import { CirculationComponent } from './circulation.component';
import { defaultChoice, PERIOD_KINDS, periodDates, type PeriodChoice } from './period';

const KIND_LABELS: Record<PeriodChoice['kind'], TranslationKey> = {
  month: 'acc.kind.month',
  quarter: 'acc.kind.quarter',
  year: 'acc.kind.year',
  custom: 'acc.kind.custom',
};
const CAUSE_COLOURS: Record<string, string> = { timeout: '#b3261e', meeting_absence: '#c25e00', inspection_absence: '#6a3fb0' };

/**
 * R21: each department's record over a month, quarter, year or custom range — as a table, as
 * charts (ECharts), and as CSV or XLSX files with the very same rows. R22 circulation below.
 */
@Component({
  selector: 'hub-accountability-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    NgTemplateOutlet,
    TranslatePipe,
    HubTimePipe,
    BarChartComponent,
    CirculationComponent,
    LoadStateComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './accountability.css',
  template: `
    <div class="page-head">
      <h1>{{ 'acc.title' | t }}</h1>
    </div>
    <form class="card period" [formGroup]="form" (ngSubmit)="show()" novalidate data-testid="acc-period">
      <fieldset class="period-kinds">
        <legend>{{ 'acc.period' | t }}</legend>
        @for (kind of kinds; track kind) {
          <label
            ><input type="radio" formControlName="kind" [value]="kind" [attr.data-testid]="'acc-kind-' + kind" />
            {{ kindLabel(kind) | t }}</label
          >
        }
      </fieldset>
      @switch (form.controls.kind.value) {
        @case ('month') {
          <div class="field">
            <label for="acc-month">{{ 'acc.kind.month' | t }}</label><input
              id="acc-month"
              type="month"
              formControlName="month"
              data-testid="acc-month"
            />
          </div>
        }
        @case ('quarter') {
          <div class="field">
            <label for="acc-year">{{ 'acc.year' | t }}</label><input
              id="acc-year"
              type="number"
              formControlName="year"
              data-testid="acc-year"
            />
          </div>
          <div class="field">
            <label for="acc-quarter">{{ 'acc.kind.quarter' | t }}</label>
            <select id="acc-quarter" formControlName="quarter" data-testid="acc-quarter">
              @for (q of quarters; track q) {
                <option [ngValue]="q">{{ 'acc.quarterN' | t: { n: q } }}</option>
              }
            </select>
          </div>
        }
        @case ('year') {
          <div class="field">
            <label for="acc-year">{{ 'acc.year' | t }}</label><input
              id="acc-year"
              type="number"
              formControlName="year"
              data-testid="acc-year"
            />
          </div>
        }
        @case ('custom') {
          <div class="field">
            <label for="acc-from">{{ 'acc.from' | t }}</label><input
              id="acc-from"
              type="date"
              formControlName="from"
              data-testid="acc-from"
            />
          </div>
          <div class="field">
            <label for="acc-to">{{ 'acc.to' | t }}</label><input id="acc-to" type="date" formControlName="to" data-testid="acc-to" />
          </div>
        }
      }
      <button type="submit" class="button-primary" data-testid="acc-show" [disabled]="busy()">{{ 'acc.show' | t }}</button>
      @if (report(); as r) {
        <a class="button-secondary" [href]="exportUrl('csv')" download data-testid="acc-export-csv">{{ 'acc.exportCsv' | t }}</a>
        <a class="button-secondary" [href]="exportUrl('xlsx')" download data-testid="acc-export-xlsx">{{ 'acc.exportXlsx' | t }}</a>
      }
    </form>

    <hub-load-state [of]="reportLoad" testId="acc" />
    <div aria-live="polite">
      @if (message(); as m) {
        <p class="alert alert-error" role="alert">{{ m }}</p>
      }
      @if (report(); as r) {
        <p class="muted small" data-testid="acc-generated">
          {{ 'acc.generated' | t: { from: r.from, to: r.to, time: (r.generatedAt | hubTime) } }}
        </p>
      }
    </div>

    @if (report(); as r) {
      <section class="card" aria-labelledby="acc-table-title">
        <h2 id="acc-table-title">{{ 'acc.table' | t }}</h2>
        <div class="table-scroll">
          <table class="acc-table" data-testid="acc-table">
            <caption class="visually-hidden">
              {{
                'acc.tableCaption' | t: { from: r.from, to: r.to }
              }}
            </caption>
            <thead>
              <tr>
                <th scope="col">{{ 'acc.department' | t }}</th>
                @for (c of columns(); track c.key) {
                  <th scope="col" [attr.data-column]="c.key">{{ title(c) }}</th>
                }
              </tr>
            </thead>
            <tbody>
              @for (line of bodyLines(); track line.id) {
                <tr data-testid="acc-row" [attr.data-department]="line.name">
                  <th scope="row">{{ line.name }}</th>
                  @for (c of columns(); track c.key) {
                    <td [attr.data-column]="c.key">
                      <ng-container
                        *ngTemplateOutlet="
                          figure;
                          context: { $implicit: c, row: line.row, name: line.name, department: line.id, report: r }
                        "
                      />
                    </td>
                  }
                </tr>
              }
            </tbody>
            <tfoot>
              <tr data-testid="acc-row" [attr.data-department]="totalName()">
                <th scope="row">{{ totalName() }}</th>
                @for (c of columns(); track c.key) {
                  <td [attr.data-column]="c.key">
                    <ng-container
                      *ngTemplateOutlet="figure; context: { $implicit: c, row: r.totals, name: totalName(), department: null, report: r }"
                    />
                  </td>
                }
              </tr>
            </tfoot>
          </table>
        </div>
        <p class="muted small">{{ 'acc.note' | t }}</p>
        <!-- R16/R21: rulings a leader did not make in time count against the center, not a department. -->
        <p data-testid="acc-center-rulings-overdue" [attr.data-count]="r.centerRulingsOverdue">
          {{ 'acc.centerRulingsOverdue' | t: { n: r.centerRulingsOverdue } }}
        </p>
      </section>

      <section class="charts" aria-labelledby="acc-charts-title">
        <h2 id="acc-charts-title" class="visually-hidden">{{ 'acc.charts' | t }}</h2>
        <figure class="card chart-card">
          <figcaption>{{ 'acc.chart.onTime' | t }}</figcaption>
          <hub-bar-chart
            testId="chart-on-time"
            [label]="'acc.chart.onTime' | t"
            [categories]="names()"
            [series]="onTimeSeries()"
            [percent]="true"
          />
        </figure>
        <figure class="card chart-card">
          <figcaption>{{ 'acc.chart.deemed' | t }}</figcaption>
          <hub-bar-chart testId="chart-deemed" [label]="'acc.chart.deemed' | t" [categories]="names()" [series]="deemedSeries()" />
        </figure>
        <figure class="card chart-card">
          <figcaption>{{ 'acc.chart.volume' | t }}</figcaption>
          <hub-bar-chart testId="chart-volume" [label]="'acc.chart.volume' | t" [categories]="names()" [series]="volumeSeries()" />
        </figure>
      </section>
    }

    <hub-circulation />

    <!-- Issue 14: a count other than zero links to the items behind it. -->
    <ng-template #figure let-c let-row="row" let-name="name" let-department="department" let-r="report">
      @if (c.format === 'count' && c.value(row) > 0) {
        <a
          [routerLink]="['/accountability/items']"
          [queryParams]="{ from: r.from, to: r.to, figure: c.key, department: department ?? undefined }"
          [attr.aria-label]="'acc.items.open' | t: { n: c.value(row), figure: title(c), department: name }"
          data-testid="acc-figure"
          >{{ value(c, row) }}</a
        >
      } @else {
        {{ value(c, row) }}
      }
    </ng-template>
  `,
})
export class AccountabilityPage {
  private readonly api = inject(LeadersApi);
  private readonly departments = inject(DepartmentsStore);
  private readonly i18n = inject(I18nService);
  private readonly fb = inject(NonNullableFormBuilder);

  protected readonly kinds = PERIOD_KINDS;
  protected readonly quarters = [1, 2, 3, 4];
  /** The period on screen (or being loaded). */
  private dates: { from: string; to: string } | null = null;
  protected readonly reportLoad = loadable<AccountabilityReport>(async () => {
    const { from, to } = this.dates!;
    await this.departments.load().catch(() => undefined);
    return firstValueFrom(this.api.accountability(from, to));
  });
  protected readonly report = this.reportLoad.value;
  protected readonly busy = computed(() => this.reportLoad.phase() === 'loading');
  protected readonly message = signal<string | null>(null);
  protected readonly form = this.fb.group(
    defaultChoice(civilDateOf(new Date(inject(HubClock).now()), inject(CalendarStore).settings().timeZone)),
  );

  protected readonly columns = computed(() => accountabilityColumns(this.report()?.causes ?? []));
  protected readonly totalName = computed(() => this.i18n.t('acc.total'));
  protected readonly bodyLines = computed(() => {
    const report = this.report();
    if (!report) return [];
    return accountabilityLines(report, (id) => this.departmentName(id), '')
      .slice(0, -1)
      .map((line) => ({ ...line, id: line.row.departmentId! }));
  });
  protected readonly names = computed(() => this.bodyLines().map((l) => l.name));
  protected readonly onTimeSeries = computed<ChartSeries[]>(() => [
    { name: this.i18n.t('acc.series.onTimeRate'), data: this.bodyLines().map((l) => l.row.onTimeRate), color: '#0b6e3a' },
  ]);
  protected readonly deemedSeries = computed<ChartSeries[]>(() =>
    (this.report()?.causes ?? []).map((cause) => ({
      name: this.causeName(cause),
      data: this.bodyLines().map((l) => l.row.deemedByCause[cause] ?? 0),
      color: CAUSE_COLOURS[cause] ?? '#5f6b76',
      stack: 'deemed',
    })),
  );
  protected readonly volumeSeries = computed<ChartSeries[]>(() => [
    { name: this.i18n.t('acc.series.accepted'), data: this.bodyLines().map((l) => l.row.accepted), color: '#0b4f8a' },
    { name: this.i18n.t('acc.series.handled'), data: this.bodyLines().map((l) => l.row.handled), color: '#0b6e3a' },
    { name: this.i18n.t('acc.series.onTime'), data: this.bodyLines().map((l) => l.row.onTime), color: '#6fb38a' },
  ]);

  constructor() {
    this.departments.load().catch(() => undefined);
    void this.show();
  }

  protected kindLabel(kind: PeriodChoice['kind']): TranslationKey {
    return KIND_LABELS[kind];
  }

  protected title(column: AccountabilityColumn): string {
    return this.i18n.lang() === 'zh' ? column.zh : column.en;
  }

  /** Exactly as the CSV writes it (same function), so the file and the page always agree. */
  protected value(column: AccountabilityColumn, row: AccountabilityRow): string {
    return formatAccountabilityValue(column.value(row), column.format);
  }

  protected exportUrl(format: 'csv' | 'xlsx'): string {
    const r = this.report();
    return r ? this.api.accountabilityExportUrl(format, r.from, r.to) : '';
  }

  protected async show(): Promise<void> {
    const dates = periodDates(this.form.getRawValue());
    if (!dates) {
      this.message.set(this.i18n.t('acc.periodIncomplete'));
      return;
    }
    this.message.set(null);
    this.dates = dates;
    await this.reportLoad.load();
  }

  private departmentName(id: string): string {
    const department = this.departments.byId().get(id);
    return department ? this.i18n.name(department) : id;
  }

  private causeName(cause: string): string {
    const names = DEEMED_CAUSE_NAMES[cause];
    return names ? (this.i18n.lang() === 'zh' ? names.zh : names.en) : cause;
  }
}
