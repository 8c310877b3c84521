import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { BOARD_PAGE_MAX, type AlertView, type BoardRowItem, type CardEntry } from '@hub/shared';
import { AlertsStore } from '../alerts/alerts.store';
import { ApiService } from '../core/api/api.service';
import { readProblem } from '../core/api/problem';
import { CalendarStore } from '../core/calendar/calendar.store';
import { DepartmentsStore } from '../core/departments/departments.store';
import { HubDuePipe, HubTimePipe } from '../core/format/format.pipes';
import { deemedCauseKey, I18nService, TranslatePipe } from '../core/i18n';
import { HubClock } from '../core/live/hub-clock.service';
import { BoardRowsFeed } from '../core/live/board-rows-feed';
import { SessionStore } from '../core/session/session.store';
import { CountdownComponent } from '../ui/countdown.component';
import { LoadStateComponent } from '../ui/load-state';
import { StatusBadgeComponent } from '../ui/status-badge.component';
import { DecisionFormComponent } from './decision-form.component';
import { liaisonTodo, type DeskRow } from './desk-lists';

/**
 * The liaison's home (R10, R14, R15): what its department must act on, nearest deadline first, with
 * accept and decide right here; its items deemed to consent as news it must not miss. The meeting
 * invitation banner is above every page (the shell). It reads only its department's projects (the
 * board rows API), kept live by the card stream.
 */
