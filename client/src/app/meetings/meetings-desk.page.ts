import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { firstValueFrom } from 'rxjs';
import type { MeetingSummary } from '@hub/shared';
import { ApiService } from '../core/api/api.service';
import { DepartmentsStore } from '../core/departments/departments.store';
import { TranslatePipe } from '../core/i18n';
import { LiveBoardService } from '../core/live/live-board.service';
import { SessionStore } from '../core/session/session.store';
import { loadable, LoadStateComponent } from '../ui/load-state';
import { MeetingListComponent, upsertMeeting } from './meeting-list.component';

/**
 * The desk: the meetings and inspections the user is invited to (a liaison: its department's;
 * other staff: all), kept live from the card stream, so an invitation appears at once (R18).
 */
@Component({
  selector: 'hub-meetings-desk-page',
  imports: [TranslatePipe, MeetingListComponent, LoadStateComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="page-head">
      <h1>{{ 'meetings.title' | t }}</h1>
    </div>
    <p class="muted">{{ 'meetings.intro' | t }}</p>
    <div class="card" data-testid="meetings-desk">
      <hub-load-state [of]="listLoad" testId="meetings" />
      @if (listLoad.value()) {
        <hub-meeting-list [meetings]="meetings()" [departments]="departments.byId()" />
      }
    </div>
  `,
})
export class MeetingsDeskPage {
  private readonly api = inject(ApiService);
  private readonly session = inject(SessionStore);
  protected readonly departments = inject(DepartmentsStore);
  protected readonly meetings = signal<MeetingSummary[]>([]);
  protected readonly listLoad = loadable(async () => {
    const list = await firstValueFrom(this.api.meetings());
    // Live entries that arrived meanwhile stay: merge rather than replace.
    this.meetings.update((live) => list.reduce((acc, m) => (acc.some((x) => x.id === m.id) ? acc : upsertMeeting(acc, m)), live));
    return true;
  });

  constructor() {
    this.departments.load().catch(() => undefined);
    inject(LiveBoardService)
      .entries$.pipe(takeUntilDestroyed())
      .subscribe((entry) => {
        if (entry.after.kind !== 'meeting') return;
        const meeting = entry.after.meeting;
        const user = this.session.user();
        if (user?.role === 'liaison' && !meeting.invitedDepartmentIds.includes(user.departmentId ?? '')) return;
        this.meetings.update((list) => upsertMeeting(list, meeting));
      });
    void this.listLoad.load();
  }
}
