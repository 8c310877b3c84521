import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { lifeOf, type ApprovalItemView, type CardEntry, type ProjectView } from '@hub/shared';
import { ApiService } from '../core/api/api.service';
import { readProblem } from '../core/api/problem';
import { DepartmentsStore } from '../core/departments/departments.store';
import { HubTimePipe, MoneyPipe } from '../core/format/format.pipes';
import { I18nService, TranslatePipe, categoryKey, lifeKey } from '../core/i18n';
import { LiveBoardService } from '../core/live/live-board.service';
import { SessionStore } from '../core/session/session.store';
import { AdmissionFormComponent } from './admission-form.component';
import { ProjectLifeComponent } from './project-life.component';
import { ApprovalItemsComponent } from './approval-items.component';
import { ProjectMeetingsComponent } from '../meetings/project-meetings.component';
import { PaperTrailPanelComponent } from '../materials/paper-trail-panel.component';
import { TrackingCardComponent } from './tracking-card.component';
import { LoadStateComponent, loadingSourceOf } from '../ui/load-state';

type LoadState = 'loading' | 'loaded' | 'not_found' | 'error';

/**
 * One project: facts, seal (R4), items with their clocks and actions (R10),
 * and its tracking card (R5) — all kept current from the live card stream.
 */
@Component({
  selector: 'hub-project-detail-page',
  imports: [
    RouterLink,
    TranslatePipe,
    HubTimePipe,
    MoneyPipe,
    AdmissionFormComponent,
    ProjectLifeComponent,
    ApprovalItemsComponent,
    ProjectMeetingsComponent,
    TrackingCardComponent,
    PaperTrailPanelComponent,
    LoadStateComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './project-detail.page.html',
})
export class ProjectDetailPage {
  private readonly api = inject(ApiService);
  private readonly live = inject(LiveBoardService);
  private readonly session = inject(SessionStore);
  protected readonly departments = inject(DepartmentsStore);
  protected readonly i18n = inject(I18nService);

  /** Route parameter :id, bound by withComponentInputBinding. */
  readonly id = input.required<string>();

  protected readonly state = signal<LoadState>('loading');
  protected readonly errorMessage = signal<string | null>(null);
  protected readonly loading = loadingSourceOf(this.state, this.errorMessage, () => this.load(this.id()));
  protected readonly project = signal<ProjectView | null>(null);
  protected readonly entries = signal<CardEntry[]>([]);

  protected readonly canAdmit = computed(() => this.project()?.life === 'registered' && this.session.can('project.admit'));
  protected readonly leadDepartment = computed(() => {
    const id = this.project()?.leadDepartmentId;
    return id ? (this.departments.byId().get(id) ?? null) : null;
  });

  protected readonly categoryKey = categoryKey;
  protected readonly lifeKey = lifeKey;

  private loadingId: string | null = null;
  /** Live entries seen while a load was in flight: the answer may predate them. */
  private staleWhileLoading = false;
  private cardReload: Promise<void> | null = null;

  constructor() {
    this.departments.load().catch(() => undefined);
    effect(() => {
      const id = this.id();
      untracked(() => void this.load(id));
    });
    this.live.entries$.pipe(takeUntilDestroyed()).subscribe((entry) => {
      if (entry.projectId === this.id()) this.onLiveEntry(entry);
    });
  }

  protected async load(id: string): Promise<void> {
    this.loadingId = id;
    this.staleWhileLoading = false;
    if (this.project()?.id !== id) {
      this.project.set(null);
      this.entries.set([]);
      this.state.set('loading');
    }
    try {
      const [project, card] = await Promise.all([firstValueFrom(this.api.project(id)), firstValueFrom(this.api.card(id))]);
      if (this.loadingId !== id) return; // navigated elsewhere meanwhile
      this.project.set(project);
      this.mergeEntries(card);
      this.state.set('loaded');
      if (this.staleWhileLoading) {
        this.staleWhileLoading = false;
        await this.refreshProject(id);
      }
    } catch (e) {
      if (this.loadingId !== id) return;
      const problem = readProblem(e, this.i18n);
      this.state.set(problem.status === 404 ? 'not_found' : 'error');
      this.errorMessage.set(problem.message);
    } finally {
      if (this.loadingId === id) this.loadingId = null;
    }
  }

  /** Admission, withdrawal, national code: the answer is the project as it now is. */
  protected onAdmitted(project: ProjectView): void {
    this.project.set(project);
  }

  protected onItemChanged(item: ApprovalItemView): void {
    this.upsertItem(item);
  }

  private onLiveEntry(entry: CardEntry): void {
    if (this.loadingId !== null) this.staleWhileLoading = true;
    this.mergeEntries([entry]);
    const after = entry.after;
    if (after.kind === 'item') {
      this.upsertItem(after.item);
      return;
    }
    if (after.kind === 'meeting') return; // the meetings section follows these itself
    // A project step (e.g. admission) changes facts the board shape lacks (the seal): ask again.
    const project = this.project();
    if (project) {
      this.project.set({
        ...project,
        status: after.project.status,
        life: lifeOf(after.project),
        nationalCode: after.project.nationalCode ?? project.nationalCode,
        leadDepartmentId: after.project.leadDepartmentId,
        items: after.project.items,
      });
    }
    void this.refreshProject(entry.projectId);
  }

  private upsertItem(item: ApprovalItemView): void {
    this.project.update((project) => {
      if (!project || project.id !== item.projectId) return project;
      const exists = project.items.some((i) => i.id === item.id);
      return {
        ...project,
        items: exists ? project.items.map((i) => (i.id === item.id ? item : i)) : [...project.items, item],
      };
    });
  }

  private async refreshProject(id: string): Promise<void> {
    try {
      const project = await firstValueFrom(this.api.project(id));
      if (this.id() === id) this.project.set(project);
    } catch {
      // The live entry already updated what it could; the next entry or reload tries again.
    }
  }

  /**
   * Card entries by seq, each once. A hole (seq n+2 arrived, n+1 did not) means
   * this page missed one: reload the whole card, which is short.
   */
  private mergeEntries(incoming: CardEntry[]): void {
    const bySeq = new Map(this.entries().map((e) => [e.seq, e]));
    for (const entry of incoming) if (!bySeq.has(entry.seq)) bySeq.set(entry.seq, entry);
    const merged = [...bySeq.values()].sort((a, b) => a.seq - b.seq);
    this.entries.set(merged);
    const hasHole = merged.some((e, index) => e.seq !== index + 1);
    if (hasHole && this.loadingId === null) void this.reloadCard(this.id());
  }

  private reloadCard(id: string): Promise<void> {
    this.cardReload ??= firstValueFrom(this.api.card(id))
      .then(
        (card) => {
          if (this.id() === id) this.entries.set([...card].sort((a, b) => a.seq - b.seq));
        },
        () => undefined,
      )
      .finally(() => (this.cardReload = null));
    return this.cardReload;
  }
}
