import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { InquiryView } from '@hub/shared';
import { HubDuePipe } from '../core/format/format.pipes';
import { TranslatePipe } from '../core/i18n';
import { SessionStore } from '../core/session/session.store';
import { InquiryDeskStore } from './inquiry-desk.store';

/**
 * R24 on the board: promised replies past their date, escalations waiting for a leader and transfers
 * waiting to be acknowledged — all of them for leaders, one's own for everyone else. Live, and
 * announced politely to screen readers; nothing shows when nothing waits.
 */
@Component({
  selector: 'hub-inquiry-alerts',
  imports: [RouterLink, TranslatePipe, HubDuePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './inquiries.css',
  template: `
    <div aria-live="polite">
      @if (groups().length > 0) {
        <section class="card alerts" aria-labelledby="inquiry-alerts-title" data-testid="inquiry-alerts">
          <div class="section-head">
            <h2 id="inquiry-alerts-title">{{ 'inquiry.alerts.title' | t }}</h2>
            <a routerLink="/inquiries">{{ 'inquiry.alerts.open' | t }}</a>
          </div>
          @for (group of groups(); track group.id) {
            <h3 class="small">{{ group.title | t: { n: group.items.length } }}</h3>
            <ul [attr.data-testid]="'inquiry-alerts-' + group.id">
              @for (q of group.items; track q.id) {
                <li [attr.data-number]="q.number">
                  <a [routerLink]="['/inquiries', q.id]">{{ q.number }}</a> {{ q.subject }} — {{ q.responder.displayName }}
                  @if (group.id === 'overdue' && q.promise) {
                    <span class="overdue-flag">{{ q.promise.dueAt | hubDue }}</span>
                  }
                </li>
              }
            </ul>
          }
        </section>
      }
    </div>
  `,
})
export class InquiryAlertsComponent {
  private readonly desk = inject(InquiryDeskStore);
  private readonly session = inject(SessionStore);

  protected readonly groups = computed(() => {
    const leader = this.session.user()?.role === 'leader';
    const mine = new Set(this.desk.mine());
    const concern = (list: InquiryView[]) => (leader ? list : list.filter((q) => mine.has(q)));
    return [
      { id: 'overdue', title: 'inquiry.alerts.overdue' as const, items: concern(this.desk.overdue()) },
      { id: 'escalated', title: 'inquiry.alerts.escalated' as const, items: leader ? this.desk.escalated() : [] },
      { id: 'acknowledge', title: 'inquiry.alerts.toAcknowledge' as const, items: this.desk.toAcknowledge() },
    ].filter((g) => g.items.length > 0);
  });

  constructor() {
    if (this.session.can('inquiry.read')) void this.desk.ensureLoaded();
  }
}
