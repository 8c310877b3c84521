import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import type { InquiryHistoryEntry, InquiryHistoryVerification, InquiryStatus, Role } from '@hub/shared';
import { readProblem } from '../core/api/problem';
import { HubTimePipe } from '../core/format/format.pipes';
import { HubFormat } from '../core/format/hub-format.service';
import { I18nService, TranslatePipe, roleKey, type TranslationKey } from '../core/i18n';
import { InquiriesApi } from './inquiries-api.service';
import { channelKey, historyActionKey, inquiryStatusKey, matterKey, satisfactionKey } from './inquiry-labels';

/** Detail keys shown with a label; ids (toUserId, projectId…) stay in the record but not on screen. */
const DETAIL_LABELS: Record<string, TranslationKey> = {
  channel: 'inquiry.register.channel',
  matterType: 'inquiry.register.matterType',
  answer: 'inquiry.field.answer',
  note: 'inquiry.field.note',
  workingDays: 'inquiry.field.workingDays',
  dueAt: 'inquiry.detail.promiseDue',
  toUserName: 'inquiry.field.transferTo',
  toDepartmentName: 'inquiry.field.transferTo',
  referredTo: 'inquiry.field.referredTo',
  referredContact: 'inquiry.field.referredContact',
  satisfaction: 'inquiry.detail.satisfaction',
  comment: 'inquiry.detail.comment',
  projectCode: 'inquiry.detail.project',
};

/** R23: the inquiry's own append-only history, like the tracking card: who, when, what, state before and after. */
@Component({
  selector: 'hub-inquiry-history',
  imports: [TranslatePipe, HubTimePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section aria-labelledby="history-title" class="tracking-card">
      <div class="section-head">
        <h2 id="history-title">{{ 'inquiry.history.title' | t }}</h2>
        <button type="button" class="button-secondary" data-testid="verify-history" [disabled]="verifying()" (click)="verify()">
          {{ (verifying() ? 'card.verifying' : 'inquiry.history.verify') | t }}
        </button>
      </div>
      <div aria-live="polite">
        @if (verification(); as v) {
          <p
            class="verify-result"
            [class.verify-ok]="v.valid"
            [class.verify-broken]="!v.valid"
            data-testid="verify-result"
            [attr.data-valid]="v.valid"
          >
            @if (v.valid) {
              ✓ {{ 'inquiry.history.valid' | t: { n: v.entries } }}
            } @else {
              ✕ {{ 'inquiry.history.broken' | t: { seq: v.brokenAt ?? '?' } }}
            }
          </p>
        } @else if (verifyError(); as e) {
          <p class="field-error" role="alert" data-testid="verify-result">{{ e }}</p>
        }
      </div>
      <ol class="timeline" data-testid="history-entries">
        @for (entry of entries(); track entry.seq) {
          <li class="timeline-entry" data-testid="history-entry" [attr.data-action]="entry.action" [attr.data-seq]="entry.seq">
            <div class="entry-head">
              <span class="entry-seq">#{{ entry.seq }}</span>
              <span class="entry-action">{{ actionLabel(entry) | t }}</span>
              <time class="entry-time" [attr.datetime]="entry.at">{{ entry.at | hubTime: true }}</time>
            </div>
            <div class="entry-body">
              <span class="entry-actor">
                @if (entry.actor; as actor) {
                  {{ actor.displayName }}<span class="muted">{{ 'common.paren' | t: { text: (roleLabel(actor.role) | t) } }}</span>
                } @else {
                  {{ 'card.system' | t }}
                }
              </span>
              <span class="entry-change">
                @if (entry.before && entry.before !== entry.after) {
                  {{ statusLabel(entry.before) | t }} →
                }
                <strong>{{ statusLabel(entry.after) | t }}</strong>
              </span>
            </div>
            @if (details(entry).length > 0) {
              <dl class="entry-detail">
                @for (d of details(entry); track d.key) {
                  <div>
                    <dt>{{ d.label }}</dt>
                    <dd [attr.data-detail]="d.key">{{ d.value }}</dd>
                  </div>
                }
              </dl>
            }
            <div class="entry-hash muted" [attr.title]="entry.hash">
              {{ 'card.hash' | t }} <code>{{ entry.hash.slice(0, 12) }}</code>
            </div>
          </li>
        }
      </ol>
    </section>
  `,
})
export class InquiryHistoryComponent {
  private readonly api = inject(InquiriesApi);
  private readonly i18n = inject(I18nService);
  private readonly format = inject(HubFormat);

  readonly inquiryId = input.required<string>();
  /** In seq order (the page merges live entries). */
  readonly entries = input.required<InquiryHistoryEntry[]>();

  protected readonly verification = signal<InquiryHistoryVerification | null>(null);
  protected readonly verifyError = signal<string | null>(null);
  protected readonly verifying = signal(false);

  protected actionLabel(entry: InquiryHistoryEntry) {
    return historyActionKey(entry.action);
  }
  protected statusLabel(status: InquiryStatus) {
    return inquiryStatusKey(status);
  }
  protected roleLabel(role: Role) {
    return roleKey(role);
  }

  protected details(entry: InquiryHistoryEntry): { key: string; label: string; value: string }[] {
    return Object.entries(entry.detail)
      .filter(([key]) => key in DETAIL_LABELS)
      .map(([key, value]) => ({ key, label: this.i18n.t(DETAIL_LABELS[key]!), value: this.value(key, value) }));
  }

  /** Recorded values read as words where the hub knows them; anything else exactly as recorded. */
  private value(key: string, value: string): string {
    switch (key) {
      case 'channel':
        return this.i18n.t(channelKey(value as Parameters<typeof channelKey>[0]));
      case 'matterType':
        return this.i18n.t(matterKey(value as Parameters<typeof matterKey>[0]));
      case 'satisfaction':
        return this.i18n.t(satisfactionKey(value as Parameters<typeof satisfactionKey>[0]));
      case 'dueAt':
        return this.format.due(value) || value;
      default:
        return value;
    }
  }

  protected async verify(): Promise<void> {
    this.verifying.set(true);
    this.verifyError.set(null);
    this.verification.set(null);
    try {
      this.verification.set(await firstValueFrom(this.api.verify(this.inquiryId())));
    } catch (e) {
      this.verifyError.set(readProblem(e, this.i18n).message ?? this.i18n.t('common.networkError'));
    } finally {
      this.verifying.set(false);
    }
  }
}
