import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import type { MeetingSummary } from '@hub/shared';
import { ApiService } from '../core/api/api.service';
import { HubTimePipe } from '../core/format/format.pipes';
import { meetingKindKey, TranslatePipe } from '../core/i18n';
import { HubClock } from '../core/live/hub-clock.service';
import { LiveBoardService } from '../core/live/live-board.service';
import { SessionStore } from '../core/session/session.store';
import { upsertMeeting } from '../meetings/meeting-list.component';
import { invitationsNow } from './desk-lists';

/**
 * R15/R15a: on every page of a liaison, a banner calls the department to a meeting it is invited to
 * once the room is open or the start is within the hour — absence is consent. "Join now" opens the
 * room, which records the attendance (R19). Kept live from the card stream, re-read on reconnect.
 */
@Component({
  selector: 'hub-invitation-banner',
  imports: [RouterLink, TranslatePipe, HubTimePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div aria-live="assertive">
      @for (m of calling(); track m.id) {
        <section
          class="alert alert-warning invitation"
          data-testid="invitation-banner"
          [attr.data-meeting-id]="m.id"
          role="region"
          [attr.aria-label]="'desk.invitation.label' | t"
        >
          <p>
            <strong>{{
              (m.status === 'open' ? 'desk.invitation.open' : 'desk.invitation.soon')
                | t: { kind: (kindKey(m.kind) | t), title: m.title, time: (m.startsAt | hubTime) }
            }}</strong>
            <span class="muted small"> {{ 'desk.invitation.why' | t }}</span>
          </p>
          <a class="button button-primary" [routerLink]="['/meetings', m.id]" data-testid="invitation-join">{{
            'desk.invitation.join' | t
          }}</a>
        </section>
      }
    </div>
  `,
  styles: `
    .invitation {
      display: flex;
      flex-wrap: wrap;
      gap: 0.75rem;
      align-items: center;
      justify-content: space-between;
      margin: 0 0 1rem;
    }
    .invitation p {
      margin: 0;
    }
    @media print {
      :host {
        display: none;
      }
    }
  `,
})
export class InvitationBannerComponent {
  private readonly api = inject(ApiService);
  private readonly session = inject(SessionStore);
  private readonly clock = inject(HubClock);
  private readonly live = inject(LiveBoardService);
  private readonly meetings = signal<MeetingSummary[]>([]);
  protected readonly kindKey = meetingKindKey;

  protected readonly calling = computed(() =>
    invitationsNow(this.meetings(), this.session.user()?.departmentId ?? null, new Date(this.clock.now())),
  );

  constructor() {
    this.live.entries$.pipe(takeUntilDestroyed()).subscribe((entry) => {
      const after = entry.after;
      if (after.kind === 'meeting') this.meetings.update((list) => upsertMeeting(list, after.meeting));
    });
    this.live.reconnected$.pipe(takeUntilDestroyed()).subscribe(() => void this.load());
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      const list = await firstValueFrom(this.api.meetings());
      this.meetings.update((live) => list.reduce((acc, m) => (acc.some((x) => x.id === m.id) ? acc : upsertMeeting(acc, m)), live));
    } catch {
      // The desk and the meetings page show the list and its error; the banner waits for the next reconnect.
    }
  }
}