@Component({
  selector: 'hub-desk-page',
  imports: [
    RouterLink,
    TranslatePipe,
    HubDuePipe,
    HubTimePipe,
    CountdownComponent,
    StatusBadgeComponent,
    DecisionFormComponent,
    LoadStateComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="page-head">
      <h1>{{ 'desk.title' | t }}</h1>
      <p class="muted">{{ department() }}</p>
    </div>

    @if (deemed().length > 0) {
      <section class="card deemed" aria-labelledby="desk-deemed-title" data-testid="desk-deemed">
        <h2 id="desk-deemed-title">{{ 'desk.deemed.title' | t }}</h2>
        <ul class="plain-list">
          @for (a of deemed(); track a.id) {
            <li data-testid="desk-deemed-alert" [attr.data-item-id]="a.itemId">
              <p>
                <a [routerLink]="['/projects', a.projectId]">{{ a.projectCode }} {{ a.projectName }}</a>
                — {{ 'desk.deemed.line' | t: { cause: a.deemedCause ? (causeKey(a.deemedCause) | t) : '', at: (a.dueAt | hubTime) } }}
              </p>
              <button type="button" class="button-quiet" (click)="read(a)" data-testid="desk-deemed-read">
                {{ 'alerts.markRead' | t }}
              </button>
            </li>
          }
        </ul>
      </section>
    }

    <section class="card" aria-labelledby="desk-todo-title">
      <h2 id="desk-todo-title">{{ 'desk.todo.title' | t }}</h2>
      @if (error(); as e) {
        <p class="alert alert-error" role="alert">{{ e }}</p>
      }
      <hub-load-state [of]="feed" testId="desk" />
      @if (feed.rows() === null) {
        <!-- loading or failed: said above -->
      } @else if (rows().length === 0) {
        <p class="muted" data-testid="desk-empty">{{ 'desk.todo.empty' | t }}</p>
      } @else {
        <ol class="todo-list" data-testid="desk-todo">
          @for (row of rows(); track row.item.id) {
            <li class="todo" data-testid="desk-item" [attr.data-item-id]="row.item.id" [attr.data-status]="row.cell">
              <div class="todo-head">
                <hub-status-badge [status]="row.cell" />
                <a [routerLink]="['/projects', row.project.id]" class="todo-project">{{ row.project.code }} {{ row.project.name }}</a>
              </div>
              <div class="todo-time">
                @if (row.item.dueAt) {
                  <span>{{ 'desk.todo.due' | t: { due: (row.item.dueAt | hubDue) } }}</span>
                  <hub-countdown [item]="row.item" />
                } @else {
                  <span class="muted">{{ 'desk.todo.awaiting' | t }}</span>
                }
              </div>
              <div class="todo-actions">
                @if (row.item.status === 'awaiting_acceptance') {
                  <button
                    type="button"
                    class="button-primary"
                    [disabled]="busy().has(row.item.id)"
                    (click)="accept(row.item)"
                    data-testid="desk-accept"
                  >
                    {{ 'items.accept' | t }}
                  </button>
                  <span class="muted small">{{ 'desk.todo.acceptHint' | t }}</span>
                } @else if (row.item.status === 'in_review') {
                  <button
                    type="button"
                    class="button-secondary"
                    [attr.aria-expanded]="deciding() === row.item.id"
                    (click)="deciding.set(deciding() === row.item.id ? null : row.item.id)"
                    data-testid="desk-decide"
                  >
                    {{ 'desk.todo.decide' | t }}
                  </button>
                }
                @if (errors().get(row.item.id); as e) {
                  <p class="field-error" role="alert" data-testid="desk-error">{{ e }}</p>
                }
              </div>
              @if (deciding() === row.item.id) {
                <hub-decision-form [item]="row.item" [code]="code()" (decided)="deciding.set(null)" />
              }
            </li>
          }
        </ol>
      }
    </section>
  `,
  styles: `
    .todo-list {
      list-style: none;
      margin: 0;
      padding: 0;
      display: grid;
      gap: 0.75rem;
    }
    .todo {
      display: grid;
      grid-template-columns: minmax(14rem, 2fr) minmax(10rem, 1fr) minmax(10rem, 1fr);
      gap: 0.5rem 1rem;
      align-items: start;
      padding: 0.75rem;
      border: 1px solid var(--line);
      border-radius: 6px;
    }
    .todo hub-decision-form {
      grid-column: 1 / -1;
    }
    .todo-head {
      display: flex;
      gap: 0.5rem;
      align-items: center;
      flex-wrap: wrap;
    }
    .todo-project {
      font-weight: 700;
    }
    .todo-time {
      display: grid;
      gap: 0.2rem;
    }
    .plain-list {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    .deemed {
      border-left: 6px solid var(--s-overdue-fg, #b00);
    }
    @media (max-width: 720px) {
      .todo {
        grid-template-columns: 1fr;
      }
    }
  `,
})
export class DeskPage {
  private readonly api = inject(ApiService);
  private readonly session = inject(SessionStore);
  private readonly calendar = inject(CalendarStore);
  private readonly clock = inject(HubClock);
  private readonly departments = inject(DepartmentsStore);
  private readonly alerts = inject(AlertsStore);
  private readonly i18n = inject(I18nService);

  protected readonly causeKey = deemedCauseKey;
  protected readonly deciding = signal<string | null>(null);
  protected readonly busy = signal<ReadonlySet<string>>(new Set());
  protected readonly errors = signal<ReadonlyMap<string, string>>(new Map());
  protected readonly error = signal<string | null>(null);

  /**
   * The department's projects in the channel, nearest deadline first: the to-do is a part of them.
   * A department with more than a page of running projects sees the page with the nearest deadlines.
   */
  protected readonly feed = new BoardRowsFeed(
    () => firstValueFrom(this.api.boardRows({ department: this.ownDepartmentId() ?? undefined, sort: 'due', limit: BOARD_PAGE_MAX })),
    (entry) => concernsDepartment(entry, this.ownDepartmentId()),
  );
  protected readonly rows = computed<DeskRow[]>(() =>
    liaisonTodo(
      this.feed.projects(),
      (item) =>
        this.session.can(item.status === 'awaiting_acceptance' ? 'item.accept' : 'item.decide', { departmentId: item.departmentId }),
      {
        now: new Date(this.clock.now()),
        cal: this.calendar.calendar(),
        settings: this.calendar.settings(),
      },
    ),
  );
  /** R14/R15: the department's items deemed to consent, until the liaison has read each. */
  protected readonly deemed = computed(() => this.alerts.alerts().filter((a) => a.kind === 'deemed_consent' && a.readAt === null));
  private readonly ownDepartmentId = computed(() => this.session.user()?.departmentId ?? null);
  private readonly ownDepartment = computed(() => this.departments.byId().get(this.ownDepartmentId() ?? ''));
  protected readonly department = computed(() => {
    const d = this.ownDepartment();
    return d ? this.i18n.name(d) : '';
  });
  protected readonly code = computed(() => this.ownDepartment()?.code ?? '');

  constructor() {
    void this.feed.load();
    this.calendar.load().catch(() => undefined);
    this.departments.load().catch(() => undefined);
    this.alerts.load().catch(() => undefined);
  }

  protected async accept(item: BoardRowItem): Promise<void> {
    if (this.busy().has(item.id)) return;
    this.busy.update((s) => new Set(s).add(item.id));
    this.errors.update((m) => withoutKey(m, item.id));
    try {
      await firstValueFrom(this.api.acceptItem(item.id)); // the board stream moves the row
    } catch (e) {
      this.errors.update((m) => new Map(m).set(item.id, readProblem(e, this.i18n).message ?? this.i18n.t('common.networkError')));
    } finally {
      this.busy.update((s) => {
        const next = new Set(s);
        next.delete(item.id);
        return next;
      });
    }
  }

  protected async read(alert: AlertView): Promise<void> {
    try {
      await this.alerts.markRead(alert.id);
    } catch (e) {
      this.error.set(readProblem(e, this.i18n).message ?? this.i18n.t('common.networkError'));
    }
  }
}

/** A project off the desk joins it when the department gets an item there (an admission names it). */
function concernsDepartment(entry: CardEntry, departmentId: string | null): boolean {
  const after = entry.after;
  if (after.kind === 'item') return departmentId === null || after.item.departmentId === departmentId;
  if (after.kind === 'project') return departmentId === null || after.project.items.some((i) => i.departmentId === departmentId);
  return false;
}

function withoutKey<V>(map: ReadonlyMap<string, V>, key: string): ReadonlyMap<string, V> {
  const next = new Map(map);
  next.delete(key);
  return next;
}
