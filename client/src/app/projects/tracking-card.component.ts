import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import {
  CLOCK_STOPPING_PROCEDURES,
  CLOSE_OUTCOMES,
  CONFIGURATION_ACTIONS,
  DELAY_CAUSES,
  OPINION_KINDS,
  type CardEntry,
  type CloseOutcome,
  type CardState,
  type CardVerification,
  type ConfigurationAction,
  type Department,
} from '@hub/shared';
import { ApiService } from '../core/api/api.service';
import { readProblem } from '../core/api/problem';
import { HubTimePipe } from '../core/format/format.pipes';
import { HubFormat } from '../core/format/hub-format.service';
import {
  I18nService,
  TranslatePipe,
  cardActionKey,
  closeOutcomeKey,
  configurationActionKey,
  delayCauseKey,
  itemStatusKey,
  meetingKindKey,
  meetingStatusKey,
  opinionKey,
  procedureKey,
  projectStatusKey,
  roleKey,
  type TranslationKey,
} from '../core/i18n';
import { CARD_KINDS, cardView, recordedPairs, type CardKind } from './card-words';

/** Detail keys with a label of their own; any other key is shown as it comes. */
const DETAIL_LABELS: Record<string, TranslationKey> = {
  noticeNumber: 'card.detail.noticeNumber',
  basis: 'card.detail.basis',
  sealNumber: 'card.detail.sealNumber',
  cause: 'card.detail.cause',
  dueAt: 'card.detail.dueAt',
  lateMs: 'card.detail.lateMs',
  meeting: 'card.detail.meeting',
  previousDueAt: 'card.detail.previousDueAt',
  delayCause: 'card.detail.delayCause',
  explanation: 'card.detail.explanation',
  note: 'card.detail.note',
  conclusion: 'card.detail.conclusion',
  findings: 'card.detail.findings',
  opinion: 'card.detail.opinion',
  conditions: 'card.detail.conditions',
  request: 'card.detail.request',
  // R6–R9, R17: the paper trail's steps
  material: 'card.detail.material',
  department: 'card.detail.department',
  kind: 'card.detail.kind',
  copies: 'card.detail.copies',
  received: 'card.detail.received',
  ruling: 'card.detail.ruling',
  reason: 'card.detail.reason',
  afterNotice: 'card.detail.afterNotice',
  document: 'card.detail.document',
  corrects: 'card.detail.corrects',
  accessCode: 'card.detail.accessCode',
  receiptNumber: 'card.detail.receiptNumber',
  late: 'card.detail.late',
  seal: 'card.detail.seal',
  tracker: 'card.detail.tracker',
  forwardedTo: 'card.detail.forwardedTo',
  windowContact: 'card.detail.windowContact',
  // R14a early warning; R11 a deadline moved by a calendar change
  workingDaysLeft: 'card.detail.workingDaysLeft',
  alerted: 'card.detail.alerted',
  fromDueAt: 'card.detail.fromDueAt',
  toDueAt: 'card.detail.toDueAt',
  provisional: 'card.detail.provisional',
  calendarChange: 'card.detail.calendarChange',
  calendarTarget: 'card.detail.calendarTarget',
  // R10a: a special procedure began or ended
  phase: 'card.detail.phase',
  procedure: 'card.detail.procedure',
  startsAt: 'card.detail.startsAt',
  endsAt: 'card.detail.endsAt',
  stoppedWorkingDays: 'card.detail.stoppedWorkingDays',
  stoppedDays: 'card.detail.stoppedDays',
  // R15/R15a: a meeting's close, in words (departments by name, outcomes as words)
  absences: 'card.detail.absences',
  lateExcused: 'card.detail.lateExcused',
  noticeNumbers: 'card.detail.noticeNumber',
};
/** R11: a calendar change named on a recomputed deadline's entry. */
const isConfigurationAction = (value: string): value is ConfigurationAction => (CONFIGURATION_ACTIONS as readonly string[]).includes(value);
/**
 * Only facts with a label are shown: ids and internal keys (meetingId, explanationId, how, version…)
 * are references for the machine, not for the reader (issue 14). The card itself keeps them all.
 */
const isCloseOutcome = (value: string): value is CloseOutcome => (CLOSE_OUTCOMES as readonly string[]).includes(value);
/** Deemed-consent causes the hub records (R14 timeout; R15/R16 causes join here as they arrive). */
const CAUSES: Record<string, TranslationKey> = {
  timeout: 'card.cause.timeout',
  meeting_absence: 'card.cause.meeting_absence',
  inspection_absence: 'card.cause.inspection_absence',
  explanation_rejected: 'card.cause.explanation_rejected',
};

