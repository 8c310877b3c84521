import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { InquiryView } from '@hub/shared';
import { DepartmentsStore } from '../core/departments/departments.store';
import { HubDuePipe, HubTimePipe } from '../core/format/format.pipes';
import { I18nService, TranslatePipe, type TranslationKey } from '../core/i18n';
import { SessionStore } from '../core/session/session.store';
import { InquiryDeskStore } from './inquiry-desk.store';
import { historyActionKey, inquiryStatusKey } from './inquiry-labels';
import { LoadStateComponent, loadingSourceOf } from '../ui/load-state';

/** One table of inquiries; the desk shows several. */
@Component({
  selector: 'hub-inquiry-table',
  imports: [RouterLink, TranslatePipe, HubTimePipe, HubDuePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './inquiries.css',
  template: `
    @if (inquiries().length === 0) {
      <p class="muted">{{ 'inquiry.desk.empty' | t }}</p>
    } @else {
      <div class="table-scroll">
        <table class="inquiries-table" [attr.data-testid]="testId()">
          <caption class="visually-hidden">
            {{
              caption() | t
            }}
          </caption>
          <thead>
            <tr>
              <th scope="col">{{ 'inquiry.detail.number' | t }}</th>
              <th scope="col">{{ 'inquiry.register.subject' | t }}</th>
              <th scope="col">{{ 'inquiry.register.inquirer' | t }}</th>
              <th scope="col">{{ 'inquiry.detail.status' | t }}</th>
              <th scope="col">{{ 'inquiry.register.responder' | t }}</th>
              <th scope="col">{{ 'inquiry.detail.handler' | t }}</th>
              <th scope="col">{{ 'inquiry.detail.promise' | t }}</th>
              <th scope="col">{{ 'inquiry.detail.registeredAt' | t }}</th>
            </tr>
          </thead>
          <tbody>
            @for (q of inquiries(); track q.id) {
              <tr
                data-testid="inquiry-row"
                [attr.data-number]="q.number"
                [attr.data-status]="q.status"
                [attr.data-overdue]="desk.isOverdue(q)"
              >
                <th scope="row">
                  <a [routerLink]="['/inquiries', q.id]">{{ q.number }}</a>
                </th>
                <td class="subject">{{ q.subject }}</td>
                <td>{{ q.inquirer.name }}</td>
                <td>
                  <span class="inquiry-status" [attr.data-status]="q.status">{{ statusKey(q.status) | t }}</span>
                  @if (desk.isOverdue(q)) {
                    <span class="overdue-flag" data-testid="row-overdue">{{ 'inquiry.detail.overdue' | t }}</span>
                  }
                  @if (q.lastReminder && q.status !== 'answered' && q.status !== 'referred') {
                    <span class="reminder-flag" [attr.title]="q.lastReminder.note">{{ 'inquiry.desk.reminded' | t }}</span>
                  }
                </td>
                <td>{{ q.responder.displayName }}</td>
                <td>{{ handler(q) }}</td>
                <td>{{ q.promise?.dueAt | hubDue }}</td>
                <td>{{ q.registeredAt | hubTime }}</td>
              </tr>
            }
          </tbody>
        </table>
      </div>
    }
  `,
})
export class InquiryTableComponent {
  protected readonly desk = inject(InquiryDeskStore);
  private readonly departments = inject(DepartmentsStore);
  private readonly i18n = inject(I18nService);

  readonly inquiries = input.required<InquiryView[]>();
  readonly caption = input.required<TranslationKey>();
  readonly testId = input.required<string>();

  protected readonly statusKey = inquiryStatusKey;

  protected handler(q: InquiryView): string {
    if (!q.handler) return '';
    const department = q.handler.departmentId ? this.departments.byId().get(q.handler.departmentId) : undefined;
    return q.handler.displayName ?? (department ? this.i18n.name(department) : '');
  }
}

/**
 * The first-inquiry desk (R23, R24), live: what waits for me (transfers to acknowledge, inquiries I
 * own or hold), what is overdue or escalated (all of it for leaders, who supervise), and everything
 * this user may read. Changes pushed by others are announced to screen readers.
 */
@Component({
  selector: 'hub-inquiries-desk-page',
  imports: [RouterLink, TranslatePipe, InquiryTableComponent, LoadStateComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './inquiries.css',
  template: `
    <div class="page-head">
      <h1>{{ 'inquiry.desk.title' | t }}</h1>
      <p>
        @if (session.can('inquiry.register')) {
          <a class="button-primary" routerLink="/inquiries/new" data-testid="desk-new">{{ 'inquiry.desk.new' | t }}</a>
        }
        @if (session.can('inquiry.statistics')) {
          <a class="button-secondary" routerLink="/inquiries/statistics" data-testid="desk-statistics">{{
            'inquiry.desk.statistics' | t
          }}</a>
        }
      </p>
    </div>
    <p class="visually-hidden" aria-live="polite" data-testid="desk-announcement">{{ announcement() }}</p>

    <hub-load-state [of]="loading" testId="inquiries" />
    @switch (desk.state()) {
      @case ('loaded') {
        @if (desk.toAcknowledge().length > 0) {
          <section class="desk-section card alerts" aria-labelledby="ack-title">
            <h2 id="ack-title">{{ 'inquiry.desk.toAcknowledge' | t }}</h2>
            <hub-inquiry-table [inquiries]="desk.toAcknowledge()" caption="inquiry.desk.toAcknowledge" testId="desk-to-acknowledge" />
          </section>
        }
        <section class="desk-section" aria-labelledby="attention-title">
          <h2 id="attention-title">{{ 'inquiry.desk.attention' | t }}</h2>
          <p class="muted small">{{ (isLeader() ? 'inquiry.desk.attentionLeader' : 'inquiry.desk.attentionMine') | t }}</p>
          <hub-inquiry-table [inquiries]="attention()" caption="inquiry.desk.attention" testId="desk-attention" />
        </section>
        <section class="desk-section" aria-labelledby="mine-title">
          <h2 id="mine-title">{{ 'inquiry.desk.mine' | t }}</h2>
          <p class="muted small">{{ 'inquiry.desk.mineHint' | t }}</p>
          <hub-inquiry-table [inquiries]="desk.mine()" caption="inquiry.desk.mine" testId="desk-mine" />
        </section>
        <section class="desk-section" aria-labelledby="all-title">
          <h2 id="all-title">{{ 'inquiry.desk.all' | t }}</h2>
          <hub-inquiry-table [inquiries]="desk.inquiries()" caption="inquiry.desk.all" testId="desk-all" />
        </section>
      }
    }
  `,
})
export class InquiriesDeskPage {
  protected readonly desk = inject(InquiryDeskStore);
  /** Not started yet reads as loading too. */
  protected readonly loading = loadingSourceOf(
    computed(() => (this.desk.state() === 'idle' ? 'loading' : this.desk.state())),
    signal(null),
    () => this.desk.reload(),
  );
  protected readonly session = inject(SessionStore);
  private readonly i18n = inject(I18nService);

  protected readonly isLeader = computed(() => this.session.user()?.role === 'leader');
  /** R24: overdue promises and escalations; leaders supervise all of them, others see their own. */
  protected readonly attention = computed(() => {
    const flagged = new Set([...this.desk.overdue(), ...this.desk.escalated()]);
    const mine = new Set(this.desk.mine());
    return this.desk.open().filter((q) => flagged.has(q) && (this.isLeader() || mine.has(q)));
  });
  protected readonly announcement = computed(() => {
    const change = this.desk.lastChange();
    return change ? `${change.inquiry.number} ${this.i18n.t(historyActionKey(change.entry.action))}` : '';
  });

  constructor() {
    void this.desk.ensureLoaded();
  }
}
