import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import type { AlertView, CardEntry } from '@hub/shared';
import { AlertsStore } from '../alerts/alerts.store';
import { LeadersApi } from '../core/api/leaders-api.service';
import { readProblem } from '../core/api/problem';
import { CalendarStore } from '../core/calendar/calendar.store';
import { DepartmentsStore } from '../core/departments/departments.store';
import { HubDuePipe, HubTimePipe } from '../core/format/format.pipes';
import { deemedCauseKey, I18nService, TranslatePipe } from '../core/i18n';
import { HubClock } from '../core/live/hub-clock.service';
import { BoardRowsFeed } from '../core/live/board-rows-feed';
import { InquiryAlertsComponent } from '../inquiries/inquiry-alerts.component';
import { loadable, LoadStateComponent } from '../ui/load-state';
import { leaderInbox, type DeskRow } from './desk-lists';

/**
 * The leader's inbox: what waits for a leader — written explanations to rule on (R16), overdue
 * first; deemed consents not yet seen (R14/R15/R17); mega-project forwards past their deadline (R6);
 * overdue and escalated inquiries (R24). It reads only the projects concerned (not the whole board),
 * kept live by the card stream, and the alerts pushed to the leader.
 */
@Component({
  selector: 'hub-inbox-page',
  imports: [RouterLink, TranslatePipe, HubDuePipe, HubTimePipe, InquiryAlertsComponent, LoadStateComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="page-head">
      <h1>{{ 'inbox.title' | t }}</h1>
    </div>
    @if (error(); as e) {
      <p class="alert alert-error" role="alert">{{ e }}</p>
    }
    <hub-load-state [of]="feed" testId="inbox" />
    <hub-load-state [of]="alertsLoad" testId="inbox-alerts" />
    @if (feed.rows() !== null && alertsLoad.value()) {
      @if (nothing()) {
        <p class="muted" data-testid="inbox-empty">{{ 'inbox.empty' | t }}</p>
      }
      @if (inbox().rulingsOverdue.length > 0) {
        <section class="card inbox-section urgent" data-testid="inbox-rulings-overdue" aria-labelledby="inbox-ro">
          <h2 id="inbox-ro">{{ 'inbox.rulingsOverdue' | t: { n: inbox().rulingsOverdue.length } }}</h2>
          <ul>
            @for (row of inbox().rulingsOverdue; track row.item.id) {
              <li data-testid="inbox-ruling" [attr.data-item-id]="row.item.id">
                <a [routerLink]="['/projects', row.project.id]">{{ row.project.code }} {{ row.project.name }}</a>
                — {{ department(row) }}：{{ 'inbox.rulingWasDue' | t: { due: (row.item.pendingExplanation!.rulingDueAt | hubDue) } }}
              </li>
            }
          </ul>
        </section>
      }
      @if (inbox().rulingsPending.length > 0) {
        <section class="card inbox-section" data-testid="inbox-rulings-pending" aria-labelledby="inbox-rp">
          <h2 id="inbox-rp">{{ 'inbox.rulingsPending' | t: { n: inbox().rulingsPending.length } }}</h2>
          <ul>
            @for (row of inbox().rulingsPending; track row.item.id) {
              <li data-testid="inbox-ruling" [attr.data-item-id]="row.item.id">
                <a [routerLink]="['/projects', row.project.id]">{{ row.project.code }} {{ row.project.name }}</a>
                — {{ department(row) }}：{{ 'inbox.rulingDue' | t: { due: (row.item.pendingExplanation!.rulingDueAt | hubDue) } }}
              </li>
            }
          </ul>
        </section>
      }
      @if (inbox().newDeemedConsents.length > 0) {
        <section class="card inbox-section" data-testid="inbox-deemed" aria-labelledby="inbox-dc">
          <h2 id="inbox-dc">{{ 'inbox.deemed' | t: { n: inbox().newDeemedConsents.length } }}</h2>
          <ul>
            @for (a of inbox().newDeemedConsents; track a.id) {
              <li data-testid="inbox-deemed-alert">
                <a [routerLink]="['/projects', a.projectId]">{{ a.projectCode }} {{ a.projectName }}</a>
                — {{ alertDepartment(a) }}：{{
                  'desk.deemed.line' | t: { cause: a.deemedCause ? (causeKey(a.deemedCause) | t) : '', at: (a.dueAt | hubTime) }
                }}
                <button type="button" class="button-quiet" (click)="read(a)">{{ 'alerts.markRead' | t }}</button>
              </li>
            }
          </ul>
        </section>
      }
      @if (inbox().forwardsEscalated.length > 0) {
        <section class="card inbox-section urgent" data-testid="inbox-forwards" aria-labelledby="inbox-fw">
          <h2 id="inbox-fw">{{ 'inbox.forwards' | t: { n: inbox().forwardsEscalated.length } }}</h2>
          <ul>
            @for (p of inbox().forwardsEscalated; track p.id) {
              <li>
                <a [routerLink]="['/projects', p.id]">{{ p.code }} {{ p.name }}</a>
                — {{ 'inbox.forwardWasDue' | t: { due: (p.paperwork?.forwarding?.dueAt | hubDue) } }}
              </li>
            }
          </ul>
        </section>
      }
    }
    <!-- R24: overdue promised replies and escalations (the inquiry register's own live store). -->
    <hub-inquiry-alerts />
  `,
  styles: `
    .inbox-section ul {
      margin: 0;
      padding-left: 1.2rem;
    }
    .inbox-section li {
      margin: 0.3rem 0;
    }
    .inbox-section.urgent {
      border-left: 6px solid var(--s-overdue-fg, #b00);
    }
  `,
})
export class InboxPage {
  private readonly api = inject(LeadersApi);
  private readonly calendar = inject(CalendarStore);
  private readonly clock = inject(HubClock);
  private readonly departments = inject(DepartmentsStore);
  private readonly alerts = inject(AlertsStore);
  private readonly i18n = inject(I18nService);
  protected readonly causeKey = deemedCauseKey;
  protected readonly error = signal<string | null>(null);

  /** R16 explanations awaiting a ruling and R6 forwards due: the projects concerned, nothing else. */
  protected readonly feed = new BoardRowsFeed(() => firstValueFrom(this.api.leaderInboxProjects()), mayJoinInbox);
  protected readonly alertsLoad = loadable(() => this.alerts.load().then(() => true));
  protected readonly inbox = computed(() =>
    leaderInbox(this.feed.projects(), this.alerts.alerts(), {
      now: new Date(this.clock.now()),
      cal: this.calendar.calendar(),
      settings: this.calendar.settings(),
    }),
  );
  protected readonly nothing = computed(() => {
    const i = this.inbox();
    return i.rulingsOverdue.length + i.rulingsPending.length + i.newDeemedConsents.length + i.forwardsEscalated.length === 0;
  });

  constructor() {
    void this.feed.load();
    void this.alertsLoad.load();
    this.calendar.load().catch(() => undefined);
    this.departments.load().catch(() => undefined);
  }

  protected department(row: DeskRow): string {
    const d = this.departments.byId().get(row.item.departmentId);
    return d ? this.i18n.name(d) : '';
  }

  protected alertDepartment(alert: AlertView): string {
    const d = alert.departmentId ? this.departments.byId().get(alert.departmentId) : undefined;
    return d ? this.i18n.name(d) : '';
  }

  protected async read(alert: AlertView): Promise<void> {
    try {
      await this.alerts.markRead(alert.id);
    } catch (e) {
      this.error.set(readProblem(e, this.i18n).message ?? this.i18n.t('common.networkError'));
    }
  }
}

/** A project joins the inbox when an explanation is filed on one of its items or its forward becomes due. */
function mayJoinInbox(entry: CardEntry): boolean {
  const after = entry.after;
  if (after.kind === 'item') return after.item.pendingExplanation !== null;
  if (after.kind === 'project')
    return after.project.items.some((i) => i.pendingExplanation !== null) || !!after.project.paperwork?.forwarding?.dueAt;
  return false;
}
