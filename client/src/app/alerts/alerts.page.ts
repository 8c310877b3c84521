import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { AlertKind, AlertView } from '@hub/shared';
import { readProblem } from '../core/api/problem';
import { DepartmentsStore } from '../core/departments/departments.store';
import { HubDuePipe, HubTimePipe } from '../core/format/format.pipes';
import { alertKindKey, I18nService, TranslatePipe } from '../core/i18n';
import { loadable, LoadStateComponent } from '../ui/load-state';
import { AlertsStore } from './alerts.store';

/** The badge of each kind of alert: a warning is amber; a leader's overdue ruling and an overdue forward stand apart (R16, R6). */
const KIND_BADGE: Record<AlertKind, string> = {
  deadline_warning: 'status-due_soon',
  explanation_filed: 'status-held',
  ruling_overdue: 'status-ruling_overdue',
  forwarding_overdue: 'status-overdue',
  meeting_invited: 'status-held',
  deemed_consent: 'status-deemed_consent',
};
const KIND_GLYPH: Record<AlertKind, string> = {
  deadline_warning: '▲',
  explanation_filed: '✎',
  ruling_overdue: '⚑',
  forwarding_overdue: '■',
  meeting_invited: '◆',
  deemed_consent: '✱',
};

/**
 * The inbox: early warnings (R14a, once per deadline), written explanations awaiting a leader's
 * ruling and rulings overdue (R16, every leader), overdue mega-project forwards (R6), meeting and
 * inspection invitations (R15a, with a link to the room).
 */
@Component({
  selector: 'hub-alerts-page',
  imports: [RouterLink, TranslatePipe, HubDuePipe, HubTimePipe, LoadStateComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="page-head">
      <h1>{{ 'alerts.title' | t }}</h1>
      <p class="muted">{{ 'alerts.unread' | t: { n: store.unread() } }}</p>
    </div>
    <div aria-live="polite" class="visually-hidden">
      @if (store.latest(); as a) {
        {{ 'alerts.announce' | t: { project: a.projectName, due: (a.dueAt | hubDue) } }}
      }
    </div>
    @if (error(); as e) {
      <p class="alert alert-error" role="alert">{{ e }}</p>
    }
    <hub-load-state [of]="alertsLoad" testId="alerts" />
    @if (!alertsLoad.value()) {
      <!-- loading or failed: said above -->
    } @else if (store.alerts().length === 0) {
      <p class="muted" data-testid="alerts-empty">{{ 'alerts.empty' | t }}</p>
    } @else {
      <ul class="alert-list" data-testid="alerts">
        @for (a of store.alerts(); track a.id) {
          <li
            class="card alert-item"
            [class.unread]="!a.readAt"
            data-testid="alert"
            [attr.data-kind]="a.kind"
            [attr.data-item-id]="a.itemId"
            [attr.data-read]="a.readAt !== null"
          >
            <p class="alert-head">
              <span class="badge {{ KIND_BADGE[a.kind] }}"
                ><span class="glyph" aria-hidden="true">{{ KIND_GLYPH[a.kind] }}</span
                >{{ alertKindKey(a.kind) | t }}</span
              >
              <a [routerLink]="['/projects', a.projectId]">{{ a.projectCode }} {{ a.projectName }}</a>
            </p>
            <p>
              {{ alertLineKey(a.kind) | t: { department: department(a), due: (a.dueAt | hubDue), n: a.workingDaysLeft ?? 0 } }}
            </p>
            @if (a.meetingId) {
              <p>
                <a [routerLink]="['/meetings', a.meetingId]" data-testid="alert-meeting">{{ 'alerts.openMeeting' | t }}</a>
              </p>
            }
            <p class="muted small">{{ 'alerts.received' | t: { time: (a.createdAt | hubTime) } }}</p>
            @if (!a.readAt) {
              <button type="button" class="button-quiet" (click)="read(a)" data-testid="alert-read">{{ 'alerts.markRead' | t }}</button>
            }
          </li>
        }
      </ul>
    }
  `,
  styles: `
    .alert-list {
      list-style: none;
      margin: 0;
      padding: 0;
      display: grid;
      gap: 0.75rem;
    }
    .alert-item {
      margin: 0;
      border-left: 6px solid var(--line);
    }
    .alert-item.unread {
      border-left-color: var(--s-due-soon-fg);
      background: var(--s-due-soon-bg);
    }
    .alert-item p {
      margin: 0 0 0.35rem;
    }
    .alert-head {
      display: flex;
      gap: 0.75rem;
      align-items: center;
      font-weight: 700;
    }
  `,
})
export class AlertsPage {
  protected readonly store = inject(AlertsStore);
  private readonly departments = inject(DepartmentsStore);
  private readonly i18n = inject(I18nService);
  protected readonly error = signal<string | null>(null);
  protected readonly alertsLoad = loadable(() => this.store.load().then(() => true));

  constructor() {
    this.departments.load().catch(() => undefined);
    void this.alertsLoad.load();
  }

  protected readonly KIND_BADGE = KIND_BADGE;
  protected readonly KIND_GLYPH = KIND_GLYPH;
  protected readonly alertKindKey = alertKindKey;
  protected readonly alertLineKey = (kind: AlertKind) =>
    kind === 'deadline_warning' ? ('alerts.line' as const) : (`alerts.line.${kind}` as const);

  protected department(alert: AlertView): string {
    if (alert.departmentId === null) return '';
    const d = this.departments.byId().get(alert.departmentId);
    return d ? this.i18n.name(d) : alert.departmentId;
  }

  protected async read(alert: AlertView): Promise<void> {
    try {
      await this.store.markRead(alert.id);
    } catch (e) {
      this.error.set(readProblem(e, this.i18n).message ?? this.i18n.t('common.networkError'));
    }
  }
}
