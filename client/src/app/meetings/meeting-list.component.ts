import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { Department, MeetingSummary } from '@hub/shared';
import { HubTimePipe } from '../core/format/format.pipes';
import { I18nService, TranslatePipe, meetingKindKey, meetingStatusKey } from '../core/i18n';

/** Meetings as a list: kind, title, when, where, status, invitees, and the way into the room. */
@Component({
  selector: 'hub-meeting-list',
  imports: [RouterLink, TranslatePipe, HubTimePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (meetings().length === 0) {
      <p class="muted">{{ 'meetings.none' | t }}</p>
    } @else {
      <ul class="meeting-list" data-testid="meeting-list" aria-live="polite">
        @for (m of meetings(); track m.id) {
          <li class="meeting-row" data-testid="meeting-row" [attr.data-meeting-id]="m.id" [attr.data-status]="m.status">
            <div class="meeting-head">
              <span class="meeting-kind">{{ kindKey(m.kind) | t }}</span>
              <a [routerLink]="['/meetings', m.id]" class="meeting-title" [attr.data-testid]="'meeting-link-' + m.id">{{ m.title }}</a>
              <span class="meeting-status" [attr.data-status]="m.status">{{ statusKey(m.status) | t }}</span>
            </div>
            <div class="meeting-meta muted">
              <span>{{ m.startsAt | hubTime }}</span> ·
              <span>{{ m.online ? ('meetings.online' | t) : '' }}{{ m.online && m.place ? ' / ' : '' }}{{ m.place ?? '' }}</span> ·
              <span>{{ inviteeNames(m) }}</span>
            </div>
          </li>
        }
      </ul>
    }
  `,
})
export class MeetingListComponent {
  private readonly i18n = inject(I18nService);
  readonly meetings = input.required<MeetingSummary[]>();
  readonly departments = input.required<ReadonlyMap<string, Department>>();
  protected readonly kindKey = meetingKindKey;
  protected readonly statusKey = meetingStatusKey;

  protected inviteeNames(m: MeetingSummary): string {
    return m.invitedDepartmentIds
      .map((id) => this.departments().get(id))
      .map((d) => (d ? this.i18n.name(d) : '?'))
      .join('、');
  }
}

/** Upsert by id, keeping start-time order (the order the server lists them in). */
export function upsertMeeting(list: MeetingSummary[], next: MeetingSummary): MeetingSummary[] {
  const rest = list.filter((m) => m.id !== next.id);
  return [...rest, next].sort((a, b) => a.startsAt.localeCompare(b.startsAt) || a.id.localeCompare(b.id));
}
