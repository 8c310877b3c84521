import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { firstValueFrom } from 'rxjs';
import { civilDateOf, formatCivilDate, type InquiryStatistics, type InquiryStatsRow } from '@hub/shared';
import { CalendarStore } from '../core/calendar/calendar.store';
import { DepartmentsStore } from '../core/departments/departments.store';
import { HubTimePipe } from '../core/format/format.pipes';
import { I18nService, TranslatePipe, type TranslationKey } from '../core/i18n';
import { HubClock } from '../core/live/hub-clock.service';
import { loadable, LoadStateComponent } from '../ui/load-state';
import { InquiriesApi } from './inquiries-api.service';

type Count = Exclude<keyof InquiryStatsRow, 'key' | 'name'>;
const COLUMNS: [Count, TranslationKey][] = [
  ['inquiries', 'inquiry.stats.inquiries'],
  ['closed', 'inquiry.stats.closed'],
  ['promised', 'inquiry.stats.promised'],
  ['repliedOnTime', 'inquiry.stats.onTime'],
  ['late', 'inquiry.stats.late'],
  ['transfersMade', 'inquiry.stats.transfersMade'],
  ['transfersReceived', 'inquiry.stats.transfersReceived'],
  ['followUps', 'inquiry.stats.followUps'],
  ['dissatisfied', 'inquiry.stats.dissatisfied'],
];

/** R24 / 第一篇 五: leaders check first-inquiry responsibility per staff member and per department, and export it. */
@Component({
  selector: 'hub-inquiry-statistics-page',
  imports: [ReactiveFormsModule, TranslatePipe, HubTimePipe, LoadStateComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './inquiries.css',
  template: `
    <div class="page-head">
      <h1>{{ 'inquiry.stats.title' | t }}</h1>
    </div>
    <form class="card period" [formGroup]="period" (ngSubmit)="show()" novalidate data-testid="stats-period">
      <div class="field">
        <label for="s-from">{{ 'inquiry.stats.from' | t }}</label>
        <input id="s-from" type="date" formControlName="from" data-testid="stats-from" />
      </div>
      <div class="field">
        <label for="s-to">{{ 'inquiry.stats.to' | t }}</label>
        <input id="s-to" type="date" formControlName="to" data-testid="stats-to" />
      </div>
      <button type="submit" class="button-primary" data-testid="stats-show" [disabled]="busy()">{{ 'inquiry.stats.show' | t }}</button>
      @if (stats(); as s) {
        <a class="button-secondary" [href]="csvUrl()" download data-testid="stats-export">{{ 'inquiry.stats.export' | t }}</a>
      }
    </form>
    <hub-load-state [of]="statsLoad" testId="stats" />
    <div aria-live="polite">
      @if (stats(); as s) {
        <p class="muted small" data-testid="stats-generated">
          {{ 'inquiry.stats.generated' | t: { time: (s.generatedAt | hubTime), from: s.from, to: s.to } }}
        </p>
      }
    </div>
    @if (stats(); as s) {
      @for (table of tables(); track table.id) {
        <section class="card" [attr.aria-labelledby]="table.id + '-title'">
          <h2 [id]="table.id + '-title'">{{ table.title | t }}</h2>
          @if (table.rows.length === 0) {
            <p class="muted">{{ 'inquiry.stats.empty' | t }}</p>
          } @else {
            <div class="table-scroll">
              <table class="stats-table" [attr.data-testid]="table.id">
                <caption class="visually-hidden">
                  {{
                    table.title | t
                  }}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">{{ 'inquiry.stats.name' | t }}</th>
                    @for (c of columns; track c[0]) {
                      <th scope="col">{{ c[1] | t }}</th>
                    }
                    <th scope="col">{{ 'inquiry.stats.onTimeRate' | t }}</th>
                  </tr>
                </thead>
                <tbody>
                  @for (row of table.rows; track row.key) {
                    <tr data-testid="stats-row" [attr.data-name]="rowName(row, table.id)">
                      <th scope="row">{{ rowName(row, table.id) }}</th>
                      @for (c of columns; track c[0]) {
                        <td [attr.data-column]="c[0]">{{ row[c[0]] }}</td>
                      }
                      <td>{{ rate(row) }}</td>
                    </tr>
                  }
                </tbody>
                <tfoot>
                  <tr>
                    <th scope="row">{{ 'inquiry.stats.total' | t }}</th>
                    @for (c of columns; track c[0]) {
                      <td>{{ s.totals[c[0]] }}</td>
                    }
                    <td>{{ rate(s.totals) }}</td>
                  </tr>
                </tfoot>
              </table>
            </div>
          }
        </section>
      }
    }
  `,
})
export class InquiryStatisticsPage {
  private readonly api = inject(InquiriesApi);
  private readonly calendar = inject(CalendarStore);
  private readonly clock = inject(HubClock);
  private readonly departments = inject(DepartmentsStore);
  private readonly i18n = inject(I18nService);
  private readonly fb = inject(NonNullableFormBuilder);

  protected readonly columns = COLUMNS;
  protected readonly period = this.fb.group({ from: ['', Validators.required], to: ['', Validators.required] });
  protected readonly statsLoad = loadable<InquiryStatistics>(() => {
    const { from, to } = this.period.getRawValue();
    return firstValueFrom(this.api.statistics(from, to));
  });
  protected readonly stats = this.statsLoad.value;
  protected readonly busy = computed(() => this.statsLoad.phase() === 'loading');
  protected readonly tables = computed(() => {
    const s = this.stats();
    if (!s) return [];
    return [
      { id: 'stats-staff', title: 'inquiry.stats.byStaff' as const, rows: s.byStaff },
      { id: 'stats-departments', title: 'inquiry.stats.byDepartment' as const, rows: s.byDepartment },
    ];
  });
  protected readonly csvUrl = computed(() => {
    const s = this.stats();
    return s ? this.api.statisticsCsvUrl(s.from, s.to) : '';
  });

  constructor() {
    // This month so far, in the center's zone.
    const today = civilDateOf(new Date(this.clock.now()), this.calendar.settings().timeZone);
    const [year, month] = today.split('-').map(Number);
    this.period.setValue({ from: formatCivilDate(year!, month!, 1), to: today });
    this.departments.load().catch(() => undefined);
    void this.show();
  }

  protected async show(): Promise<void> {
    const { from, to } = this.period.getRawValue();
    if (!from || !to) return;
    await this.statsLoad.load();
  }

  /** Departments in the current language; the center's own staff share one row (key null). */
  protected rowName(row: InquiryStatsRow, table: string): string {
    if (table === 'stats-staff') return row.name;
    if (row.key === null) return this.i18n.t('inquiry.stats.center');
    const department = this.departments.byId().get(row.key);
    return department ? this.i18n.name(department) : row.name;
  }

  /** Replies by the promised date among those that came due. */
  protected rate(row: InquiryStatsRow): string {
    const due = row.repliedOnTime + row.late;
    return due === 0 ? this.i18n.t('common.dash') : `${Math.round((row.repliedOnTime / due) * 100)}%`;
  }
}
