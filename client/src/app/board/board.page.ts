import { ChangeDetectionStrategy, Component, DestroyRef, computed, effect, inject, signal, untracked } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { ActivatedRoute, Router, RouterLink, type ParamMap } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import {
  applyCardEntry,
  BOARD_SORTS,
  BOARD_STATUS_FILTERS,
  boardStatus,
  lifeOf,
  PROJECT_CATEGORIES,
  type BoardCellStatus,
  type BoardQuery,
  type BoardRowItem,
  type BoardRowProject,
  type BoardRows,
  type BoardSort,
  type BoardStatusFilter,
  type CardEntry,
  type Department,
  type ProjectCategory,
} from '@hub/shared';
import { ApiService } from '../core/api/api.service';
import { CalendarStore } from '../core/calendar/calendar.store';
import { DepartmentsStore } from '../core/departments/departments.store';
import { HubTimePipe } from '../core/format/format.pipes';
import { I18nService, TranslatePipe, categoryKey, cellStatusKey, lifeKey } from '../core/i18n';
import { HubClock } from '../core/live/hub-clock.service';
import { LiveBoardService } from '../core/live/live-board.service';
import { SessionStore } from '../core/session/session.store';
import { BoardCellComponent } from './board-cell.component';
import { MegaFlagComponent } from '../mega/mega-flag.component';
import { BoardLegendComponent } from './board-legend.component';
import { InquiryAlertsComponent } from '../inquiries/inquiry-alerts.component';

interface BoardRow {
  project: BoardRowProject;
  /** One entry per column: the project's item for that department, if it has one. */
  cells: (BoardRowItem | null)[];
}

const PAGE_SIZES = [25, 50, 100, 200] as const;
const DEFAULT_PAGE_SIZE = 50;
/** Typing settles before the URL (and the server) hear of it. */
const SEARCH_SETTLE_MS = 300;
/** A burst of live entries asks for the counts once. */
const COUNTS_SETTLE_MS = 500;

/** The filter as the URL carries it (shareable): only what differs from the defaults. */
function queryOf(params: ParamMap): Required<Pick<BoardQuery, 'sort' | 'offset' | 'limit'>> & BoardQuery {
  const pick = <T extends string>(key: string, values: readonly T[]) => {
    const v = params.get(key);
    return v && (values as readonly string[]).includes(v) ? (v as T) : undefined;
  };
  const limit = Number(params.get('limit'));
  const offset = Number(params.get('offset'));
  return {
    q: params.get('q')?.trim() || undefined,
    department: params.get('department') || undefined,
    status: pick<BoardStatusFilter>('status', BOARD_STATUS_FILTERS),
    category: pick<ProjectCategory>('category', PROJECT_CATEGORIES),
    lead: params.get('lead') || undefined,
    completed: params.get('completed') === 'true' || undefined,
    sort: pick<BoardSort>('sort', BOARD_SORTS) ?? 'urgency',
    limit: (PAGE_SIZES as readonly number[]).includes(limit) ? limit : DEFAULT_PAGE_SIZE,
    offset: Number.isInteger(offset) && offset > 0 ? offset : 0,
  };
}

/**
 * The board (R25) at thousands of projects (issue 12): the server filters, sorts and pages it and
 * counts what every filter would show; the filter lives in the URL. Live card entries update the
 * rows on screen (applyCardEntry, in stream order: a gap reloads the page) and ask for the counts
 * again, once per burst. Leaders keep it open all day; nothing here polls.
 */