/**
 * R5: the project's tracking card (跟踪服务卡) — every step, who, when, state
 * before and after — and the tamper check of its hash chain.
 */
@Component({
  selector: 'hub-tracking-card',
  imports: [TranslatePipe, HubTimePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section aria-labelledby="card-title" class="tracking-card">
      <div class="section-head">
        <h2 id="card-title">{{ 'card.title' | t }}</h2>
        <button type="button" class="button-secondary" data-testid="verify-card" [disabled]="verifying()" (click)="verify()">
          {{ (verifying() ? 'card.verifying' : 'card.verify') | t }}
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
              ✓ {{ 'card.valid' | t: { n: v.entries } }}
            } @else {
              ✕ {{ 'card.broken' | t: { seq: v.brokenAt ?? '?' } }}
            }
          </p>
        } @else if (verifyError(); as e) {
          <p class="field-error" role="alert" data-testid="verify-result">{{ e }}</p>
        }
      </div>

      @if (entries().length === 0) {
        <p class="muted">{{ 'card.empty' | t }}</p>
      } @else {
        <div class="card-filters" role="group" [attr.aria-label]="'card.filter.label' | t">
          <label>
            {{ 'card.filter.kind' | t }}
            <select data-testid="card-kind" (change)="pickKind($any($event.target).value)">
              <option value="" [selected]="kind() === null">{{ 'card.filter.all' | t }}</option>
              @for (k of kinds; track k) {
                <option [value]="k" [selected]="kind() === k">{{ kindKey(k) | t }}</option>
              }
            </select>
          </label>
          <label class="check">
            <input
              type="checkbox"
              data-testid="card-newest-first"
              [checked]="newestFirst()"
              (change)="newestFirst.set($any($event.target).checked)"
            />
            {{ 'card.filter.newestFirst' | t }}
          </label>
        </div>
        <ol class="timeline" data-testid="card-entries">
          @for (entry of shown(); track entry.seq) {
            <li class="timeline-entry" data-testid="card-entry" [attr.data-action]="entry.action" [attr.data-seq]="entry.seq">
              <div class="entry-head">
                <span class="entry-seq">#{{ entry.seq }}</span>
                <span class="entry-action">{{ title(entry) }}</span>
                <time class="entry-time" [attr.datetime]="entry.at">{{ entry.at | hubTime: true }}</time>
              </div>
              <div class="entry-body">
                <span class="entry-actor">
                  @if (entry.actor; as actor) {
                    {{ actor.displayName }}<span class="muted">{{ 'common.paren' | t: { text: (roleLabel(actor.role) | t) } }}</span>
                    @if (actor.onBehalfOf; as principal) {
                      <span data-testid="card-on-behalf-of">{{ 'card.onBehalfOf' | t: { name: principal.displayName } }}</span>
                    }
                  } @else {
                    {{ 'card.system' | t }}
                  }
                </span>
                <span class="entry-change">
                  @if (subject(entry.after); as s) {
                    <span class="entry-subject">{{ s }}</span>
                  }
                  @if (entry.before) {
                    {{ stateLabel(entry.before) | t }} →
                  }
                  <strong>{{ stateLabel(entry.after) | t }}</strong>
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
      }
    </section>
  `,
})
export class TrackingCardComponent {
  private readonly api = inject(ApiService);
  private readonly i18n = inject(I18nService);
  private readonly format = inject(HubFormat);

  readonly projectId = input.required<string>();
  /** In seq order, without holes (the page guarantees it). */
  readonly entries = input.required<CardEntry[]>();
  readonly departments = input.required<ReadonlyMap<string, Department>>();

  protected readonly kinds = CARD_KINDS;
  protected readonly kindKey = (k: CardKind) => `card.kind.${k}` as const;
  protected readonly kind = signal<CardKind | null>(null);
  protected readonly newestFirst = signal(false);
  protected readonly shown = computed(() => cardView(this.entries(), this.kind(), this.newestFirst()));

  protected readonly verification = signal<CardVerification | null>(null);
  protected readonly verifyError = signal<string | null>(null);
  protected readonly verifying = signal(false);

  protected pickKind(value: string): void {
    this.kind.set((CARD_KINDS as readonly string[]).includes(value) ? (value as CardKind) : null);
  }

  /** The step in words; a deemed consent names its cause in the title (timeout, or absence from which meeting). */
  protected title(entry: CardEntry): string {
    const action = this.i18n.t(cardActionKey(entry.action));
    const cause = entry.detail?.['cause'];
    if (entry.action !== 'item.deemed_consent' || !cause || !(cause in CAUSES)) return action;
    const meeting = entry.detail?.['meeting'];
    const why = this.i18n.t(CAUSES[cause]!) + (meeting && cause.endsWith('_absence') ? `「${meeting}」` : '');
    return this.i18n.t('card.titleWithCause', { action, cause: why });
  }
  protected roleLabel(role: Parameters<typeof roleKey>[0]) {
    return roleKey(role);
  }
  protected stateLabel(state: CardState): TranslationKey {
    switch (state.kind) {
      case 'project':
        return projectStatusKey(state.project.status);
      case 'item':
        return itemStatusKey(state.item.status);
      case 'meeting':
        return meetingStatusKey(state.meeting.status);
    }
  }

  /** An item step names its department, a meeting step its kind and title, so the card reads on its own. */
  protected subject(state: CardState): string | null {
    if (state.kind === 'meeting') return `${this.i18n.t(meetingKindKey(state.meeting.kind))}「${state.meeting.title}」`;
    if (state.kind !== 'item') return null;
    const dept = this.departments().get(state.item.departmentId);
    return dept ? this.i18n.name(dept) : null;
  }

  protected details(entry: CardEntry): { key: string; label: string; value: string }[] {
    return Object.entries(entry.detail ?? {})
      .filter(([key]) => key in DETAIL_LABELS)
      .map(([key, value]) => ({ key, label: this.i18n.t(DETAIL_LABELS[key]!), value: this.detailValue(key, value) }));
  }

  /** Known facts read as words; anything else is shown exactly as recorded. */
  private detailValue(key: string, value: string): string {
    switch (key) {
      case 'cause':
        return value in CAUSES ? this.i18n.t(CAUSES[value]) : value;
      case 'dueAt':
      case 'previousDueAt':
      case 'fromDueAt':
      case 'toDueAt':
        return this.format.due(value) || value;
      case 'startsAt':
      case 'endsAt':
        return this.format.due(value) || value;
      case 'procedure': {
        const kind = CLOCK_STOPPING_PROCEDURES.find((k) => k === value);
        return kind ? this.i18n.t(procedureKey(kind)) : value;
      }
      case 'phase':
        return value === 'started'
          ? this.i18n.t('procedure.phase.started')
          : value === 'ended'
            ? this.i18n.t('procedure.phase.ended')
            : value;
      case 'provisional':
        return this.i18n.t(value === 'true' ? 'countdown.provisional' : 'card.detail.published');
      case 'calendarChange':
        return isConfigurationAction(value) ? this.i18n.t(configurationActionKey(value)) : value;
      case 'department':
        return this.departmentName(value);
      case 'absences':
        return recordedPairs(value)
          .map(
            ([dept, outcome]) =>
              this.departmentName(dept) +
              this.i18n.t('common.paren', { text: isCloseOutcome(outcome) ? this.i18n.t(closeOutcomeKey(outcome)) : outcome }),
          )
          .join('、');
      case 'lateExcused':
        return recordedPairs(value)
          .map(([dept, reason]) => this.i18n.t('common.labelValue', { label: this.departmentName(dept), value: reason }))
          .join('；');
      case 'noticeNumbers':
        return value.split(',').filter(Boolean).join('、');
      case 'opinion':
        return (OPINION_KINDS as readonly string[]).includes(value)
          ? this.i18n.t(opinionKey(value as (typeof OPINION_KINDS)[number]))
          : value;
      case 'delayCause':
        return (DELAY_CAUSES as readonly string[]).includes(value)
          ? this.i18n.t(delayCauseKey(value as (typeof DELAY_CAUSES)[number]))
          : value;
      case 'ruling':
        return value === 'accepted' ? this.i18n.t('items.ruleAccept') : value === 'rejected' ? this.i18n.t('items.ruleReject') : value;
      case 'lateMs': {
        const ms = Number(value);
        return Number.isFinite(ms) ? this.i18n.t('card.detail.seconds', { s: (ms / 1000).toFixed(1) }) : value;
      }
      default:
        return value;
    }
  }

  private departmentName(id: string): string {
    const dept = this.departments().get(id);
    return dept ? this.i18n.name(dept) : this.i18n.t('card.unknownDepartment');
  }

  protected async verify(): Promise<void> {
    this.verifying.set(true);
    this.verifyError.set(null);
    this.verification.set(null);
    try {
      this.verification.set(await firstValueFrom(this.api.verifyCard(this.projectId())));
    } catch (e) {
      this.verifyError.set(readProblem(e, this.i18n).message ?? this.i18n.t('common.networkError'));
    } finally {
      this.verifying.set(false);
    }
  }
}
