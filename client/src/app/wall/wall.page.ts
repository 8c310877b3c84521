import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  afterNextRender,
  computed,
  inject,
  signal,
  viewChild,
} from '@angular/core';
import { RouterLink } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import {
  BOARD_URGENCY,
  boardStatus,
  civilDateOf,
  lifeOf,
  type ApprovalItemView,
  type BoardCellStatus,
  type BoardProject,
  type CardEntry,
} from '@hub/shared';
import { LeadersApi } from '../core/api/leaders-api.service';
import { CalendarStore } from '../core/calendar/calendar.store';
import { DepartmentsStore } from '../core/departments/departments.store';
import { HubTimePipe } from '../core/format/format.pipes';
import { I18nService, TranslatePipe, cardActionKey, categoryKey, deemedCauseKey, lifeKey } from '../core/i18n';
import { HubClock } from '../core/live/hub-clock.service';
import { LiveBoardService } from '../core/live/live-board.service';
import { CountdownComponent } from '../ui/countdown.component';
import { LoadStateComponent, type LoadingSource, type LoadPhase } from '../ui/load-state';
import { StatusBadgeComponent } from '../ui/status-badge.component';

/** One screenful shows this long before the next (a person reads two or three rows meanwhile). */
const PAGE_MS = 12_000;
const TICKER_LENGTH = 8;
const RETRY_MS = 5_000;

interface WallCell {
  item: ApprovalItemView;
  status: BoardCellStatus;
  department: string;
  /** The department's code, for tests and tooltips. */
  code: string;
}

/**
 * The center's big screen (R25): every project in the channel in large type, auto-scrolling a
 * screenful at a time (a jump instead of a glide under prefers-reduced-motion), counters, and a
 * live ticker of the latest card entries. It rides on the live board: a dropped network shows as
 * "reconnecting" and catches up by itself, in order; nothing here ever needs a reload.
 */