@Component({
  selector: 'hub-board-page',
  imports: [RouterLink, TranslatePipe, HubTimePipe, BoardCellComponent, BoardLegendComponent, InquiryAlertsComponent, MegaFlagComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    .board-filters {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem 1rem;
      align-items: end;
      margin: 0.5rem 0 0.75rem;
    }
    .board-filters label {
      display: flex;
      flex-direction: column;
      gap: 0.2rem;
      font-size: 0.9rem;
    }
    /* The hint (项目编号、名称、业主、联系人或电话) is read whole at 1280 px; on a phone the box takes the row. */
    .board-filters .search {
      flex: 1 1 20rem;
      max-width: 28rem;
    }
    .board-filters input[type='search'] {
      width: 100%;
      box-sizing: border-box;
    }
    .status-filters {
      display: flex;
      flex-wrap: wrap;
      gap: 0.4rem;
      margin: 0 0 0.75rem;
      padding: 0;
      list-style: none;
    }
    .status-filters button[aria-pressed='true'] {
      outline: 2px solid var(--brand);
      font-weight: 700;
    }
    .board-scroll {
      overflow: auto;
      max-height: 75vh;
      position: relative;
    }
    .board-scroll thead th {
      position: sticky;
      top: 0;
      z-index: 2;
      background: var(--surface, #fff);
    }
    .board-scroll tbody th.project-cell {
      position: sticky;
      left: 0;
      z-index: 1;
      background: var(--surface, #fff);
    }
    .board-scroll thead th:first-child {
      left: 0;
      z-index: 3;
    }
    .board-pager {
      display: flex;
      gap: 0.75rem;
      align-items: center;
      margin: 0.5rem 0;
      flex-wrap: wrap;
    }
    .board-scroll[aria-busy='true'] tbody {
      opacity: 0.6;
    }
  `,
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

    <form class="board-filters" role="search" (submit)="$event.preventDefault(); applySearch()" data-testid="board-filters">
      <label class="search">
        {{ 'boardFilter.search' | t }}
        <input
          type="search"
          name="q"
          data-testid="board-search"
          [value]="searchText()"
          (input)="typed($any($event.target).value)"
          [attr.placeholder]="'boardFilter.searchHint' | t"
          maxlength="100"
        />
      </label>
      <label>
        {{ 'boardFilter.department' | t }}
        <select data-testid="board-department" (change)="set({ department: $any($event.target).value })">
          <option value="" [selected]="!query().department">{{ 'boardFilter.all' | t }}</option>
          @for (dept of departments.all(); track dept.id) {
            <option [value]="dept.id" [selected]="query().department === dept.id">
              {{ i18n.name(dept) }} ({{ counts()?.byDepartment?.[dept.id] ?? 0 }})
            </option>
          }
        </select>
      </label>
      <label>
        {{ 'board.category' | t }}
        <select data-testid="board-category" (change)="set({ category: $any($event.target).value })">
          <option value="" [selected]="!query().category">{{ 'boardFilter.all' | t }}</option>
          @for (c of categories; track c) {
            <option [value]="c" [selected]="query().category === c">{{ categoryKeyOf(c) | t }}</option>
          }
        </select>
      </label>
      <label>
        {{ 'boardFilter.lead' | t }}
        <select data-testid="board-lead" (change)="set({ lead: $any($event.target).value })">
          <option value="" [selected]="!query().lead">{{ 'boardFilter.all' | t }}</option>
          @for (dept of departments.all(); track dept.id) {
            <option [value]="dept.id" [selected]="query().lead === dept.id">{{ i18n.name(dept) }}</option>
          }
        </select>
      </label>
      <label>
        {{ 'boardFilter.sort' | t }}
        <select data-testid="board-sort" (change)="set({ sort: $any($event.target).value })">
          @for (s of sorts; track s) {
            <option [value]="s" [selected]="query().sort === s">{{ sortKey(s) | t }}</option>
          }
        </select>
      </label>
      @if (ownDepartment(); as own) {
        <button
          type="button"
          class="button-quiet"
          data-testid="board-my-department"
          [attr.aria-pressed]="isMyDepartment()"
          (click)="myDepartment(own)"
        >
          {{ 'boardFilter.myDepartment' | t }}
        </button>
      }
      @if (filtered()) {
        <button type="button" class="button-quiet" data-testid="board-clear" (click)="clear()">{{ 'boardFilter.clear' | t }}</button>
      }
    </form>

    <ul class="status-filters" [attr.aria-label]="'boardFilter.status' | t">
      @for (s of statuses; track s) {
        <li>
          <button
            type="button"
            class="button-quiet cell-{{ s }}"
            [attr.data-testid]="'status-filter-' + s"
            [attr.aria-pressed]="query().status === s"
            (click)="set({ status: query().status === s ? '' : s })"
          >
            {{ cellKey(s) | t }} <span [attr.data-testid]="'status-count-' + s">{{ counts()?.byStatus?.[s] ?? 0 }}</span>
          </button>
        </li>
      }
    </ul>

    @if (ready(); as page) {
      <dl class="counters" [attr.aria-label]="'board.counters' | t">
        <div class="counter">
          <dt>{{ 'boardFilter.shown' | t }}</dt>
          <dd data-testid="count-total">{{ page.counts.total }}</dd>
        </div>
        <div class="counter">
          <dt>{{ 'board.inChannel' | t }}</dt>
          <dd data-testid="count-in-channel">{{ page.counts.inChannel }}</dd>
        </div>
        <div class="counter counter-due-today">
          <dt>{{ 'board.dueToday' | t }}</dt>
          <dd data-testid="count-due-today">{{ page.counts.byStatus.due_today }}</dd>
        </div>
        <div class="counter counter-deemed">
          <dt>{{ 'board.deemedConsent' | t }}</dt>
          <dd data-testid="count-deemed-consent">{{ page.counts.byStatus.deemed_consent }}</dd>
        </div>
      </dl>

      <!-- R24: overdue promised replies and escalations from the first-inquiry register. -->
      <hub-inquiry-alerts />

      <!-- R4a: completed projects move out of the way, kept for the record (the server leaves them out unless asked). -->
      <p class="board-completed">
        <label>
          <input
            type="checkbox"
            data-testid="show-completed"
            [checked]="query().completed"
            (change)="set({ completed: $any($event.target).checked ? 'true' : '' })"
          />
          {{ 'board.showCompleted' | t }}
        </label>
      </p>

      <div class="board-scroll" [attr.aria-busy]="loading()" tabindex="0" [attr.aria-label]="'board.caption' | t">
        <table class="board" data-testid="board">
          <caption>
            {{
              'board.caption' | t
            }}
          </caption>
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
                    <span class="mega-badge" data-testid="mega-badge" [attr.title]="'board.megaHint' | t">{{ 'board.mega' | t }}</span>
                    <hub-mega-flag [project]="row.project" />
                  }
                </th>
                <td>{{ categoryKeyOf(row.project.category) | t }}</td>
                <td [attr.data-project-status]="row.project.status" [attr.data-life]="lifeOf(row.project)" data-testid="project-life">
                  {{ lifeKeyOf(lifeOf(row.project)) | t }}
                </td>
                @if (row.project.items.length === 0) {
                  <td class="awaiting-admission" [attr.colspan]="columns().length || 1">{{ 'board.awaitingAdmission' | t }}</td>
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
                <td class="board-empty" [attr.colspan]="3 + columns().length">
                  {{ (filtered() ? 'boardFilter.none' : 'board.empty') | t }}
                </td>
              </tr>
            }
          </tbody>
        </table>
      </div>

      <nav class="board-pager" [attr.aria-label]="'boardFilter.pages' | t">
        <button
          type="button"
          class="button-quiet"
          data-testid="board-prev"
          [disabled]="query().offset === 0"
          (click)="set({ offset: prevOffset() })"
        >
          {{ 'boardFilter.prev' | t }}
        </button>
        <span data-testid="board-range" aria-live="polite">{{ 'boardFilter.range' | t: range() }}</span>
        <button
          type="button"
          class="button-quiet"
          data-testid="board-next"
          [disabled]="query().offset + query().limit >= page.counts.total"
          (click)="set({ offset: query().offset + query().limit })"
        >
          {{ 'boardFilter.next' | t }}
        </button>
        <label>
          {{ 'boardFilter.pageSize' | t }}
          <select data-testid="board-page-size" (change)="set({ limit: $any($event.target).value })">
            @for (size of pageSizes; track size) {
              <option [value]="size" [selected]="query().limit === size">{{ size }}</option>
            }
          </select>
        </label>
      </nav>

      <hub-board-legend />
    } @else if (!failed()) {
      <p class="loading" role="status" data-testid="board-loading">{{ 'common.loading' | t }}</p>
    }
  `,
})
export class BoardPage {
  protected readonly live = inject(LiveBoardService);
  protected readonly clock = inject(HubClock);
  protected readonly i18n = inject(I18nService);
  protected readonly departments = inject(DepartmentsStore);
  private readonly api = inject(ApiService);
  private readonly calendar = inject(CalendarStore);
  private readonly session = inject(SessionStore);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);

  protected readonly statuses = BOARD_STATUS_FILTERS;
  protected readonly categories = PROJECT_CATEGORIES;
  protected readonly sorts = BOARD_SORTS;
  protected readonly pageSizes = PAGE_SIZES;
  protected readonly cellKey = cellStatusKey;
  protected readonly categoryKeyOf = categoryKey;
  protected readonly lifeKeyOf = lifeKey;
  protected readonly lifeOf = lifeOf;
  protected readonly sortKey = (s: BoardSort) => `boardFilter.sort.${s}` as const;

  private readonly params = toSignal(this.route.queryParamMap, { requireSync: true });
  protected readonly query = computed(() => queryOf(this.params()));
  protected readonly filtered = computed(() => {
    const q = this.query();
    return !!(q.q || q.department || q.status || q.category || q.lead);
  });
  /** The page on screen, as of its stream position; live entries move it forward. */
  private readonly page = signal<BoardRows | null>(null);
  protected readonly counts = computed(() => this.page()?.counts ?? null);
  protected readonly loading = signal(true);
  protected readonly failed = signal(false);
  protected readonly searchText = signal(this.query().q ?? '');
  protected readonly ready = computed(() => (this.calendar.calendar() !== null ? this.page() : null));

  /** R1: a liaison's own department, for "my department" (its items by deadline). */
  protected readonly ownDepartment = computed(() => this.session.user()?.departmentId ?? null);
  protected readonly isMyDepartment = computed(() => this.query().department === this.ownDepartment() && this.query().sort === 'due');

  /** The center's departments that some project of the filter involves, in the center's order. */
  protected readonly columns = computed<Department[]>(() => {
    const page = this.page();
    const used = new Set([
      ...Object.keys(page?.counts.byDepartment ?? {}),
      ...(page?.projects ?? []).flatMap((p) => p.items.map((i) => i.departmentId)),
    ]);
    const known = this.departments.all().filter((d) => used.has(d.id));
    const knownIds = new Set(known.map((d) => d.id));
    const unknown = [...used].filter((id) => !knownIds.has(id)).map((id): Department => ({ id, code: id, name: id, nameEn: id }));
    return [...known, ...unknown];
  });

  protected readonly rows = computed<BoardRow[]>(() => {
    const columns = this.columns();
    return (this.page()?.projects ?? []).map((project) => {
      const byDept = new Map(project.items.map((item) => [item.departmentId, item]));
      return { project, cells: columns.map((d) => byDept.get(d.id) ?? null) };
    });
  });

  /** Each cell's colour at the current hub second (the server filtered at its own few-second window). */
  private readonly cellStatuses = computed(() => {
    const cal = this.calendar.calendar();
    const settings = this.calendar.settings();
    const now = new Date(this.clock.now());
    const map = new Map<string, BoardCellStatus>();
    if (!cal) return map;
    for (const project of this.page()?.projects ?? [])
      for (const item of project.items) map.set(item.id, boardStatus(item, now, cal, settings));
    return map;
  });

  protected readonly range = computed(() => {
    const q = this.query();
    const total = this.page()?.counts.total ?? 0;
    return { from: total === 0 ? 0 : q.offset + 1, to: Math.min(total, q.offset + q.limit), total };
  });
  protected readonly prevOffset = computed(() => Math.max(0, this.query().offset - this.query().limit));

  /** Bumped per load: an answer to an older filter is dropped. */
  private loadSeq = 0;
  private searchTimer: ReturnType<typeof setTimeout> | null = null;
  private countsTimer: ReturnType<typeof setTimeout> | null = null;
  /** Entries that came while a page was on its way: applied to it on arrival, in order. */
  private held: CardEntry[] = [];

  constructor() {
    // Every change of the filter (the URL) loads its first screen.
    effect(() => {
      const query = this.query();
      untracked(() => {
        // A search from the top bar (or back and forward) changes q under the box: the box shows it,
        // unless the user is typing into it (their text goes to the URL when they pause).
        if (!this.searchTimer && (query.q ?? '') !== this.searchText().trim()) this.searchText.set(query.q ?? '');
        void this.load(query);
      });
    });
    this.live.entries$.pipe(takeUntilDestroyed()).subscribe((entry) => this.receive(entry));
    // Back after a drop: the live service replays the stream; the page catches up through it.
    inject(DestroyRef).onDestroy(() => {
      if (this.searchTimer) clearTimeout(this.searchTimer);
      if (this.countsTimer) clearTimeout(this.countsTimer);
    });
    void this.waitForLive();
  }

  protected statusOf(item: BoardRowItem): BoardCellStatus {
    return this.cellStatuses().get(item.id) ?? 'awaiting_acceptance';
  }

  protected typed(text: string): void {
    this.searchText.set(text);
    if (this.searchTimer) clearTimeout(this.searchTimer);
    this.searchTimer = setTimeout(() => this.applySearch(), SEARCH_SETTLE_MS);
  }
  protected applySearch(): void {
    if (this.searchTimer) clearTimeout(this.searchTimer);
    this.searchTimer = null;
    if ((this.query().q ?? '') !== this.searchText().trim()) this.set({ q: this.searchText().trim() });
  }

  /** A changed filter goes into the URL (shareable, back button); any change but paging starts at the first page. */
  protected set(change: Partial<Record<keyof BoardQuery, string | number>>): void {
    const params = { ...this.route.snapshot.queryParams, ...change } as Record<string, string | number | null>;
    if (!('offset' in change)) params['offset'] = null;
    for (const [key, value] of Object.entries(params)) if (value === '' || value === 0) params[key] = null;
    if (params['sort'] === 'urgency') params['sort'] = null;
    if (Number(params['limit']) === DEFAULT_PAGE_SIZE) params['limit'] = null;
    void this.router.navigate([], { queryParams: params, queryParamsHandling: '' });
  }

  protected myDepartment(own: string): void {
    if (this.isMyDepartment()) this.set({ department: '', sort: '' });
    else this.set({ department: own, sort: 'due' });
  }

  protected clear(): void {
    this.searchText.set('');
    void this.router.navigate([], { queryParams: {} });
  }

  /** Mouse and touch on a wall screen: the whole row opens the project; keyboard users use the link. */
  protected openRow(event: MouseEvent, project: BoardRowProject): void {
    const target = event.target as HTMLElement | null;
    if (target?.closest('a, button')) return;
    void this.router.navigate(['/projects', project.id]);
  }

  /** The shell started the live stream; this waits for it and the calendar (the filter's effect loads the page). */
  private async waitForLive(): Promise<boolean> {
    try {
      await Promise.all([this.live.start(), this.calendar.load(), this.departments.load()]);
      return true;
    } catch {
      this.failed.set(true);
      return false;
    }
  }

  protected async retry(): Promise<void> {
    this.failed.set(false);
    if (await this.waitForLive()) await this.load(this.query());
  }

  private async load(query: BoardQuery): Promise<void> {
    const seq = ++this.loadSeq;
    this.loading.set(true);
    try {
      const rows = await firstValueFrom(this.api.boardRows(query));
      if (seq !== this.loadSeq) return;
      this.page.set(rows);
      this.failed.set(false);
      this.loading.set(false);
      const held = this.held;
      this.held = [];
      for (const entry of held) this.receive(entry);
    } catch {
      if (seq === this.loadSeq) {
        this.failed.set(true);
        this.held = []; // the next load is asked for after them, so it includes them
      }
    } finally {
      if (seq === this.loadSeq) this.loading.set(false);
    }
  }

  /**
   * R25: an entry in stream order updates a row on screen; one this page cannot place (it was
   * loaded at an older position than the stream) reloads the page. Either way the counts of the
   * rest may have moved: they are asked for once the burst settles (with the rows, when an entry
   * was about a project not on screen).
   */
  private receive(entry: CardEntry): void {
    const page = this.page();
    if (!page || this.loading()) {
      this.held.push(entry);
      return;
    }
    const { board, outcome } = applyCardEntry(page, entry, { onlyKnown: true });
    if (outcome === 'gap') {
      this.held.push(entry);
      void this.load(this.query());
      return;
    }
    if (outcome === 'applied') {
      this.page.set(board);
      // A project not on screen may now belong to the filter (a new registration, say): the page is asked for again.
      if (!page.projects.some((p) => p.id === entry.projectId)) this.wholePageDue = true;
      this.refreshSoon();
    }
  }

  private wholePageDue = false;

  private refreshSoon(): void {
    if (this.countsTimer) clearTimeout(this.countsTimer);
    this.countsTimer = setTimeout(async () => {
      this.countsTimer = null;
      if (this.wholePageDue) {
        this.wholePageDue = false;
        await this.load(this.query());
        return;
      }
      const seq = this.loadSeq;
      try {
        const { counts } = await firstValueFrom(this.api.boardRows({ ...this.query(), offset: 0, limit: 0 }));
        if (seq === this.loadSeq) this.page.update((p) => (p ? { ...p, counts } : p));
      } catch {
        // The next entry or reload asks again.
      }
    }, COUNTS_SETTLE_MS);
  }
}
