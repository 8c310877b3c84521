import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import {
  boardStatus,
  lifeOf,
  type ApprovalItemView,
  type BoardCellStatus,
  type BoardProject,
  type Department,
} from '@hub/shared';
import { CalendarStore } from '../core/calendar/calendar.store';
import { DepartmentsStore } from '../core/departments/departments.store';
import { HubTimePipe } from '../core/format/format.pipes';
import { I18nService, TranslatePipe, categoryKey, lifeKey } from '../core/i18n';
import { HubClock } from '../core/live/hub-clock.service';
import { LiveBoardService } from '../core/live/live-board.service';
import { BoardCellComponent } from './board-cell.component';
import { MegaFlagComponent } from '../mega/mega-flag.component';
import { BoardLegendComponent } from './board-legend.component';
import { InquiryAlertsComponent } from '../inquiries/inquiry-alerts.component';

interface BoardRow {
  project: BoardProject;
  /** One entry per column: the project's item for that department, if it has one. */
  cells: (ApprovalItemView | null)[];
}

/**
 * The wall board (R25): every project against every department, live. Leaders
 * keep it open all day, so it only reads signals; nothing here polls.
 */
@Component({
  selector: 'hub-board-page',
  imports: [RouterLink, TranslatePipe, HubTimePipe, BoardCellComponent, BoardLegendComponent, InquiryAlertsComponent, MegaFlagComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="page-head">
      <h1>{{ 'board.title' | t }}</h1>
      <p class="hub-now" data-testid="hub-now">{{ 'board.now' | t: { time: (clock.now() | hubTime: true) } }}</p>
    </div>

    @if (failed()) {
      <p class="alert alert-error" role="alert">
        {{ 'common.networkError' | t }}
        <button type="button" class="button-quiet" (click)="retry()">{{ 'common.retry' | t }}</button>
      </p>
    }

    @if (ready()) {
      <dl class="counters" [attr.aria-label]="'board.counters' | t">
        <div class="counter">
          <dt>{{ 'board.inChannel' | t }}</dt>
          <dd data-testid="count-in-channel">{{ counters().inChannel }}</dd>
        </div>
        <div class="counter counter-due-today">
          <dt>{{ 'board.dueToday' | t }}</dt>
          <dd data-testid="count-due-today">{{ counters().dueToday }}</dd>
        </div>
        <div class="counter counter-deemed">
          <dt>{{ 'board.deemedConsent' | t }}</dt>
          <dd data-testid="count-deemed-consent">{{ counters().deemedConsent }}</dd>
        </div>
      </dl>

      <!-- R24: overdue promised replies and escalations from the first-inquiry register. -->
      <hub-inquiry-alerts />

      <!-- R4a: completed projects move out of the way, kept for the record. -->
      <p class="board-completed">
        <label>
          <input type="checkbox" data-testid="show-completed" [checked]="showCompleted()" (change)="showCompleted.set(!showCompleted())" />
          {{ 'board.showCompleted' | t }}
        </label>
        @if (!showCompleted() && completedCount() > 0) {
          <span class="muted" data-testid="completed-hidden">{{ 'board.completedHidden' | t: { n: completedCount() } }}</span>
        }
      </p>

      <div class="table-scroll">
        <table class="board" data-testid="board">
          <caption>{{ 'board.caption' | t }}</caption>
          <thead>
            <tr>
              <th scope="col">{{ 'board.project' | t }}</th>
              <th scope="col">{{ 'board.category' | t }}</th>
              <th scope="col">{{ 'board.status' | t }}</th>
              @for (dept of columns(); track dept.id) {
                <th scope="col" class="dept-col" [attr.data-testid]="'col-' + dept.code">{{ i18n.name(dept) }}</th>
              }
            </tr>
          </thead>
          <tbody>
            @for (row of rows(); track row.project.id) {
              <tr [attr.data-testid]="'row-' + row.project.code" (click)="openRow($event, row.project)">
                <th scope="row" class="project-cell">
                  <a class="project-link" [routerLink]="['/projects', row.project.id]">
                    <span class="project-code">{{ row.project.code }}</span>
                    <span class="project-name">{{ row.project.name }}</span>
                  </a>
                  @if (row.project.mega) {
                    <span class="mega-badge" data-testid="mega-badge" [attr.title]="'board.megaHint' | t">{{
                      'board.mega' | t
                    }}</span>
                    <hub-mega-flag [project]="row.project" />
                  }
                </th>
                <td>{{ categoryLabel(row.project) | t }}</td>
                <td [attr.data-project-status]="row.project.status" [attr.data-life]="life(row.project)" data-testid="project-life">{{ lifeLabel(row.project) | t }}</td>
                @if (row.project.items.length === 0) {
                  <td class="awaiting-admission" [attr.colspan]="columns().length || 1">
                    {{ 'board.awaitingAdmission' | t }}
                  </td>
                } @else {
                  @for (item of row.cells; track $index) {
                    @if (item) {
                      <td
                        hubBoardCell
                        [item]="item"
                        [status]="statusOf(item)"
                        [projectCode]="row.project.code"
                        [departmentCode]="columns()[$index].code"
                      ></td>
                    } @else {
                      <td class="board-cell cell-none">
                        <span aria-hidden="true">—</span>
                        <span class="visually-hidden">{{ 'board.notInvolved' | t }}</span>
                      </td>
                    }
                  }
                }
              </tr>
            } @empty {
              <tr>
                <td class="board-empty" [attr.colspan]="3 + columns().length">{{ 'board.empty' | t }}</td>
              </tr>
            }
          </tbody>
        </table>
      </div>

      <hub-board-legend />
    } @else if (!failed()) {
      <p class="loading" role="status">{{ 'common.loading' | t }}</p>
    }
  `,
})
export class BoardPage {
  protected readonly live = inject(LiveBoardService);
  protected readonly clock = inject(HubClock);
  protected readonly i18n = inject(I18nService);
  private readonly calendar = inject(CalendarStore);
  private readonly departments = inject(DepartmentsStore);
  private readonly router = inject(Router);

  protected readonly failed = signal(false);
  protected readonly ready = computed(() => this.live.board() !== null && this.calendar.calendar() !== null);

  /**
   * Departments that appear in some project, in the center's own order; a
   * department the list does not know (added since it was loaded) still gets a column.
   */
  protected readonly columns = computed<Department[]>(() => {
    const used = new Set(this.live.projects().flatMap((p) => p.items.map((i) => i.departmentId)));
    const known = this.departments.all().filter((d) => used.has(d.id));
    const knownIds = new Set(known.map((d) => d.id));
    const unknown = [...used]
      .filter((id) => !knownIds.has(id))
      .map((id): Department => ({ id, code: id, name: id, nameEn: id }));
    return [...known, ...unknown];
  });

  /** R4a: completed projects are hidden unless asked for (kept for the record). */
  protected readonly showCompleted = signal(false);
  protected readonly completedCount = computed(() => this.live.projects().filter((p) => lifeOf(p) === 'completed').length);

  protected readonly rows = computed<BoardRow[]>(() => {
    const columns = this.columns();
    const shown = this.showCompleted() ? this.live.projects() : this.live.projects().filter((p) => lifeOf(p) !== 'completed');
    return shown.map((project) => {
      const byDept = new Map(project.items.map((item) => [item.departmentId, item]));
      return { project, cells: columns.map((d) => byDept.get(d.id) ?? null) };
    });
  });

  /** Every item's colour at the current hub second; counters and cells share it. */
  private readonly statuses = computed(() => {
    const cal = this.calendar.calendar();
    const settings = this.calendar.settings();
    const now = new Date(this.clock.now());
    const map = new Map<string, BoardCellStatus>();
    if (!cal) return map;
    for (const project of this.live.projects()) {
      for (const item of project.items) map.set(item.id, boardStatus(item, now, cal, settings));
    }
    return map;
  });

  protected readonly counters = computed(() => {
    const projects = this.live.projects();
    const statuses = [...this.statuses().values()];
    return {
      inChannel: projects.filter((p) => lifeOf(p) === 'in_channel').length,
      dueToday: statuses.filter((s) => s === 'due_today').length,
      deemedConsent: statuses.filter((s) => s === 'deemed_consent').length,
    };
  });

  constructor() {
    void this.retry();
  }

  protected statusOf(item: ApprovalItemView): BoardCellStatus {
    return this.statuses().get(item.id) ?? 'awaiting_acceptance';
  }

  protected categoryLabel(project: BoardProject) {
    return categoryKey(project.category);
  }
  protected life(project: BoardProject) {
    return lifeOf(project);
  }
  protected lifeLabel(project: BoardProject) {
    return lifeKey(lifeOf(project));
  }

  /** Mouse and touch on a wall screen: the whole row opens the project; keyboard users use the link. */
  protected openRow(event: MouseEvent, project: BoardProject): void {
    const target = event.target as HTMLElement | null;
    if (target?.closest('a, button')) return;
    void this.router.navigate(['/projects', project.id]);
  }

  /** The shell started everything; this only waits for it, and offers a retry on failure. */
  protected async retry(): Promise<void> {
    this.failed.set(false);
    try {
      await Promise.all([this.live.start(), this.calendar.load(), this.departments.load()]);
    } catch {
      this.failed.set(true);
    }
  }
}