@Component({
  selector: 'hub-wall-page',
  imports: [RouterLink, TranslatePipe, HubTimePipe, StatusBadgeComponent, CountdownComponent, LoadStateComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './wall.css',
  template: `
    <div class="wall" data-testid="wall">
      <header class="wall-head">
        <h1>{{ 'app.name' | t }} · {{ 'wall.title' | t }}</h1>
        <p class="wall-clock" data-testid="wall-clock">{{ clock.now() | hubTime: true }}</p>
        <p
          class="wall-live"
          [class.is-live]="live.status() === 'live'"
          role="status"
          aria-live="polite"
          data-testid="wall-live"
          [attr.data-state]="live.status()"
        >
          <span class="live-dot" aria-hidden="true"></span>{{ (live.status() === 'live' ? 'live.live' : 'live.reconnecting') | t }}
        </p>
        <div class="wall-tools">
          <button type="button" class="button-quiet" (click)="fullscreen()" data-testid="wall-fullscreen">
            {{ 'wall.fullscreen' | t }}
          </button>
          <a routerLink="/board">{{ 'wall.exit' | t }}</a>
        </div>
      </header>

      <dl class="wall-counters" [attr.aria-label]="'board.counters' | t">
        <div class="wall-counter">
          <dt>{{ 'board.inChannel' | t }}</dt>
          <dd data-testid="wall-in-channel">{{ counters().inChannel }}</dd>
        </div>
        <div class="wall-counter counter-soon">
          <dt>{{ 'wall.dueSoon' | t }}</dt>
          <dd data-testid="wall-due-soon">{{ counters().dueSoon }}</dd>
        </div>
        <div class="wall-counter counter-today">
          <dt>{{ 'board.dueToday' | t }}</dt>
          <dd data-testid="wall-due-today">{{ counters().dueToday }}</dd>
        </div>
        <div class="wall-counter counter-deemed">
          <dt>{{ 'wall.deemedThisMonth' | t }}</dt>
          <dd data-testid="wall-deemed-month">{{ counters().deemedThisMonth }}</dd>
        </div>
      </dl>

      <div class="wall-body">
        <section
          class="wall-projects"
          #scroller
          (mouseenter)="paused.set(true)"
          (mouseleave)="paused.set(false)"
          [attr.aria-label]="'wall.projects' | t"
          data-testid="wall-projects"
        >
          <hub-load-state class="wall-empty" [of]="loading" testId="wall" />
          @for (row of rows(); track row.project.id) {
            <article class="wall-project" [attr.data-testid]="'wall-row-' + row.project.code">
              <h2>
                <span class="wall-code">{{ row.project.code }}</span>
                {{ row.project.name }}
                <span class="wall-category">{{ categoryLabel(row.project) | t }}</span>
                @if (lifeOf(row.project); as life) {
                  @if (life !== 'in_channel') {
                    <!-- R4a: a project out of the channel's work says so at a glance. -->
                    <span class="wall-life" [attr.data-life]="life" [attr.data-testid]="'wall-life-' + row.project.code">{{
                      lifeKey(life) | t
                    }}</span>
                  }
                }
              </h2>
              @if (row.cells.length === 0) {
                <p class="wall-awaiting">{{ 'board.awaitingAdmission' | t }}</p>
              } @else {
                <ul class="wall-cells">
                  @for (cell of row.cells; track cell.item.id) {
                    <li
                      class="wall-cell cell-{{ cell.status }}"
                      [attr.data-status]="cell.status"
                      [attr.data-testid]="'wall-cell-' + row.project.code + '-' + cell.code"
                    >
                      <span class="wall-dept"
                        >{{ cell.department }}
                        @if (cell.item.isLead) {
                          <span class="lead-mark">{{ 'board.lead' | t }}</span>
                        }
                      </span>
                      <hub-status-badge [status]="cell.status" />
                      <hub-countdown [item]="cell.item" />
                      @if (cell.item.deemedCause; as cause) {
                        <span class="wall-cause" [attr.data-testid]="'wall-cause-' + row.project.code + '-' + cell.code">{{
                          causeKey(cause) | t
                        }}</span>
                      }
                    </li>
                  }
                </ul>
              }
            </article>
          } @empty {
            @if (ready()) {
              <p class="wall-empty">{{ 'board.empty' | t }}</p>
            }
          }
        </section>

        <aside class="wall-ticker" [attr.aria-label]="'wall.ticker' | t" data-testid="wall-ticker">
          <h2>{{ 'wall.ticker' | t }}</h2>
          <ol aria-live="polite" aria-relevant="additions">
            @for (entry of ticker(); track entry.position) {
              <li class="ticker-entry" data-testid="ticker-entry" [attr.data-action]="entry.action" [attr.data-position]="entry.position">
                <time [attr.datetime]="entry.at">{{ entry.at | hubTime: true }}</time>
                <strong>{{ actionKey(entry) | t }}</strong>
                <span>{{ subject(entry) }}</span>
              </li>
            }
          </ol>
        </aside>
      </div>
    </div>
  `,
})
export class WallPage {
  protected readonly lifeOf = lifeOf;
  protected readonly lifeKey = lifeKey;
  protected readonly live = inject(LiveBoardService);
  protected readonly clock = inject(HubClock);
  private readonly calendar = inject(CalendarStore);
  private readonly departments = inject(DepartmentsStore);
  private readonly api = inject(LeadersApi);
  private readonly i18n = inject(I18nService);
  private readonly scroller = viewChild.required<ElementRef<HTMLElement>>('scroller');

  /** R17: the wall says why consent was deemed. */
  protected readonly causeKey = deemedCauseKey;
  protected readonly failed = signal(false);
  protected readonly paused = signal(false);
  protected readonly ticker = signal<CardEntry[]>([]);
  protected readonly ready = computed(() => this.live.board() !== null && this.calendar.calendar() !== null);
  /** The shared loading state; a failure says the wall tries again by itself (it also may be asked to). */
  protected readonly loading: LoadingSource = {
    phase: computed<LoadPhase>(() => (this.ready() ? 'loaded' : this.failed() ? 'error' : 'loading')),
    error: computed(() => this.i18n.t('wall.retrying')),
    load: () => this.start(),
  };
  private retry: ReturnType<typeof setTimeout> | null = null;

  private readonly statuses = computed(() => {
    const cal = this.calendar.calendar();
    const settings = this.calendar.settings();
    const now = new Date(this.clock.now());
    const map = new Map<string, BoardCellStatus>();
    if (!cal) return map;
    for (const project of this.live.projects()) for (const item of project.items) map.set(item.id, boardStatus(item, now, cal, settings));
    return map;
  });

  /** Issue 12: red, ruling overdue, held, due today and amber first, then the rest (a stable sort keeps the board's order within each). */
  protected readonly rows = computed(() =>
    this.live
      .projects()
      .map((project) => ({
        project,
        cells: project.items.map((item): WallCell => ({
          item,
          status: this.statuses().get(item.id) ?? 'awaiting_acceptance',
          department: this.departmentName(item.departmentId),
          code: this.departments.byId().get(item.departmentId)?.code ?? item.departmentId,
        })),
      }))
      .map((row) => ({ ...row, urgency: Math.min(BOARD_URGENCY.length, ...row.cells.map((c) => BOARD_URGENCY.indexOf(c.status))) }))
      .sort((a, b) => a.urgency - b.urgency),
  );

  protected readonly counters = computed(() => {
    const statuses = [...this.statuses().values()];
    const zone = this.calendar.settings().timeZone;
    const month = civilDateOf(new Date(this.clock.now()), zone).slice(0, 7);
    const items = this.live.projects().flatMap((p) => p.items);
    return {
      inChannel: this.live.projects().filter((p) => lifeOf(p) === 'in_channel').length,
      dueSoon: statuses.filter((s) => s === 'due_soon').length,
      dueToday: statuses.filter((s) => s === 'due_today').length,
      // R14 consent takes effect at the due instant (24:00 belongs to the day it ends).
      deemedThisMonth: items.filter(
        (i) => i.status === 'deemed_consent' && i.decidedAt && civilDateOf(new Date(Date.parse(i.decidedAt) - 1), zone).startsWith(month),
      ).length,
    };
  });

  constructor() {
    const destroyRef = inject(DestroyRef);
    const entries = this.live.entries$.subscribe((entry) =>
      this.ticker.update((list) => [entry, ...list.filter((e) => e.position !== entry.position)].slice(0, TICKER_LENGTH)),
    );
    void this.start();

    afterNextRender(() => {
      const reduced = matchMedia('(prefers-reduced-motion: reduce)');
      const timer = setInterval(() => this.nextPage(reduced.matches), PAGE_MS);
      destroyRef.onDestroy(() => clearInterval(timer));
    });
    destroyRef.onDestroy(() => {
      entries.unsubscribe();
      if (this.retry) clearTimeout(this.retry);
      this.retry = null;
      // The wall owns the live connection while it is open (it lives outside the shell).
      this.live.stop();
    });
  }

  private async start(): Promise<void> {
    if (this.retry) clearTimeout(this.retry);
    this.retry = null;
    this.failed.set(false);
    try {
      await Promise.all([this.live.start({ whole: true }), this.calendar.load(), this.departments.load()]);
      const latest = await firstValueFrom(this.api.ticker());
      // Entries pushed meanwhile are newer; the seed goes after them.
      this.ticker.update((pushed) =>
        [...pushed, ...latest.filter((e) => !pushed.some((p) => p.position === e.position))].slice(0, TICKER_LENGTH),
      );
    } catch {
      // A wall mostly has nobody to press "retry": try again by itself until the hub answers.
      this.failed.set(true);
      this.retry = setTimeout(() => void this.start(), RETRY_MS);
    }
  }

  protected categoryLabel(project: BoardProject) {
    return categoryKey(project.category);
  }
  protected actionKey(entry: CardEntry) {
    return cardActionKey(entry.action);
  }

  /** "GC-2026-0007 新能源… · 发展和改革局": the project, and the department for an item's step. */
  protected subject(entry: CardEntry): string {
    const project = this.live.projects().find((p) => p.id === entry.projectId);
    const name = project
      ? `${project.code} ${project.name}`
      : entry.after.kind === 'project'
        ? `${entry.after.project.code} ${entry.after.project.name}`
        : '';
    return entry.after.kind === 'item' ? `${name} · ${this.departmentName(entry.after.item.departmentId)}` : name;
  }

  protected fullscreen(): void {
    void document.documentElement.requestFullscreen?.().catch(() => undefined);
  }

  /** One screenful down, back to the top at the end; a glide only when motion is welcome. */
  private nextPage(reducedMotion: boolean): void {
    const element = this.scroller().nativeElement;
    if (this.paused() || element.scrollHeight <= element.clientHeight) return;
    const atEnd = element.scrollTop + element.clientHeight >= element.scrollHeight - 4;
    const top = atEnd ? 0 : element.scrollTop + element.clientHeight * 0.9;
    element.scrollTo({ top, behavior: reducedMotion ? 'auto' : 'smooth' });
  }

  private departmentName(id: string): string {
    const department = this.departments.byId().get(id);
    return department ? this.i18n.name(department) : id;
  }
}
