import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { debounceTime, filter, firstValueFrom } from 'rxjs';
import type { NoticeSummary, ProjectMaterialsView, ProjectView } from '@hub/shared';
import { DepartmentsStore } from '../core/departments/departments.store';
import { TranslatePipe } from '../core/i18n';
import { LiveBoardService } from '../core/live/live-board.service';
import { MegaPanelComponent } from '../mega/mega-panel.component';
import { PaperTrailApi } from '../notices/paper-trail.api';
import { ProjectDocumentsComponent } from '../notices/project-documents.component';
import { MaterialsChecklistComponent } from './materials-checklist.component';

/**
 * The project's paper trail on its page: materials (R7, R8), documents (R9, R17) and, for a mega
 * project, its forwarding (R6). Reloaded whenever the project's card moves (R25), whoever moved it.
 */
@Component({
  selector: 'hub-paper-trail',
  imports: [TranslatePipe, MaterialsChecklistComponent, ProjectDocumentsComponent, MegaPanelComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (materials(); as view) {
      @if (view.forwarding; as forwarding) {
        <div class="card">
          <hub-mega-panel [projectId]="project().id" [forwarding]="forwarding" (changed)="reload()" />
        </div>
      }
      @if (project().status === 'in_channel') {
        <div class="card">
          <hub-materials-checklist [view]="view" [departments]="departments.byId()" (changed)="reload()" />
        </div>
      }
      <div class="card">
        <hub-project-documents [project]="project()" [notices]="notices()" (changed)="reload()" />
      </div>
    } @else if (failed()) {
      <p class="alert alert-error" role="alert">{{ 'common.networkError' | t }}</p>
    }
  `,
})
export class PaperTrailPanelComponent {
  private readonly api = inject(PaperTrailApi);
  protected readonly departments = inject(DepartmentsStore);

  readonly project = input.required<ProjectView>();

  protected readonly materials = signal<ProjectMaterialsView | null>(null);
  protected readonly notices = signal<NoticeSummary[]>([]);
  protected readonly failed = signal(false);
  /** The project object changes with every live entry; only another project means a fresh load. */
  private readonly projectId = computed(() => this.project().id);

  constructor() {
    effect(() => {
      this.projectId();
      untracked(() => void this.reload());
    });
    inject(LiveBoardService)
      .entries$.pipe(
        filter((entry) => entry.projectId === this.projectId()),
        debounceTime(150),
        takeUntilDestroyed(),
      )
      .subscribe(() => void this.reload());
  }

  protected async reload(): Promise<void> {
    const id = this.projectId();
    try {
      const [materials, notices] = await Promise.all([firstValueFrom(this.api.materials(id)), firstValueFrom(this.api.notices(id))]);
      if (id !== this.projectId()) return;
      this.materials.set(materials);
      this.notices.set(notices);
      this.failed.set(false);
    } catch {
      this.failed.set(true);
    }
  }
}
