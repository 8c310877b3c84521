import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { civilDateOf, quarterOf, type CirculationDepartment, type CirculationStanding } from '@hub/shared';
import { LeadersApi } from '../core/api/leaders-api.service';
import { readProblem } from '../core/api/problem';
import { CalendarStore } from '../core/calendar/calendar.store';
import { DepartmentsStore } from '../core/departments/departments.store';
import { HubTimePipe } from '../core/format/format.pipes';
import { I18nService, TranslatePipe } from '../core/i18n';
import { HubClock } from '../core/live/hub-clock.service';
import { SessionStore } from '../core/session/session.store';

/**
 * R22: departments with the threshold (setting) or more deemed consents in a calendar quarter are
 * flagged; a leader issues a numbered circulation report (通报) naming one, which is then on record
 * and never changes (it opens as a document).
 */
@Component({
  selector: 'hub-circulation',
  imports: [FormsModule, RouterLink, TranslatePipe, HubTimePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './accountability.css',
  template: `
    <section class="card" aria-labelledby="circ-title" data-testid="circulation">
      <div class="section-head">
        <h2 id="circ-title">{{ 'circ.title' | t }}</h2>
        <div class="circ-quarter">
          <label for="circ-year">{{ 'acc.year' | t }}</label>
          <input id="circ-year" type="number" [(ngModel)]="year" (change)="load()" data-testid="circ-year" />
          <label for="circ-quarter">{{ 'acc.kind.quarter' | t }}</label>
          <select id="circ-quarter" [(ngModel)]="quarter" (change)="load()" data-testid="circ-quarter">
            @for (q of quarters; track q) {
              <option [ngValue]="q">{{ 'acc.quarterN' | t: { n: q } }}</option>
            }
          </select>
        </div>
      </div>
      <div aria-live="polite">
        @if (message(); as m) {
          <p class="alert alert-error" role="alert" data-testid="circ-error">{{ m }}</p>
        }
        @if (issued(); as n) {
          <p class="notice" role="status" data-testid="circ-issued">{{ 'circ.issued' | t: { number: n } }}</p>
        }
      </div>
      @if (standing(); as s) {
        <p class="muted small">{{ 'circ.rule' | t: { n: s.threshold, from: s.from, to: s.to } }}</p>
        <table class="acc-table circ-table" data-testid="circ-table">
          <caption class="visually-hidden">
            {{
              'circ.title' | t
            }}
          </caption>
          <thead>
            <tr>
              <th scope="col">{{ 'acc.department' | t }}</th>
              <th scope="col">{{ 'circ.deemed' | t }}</th>
              <th scope="col">{{ 'circ.state' | t }}</th>
              <th scope="col">{{ 'circ.report' | t }}</th>
            </tr>
          </thead>
          <tbody>
            @for (d of rows(); track d.departmentId) {
              <tr [attr.data-testid]="'circ-row-' + d.code" [attr.data-flagged]="d.flagged">
                <th scope="row">{{ d.name }}</th>
                <td>{{ d.deemedConsents }}</td>
                <td>
                  @if (d.flagged) {
                    <span class="flag" data-testid="circ-flag"><span aria-hidden="true">⚑ </span>{{ 'circ.flagged' | t }}</span>
                  } @else {
                    <span class="muted">{{ 'circ.notFlagged' | t }}</span>
                  }
                </td>
                <td>
                  @if (d.report; as report) {
                    <a [routerLink]="['/documents', report.id]" [attr.data-testid]="'circ-report-' + d.code">{{ report.number }}</a>
                    <span class="muted small"> {{ report.issuedAt | hubTime }}</span>
                  } @else if (d.flagged && canIssue()) {
                    @if (drafting() === d.departmentId) {
                      <div class="field">
                        <label [for]="'circ-remarks-' + d.code">{{ 'circ.remarks' | t }}</label>
                        <textarea [id]="'circ-remarks-' + d.code" rows="2" [(ngModel)]="remarks" data-testid="circ-remarks"></textarea>
                      </div>
                      <button type="button" class="button-danger" [disabled]="busy()" (click)="issue(d)" data-testid="circ-confirm">
                        {{ 'circ.confirm' | t }}
                      </button>
                      <button type="button" class="button-quiet" (click)="drafting.set(null)">{{ 'circ.cancel' | t }}</button>
                    } @else {
                      <button
                        type="button"
                        class="button-secondary"
                        (click)="drafting.set(d.departmentId)"
                        [attr.data-testid]="'circ-issue-' + d.code"
                      >
                        {{ 'circ.issue' | t }}
                      </button>
                    }
                  } @else {
                    <span class="muted">{{ 'common.dash' | t }}</span>
                  }
                </td>
              </tr>
            }
          </tbody>
        </table>
      }
    </section>
  `,
})
export class CirculationComponent {
  private readonly api = inject(LeadersApi);
  private readonly departments = inject(DepartmentsStore);
  private readonly i18n = inject(I18nService);
  private readonly session = inject(SessionStore);

  protected readonly quarters = [1, 2, 3, 4];
  protected year: number;
  protected quarter: number;
  protected remarks = '';
  protected readonly standing = signal<CirculationStanding | null>(null);
  protected readonly drafting = signal<string | null>(null);
  protected readonly busy = signal(false);
  protected readonly message = signal<string | null>(null);
  protected readonly issued = signal<string | null>(null);
  protected readonly canIssue = computed(() => this.session.can('circulation.issue'));
  protected readonly rows = computed(() =>
    (this.standing()?.departments ?? []).map((d: CirculationDepartment) => {
      const department = this.departments.byId().get(d.departmentId);
      return { ...d, code: department?.code ?? d.departmentId, name: department ? this.i18n.name(department) : d.departmentId };
    }),
  );

  constructor() {
    const today = civilDateOf(new Date(inject(HubClock).now()), inject(CalendarStore).settings().timeZone);
    ({ year: this.year, quarter: this.quarter } = quarterOf(today));
    void this.load();
  }

  protected async load(): Promise<void> {
    this.message.set(null);
    try {
      this.standing.set(await firstValueFrom(this.api.circulation(this.year, this.quarter)));
    } catch (e) {
      this.message.set(this.problem(e));
    }
  }

  protected async issue(d: CirculationDepartment): Promise<void> {
    this.busy.set(true);
    this.message.set(null);
    try {
      const remarks = this.remarks.trim();
      const notice = await firstValueFrom(
        this.api.issueCirculation({
          departmentId: d.departmentId,
          year: this.year,
          quarter: this.quarter,
          ...(remarks ? { remarks } : {}),
        }),
      );
      this.issued.set(notice.number);
      this.drafting.set(null);
      this.remarks = '';
      await this.load();
    } catch (e) {
      this.message.set(this.problem(e));
    } finally {
      this.busy.set(false);
    }
  }

  private problem(e: unknown): string {
    const problem = readProblem(e, this.i18n);
    return Object.values(problem.fields)[0] ?? problem.message ?? this.i18n.t('common.networkError');
  }
}
