import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { Router } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import type { ApprovalItemView, Department, MeetingSummary, MeetingView } from '@hub/shared';
import { ApiService } from '../core/api/api.service';
import { TranslatePipe } from '../core/i18n';
import { LiveBoardService } from '../core/live/live-board.service';
import { SessionStore } from '../core/session/session.store';
import { MeetingListComponent, upsertMeeting } from './meeting-list.component';
import { MeetingScheduleFormComponent } from './meeting-schedule-form.component';

/** A project's meetings and site inspections, live; the schedule form for those who may convene (R18). */
@Component({
  selector: 'hub-project-meetings',
  imports: [TranslatePipe, MeetingListComponent, MeetingScheduleFormComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section aria-labelledby="project-meetings-title" data-testid="project-meetings">
      <h2 id="project-meetings-title">{{ 'meetings.projectTitle' | t }}</h2>
      <hub-meeting-list [meetings]="meetings()" [departments]="departments()" />
      @if (canConvene()) {
        <button
          type="button"
          class="button-secondary"
          data-testid="meeting-schedule-toggle"
          [attr.aria-expanded]="scheduling()"
          (click)="scheduling.set(!scheduling())"
        >
          {{ (scheduling() ? 'items.cancel' : 'schedule.title') | t }}
        </button>
        @if (scheduling()) {
          <hub-meeting-schedule-form
            [projectId]="projectId()"
            [items]="items()"
            [departments]="departments()"
            (convened)="onConvened($event)"
          />
        }
      }
    </section>
  `,
})
export class ProjectMeetingsComponent {
  private readonly api = inject(ApiService);
  private readonly session = inject(SessionStore);
  private readonly router = inject(Router);

  readonly projectId = input.required<string>();
  readonly leadDepartmentId = input.required<string | null>();
  readonly items = input.required<ApprovalItemView[]>();
  readonly departments = input.required<ReadonlyMap<string, Department>>();

  protected readonly meetings = signal<MeetingSummary[]>([]);
  protected readonly scheduling = signal(false);
  protected readonly canConvene = computed(
    () => this.leadDepartmentId() !== null && this.session.can('meeting.convene', { departmentId: this.leadDepartmentId() ?? undefined }),
  );

  constructor() {
    effect(() => {
      const id = this.projectId();
      untracked(() => void this.load(id));
    });
    inject(LiveBoardService)
      .entries$.pipe(takeUntilDestroyed())
      .subscribe((entry) => {
        if (entry.after.kind === 'meeting' && entry.projectId === this.projectId()) {
          const meeting = entry.after.meeting;
          this.meetings.update((list) => upsertMeeting(list, meeting));
        }
      });
  }

  private async load(projectId: string): Promise<void> {
    try {
      const list = await firstValueFrom(this.api.meetings(projectId));
      if (projectId === this.projectId()) this.meetings.set(list);
    } catch {
      // The live stream keeps adding what changes; a reload retries.
    }
  }

  protected onConvened(meeting: MeetingView): void {
    this.meetings.update((list) => upsertMeeting(list, meeting));
    void this.router.navigate(['/meetings', meeting.id]);
  }
}
