import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { firstValueFrom, type Observable } from 'rxjs';
import {
  DISPOSITION_KINDS,
  DISPOSITION_TARGET,
  followUpErrors,
  inquiryCanBecome,
  isInquiryClosed,
  mayActOnInquiry,
  SATISFACTION_LEVELS,
  type InquiryDetail,
  type InquiryHistoryEntry,
  type InquiryView,
  type Satisfaction,
} from '@hub/shared';
import { readProblem } from '../core/api/problem';
import { DepartmentsStore } from '../core/departments/departments.store';
import { HubDuePipe, HubTimePipe } from '../core/format/format.pipes';
import { I18nService, TranslatePipe, roleKey } from '../core/i18n';
import { LiveBoardService } from '../core/live/live-board.service';
import { SessionStore } from '../core/session/session.store';
import {
  DispositionFieldsComponent,
  dispositionForm,
  dispositionProblems,
  dispositionRequest,
  fieldMessages,
  type DispositionChoice,
} from './disposition-fields.component';
import { InquiriesApi } from './inquiries-api.service';
import { InquiryDeskStore, partiesOf } from './inquiry-desk.store';
import { InquiryHistoryComponent } from './inquiry-history.component';
import { channelKey, historyActionKey, inquirerKindKey, inquiryStatusKey, matterKey, satisfactionKey } from './inquiry-labels';
import { LoadStateComponent, loadingSourceOf } from '../ui/load-state';

type LoadState = 'loading' | 'loaded' | 'not_found' | 'error';

/**
 * One inquiry (R23, R24): what was asked and by whom, who answers for it, its disposition, and the
 * steps this user may take now — as the shared rules say (who: inquiry authority; when: the state
 * machine) — with its history, all kept current from the live pushes.
 */
@Component({
  selector: 'hub-inquiry-detail-page',
  imports: [
    RouterLink,
    ReactiveFormsModule,
    TranslatePipe,
    HubTimePipe,
    HubDuePipe,
    DispositionFieldsComponent,
    InquiryHistoryComponent,
    LoadStateComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './inquiry-detail.page.html',
  styleUrl: './inquiries.css',
})
export class InquiryDetailPage {
  private readonly api = inject(InquiriesApi);
  private readonly live = inject(LiveBoardService);
  private readonly session = inject(SessionStore);
  private readonly router = inject(Router);
  private readonly fb = inject(NonNullableFormBuilder);
  protected readonly desk = inject(InquiryDeskStore);
  protected readonly departments = inject(DepartmentsStore);
  protected readonly i18n = inject(I18nService);

  /** Route parameter :id. */
  readonly id = input.required<string>();

  protected readonly state = signal<LoadState>('loading');
  protected readonly loading = loadingSourceOf(this.state, signal(null), () => this.load(this.id()));
  protected readonly inquiry = signal<InquiryView | null>(null);
  protected readonly history = signal<InquiryHistoryEntry[]>([]);
  protected readonly busy = signal(false);
  protected readonly message = signal<string | null>(null);
  /** Read out when someone else changes this inquiry. */
  protected readonly announcement = signal('');

  protected readonly dispositionGroup = dispositionForm(this.fb, 'answer');
  protected readonly dispositionMessages = signal<Record<string, string>>({});
  protected readonly reminder = this.fb.group({ note: [''] });
  protected readonly followUp = this.fb.group({ satisfaction: this.fb.control<Satisfaction>('satisfied'), comment: [''] });
  protected readonly followUpMessage = signal<string | null>(null);
  protected readonly satisfactionLevels = SATISFACTION_LEVELS;

  protected readonly overdue = computed(() => {
    const inquiry = this.inquiry();
    return inquiry !== null && this.desk.isOverdue(inquiry);
  });

  private readonly may = computed(() => {
    const inquiry = this.inquiry();
    const user = this.session.user();
    return (action: Parameters<typeof mayActOnInquiry>[2]) =>
      inquiry !== null && user !== null && mayActOnInquiry(user, partiesOf(inquiry), action);
  });
  /** R23: the dispositions this user may record in this state (a promise only once). */
  protected readonly choices = computed<DispositionChoice[]>(() => {
    const inquiry = this.inquiry();
    if (!inquiry) return [];
    return DISPOSITION_KINDS.filter(
      (kind) => this.may()(kind) && inquiryCanBecome(inquiry.status, DISPOSITION_TARGET[kind]) && !(kind === 'promise' && inquiry.promise),
    );
  });
  protected readonly canAcknowledge = computed(() => this.may()('acknowledge') && this.inquiry()?.status === 'transferred');
  protected readonly canRemind = computed(() => this.may()('remind') && !isInquiryClosed(this.inquiry()?.status ?? 'answered'));
  protected readonly canFollowUp = computed(() => {
    const inquiry = this.inquiry();
    return this.may()('follow_up') && inquiry !== null && isInquiryClosed(inquiry.status) && inquiry.followUp === null;
  });
  protected readonly canBecomeProject = computed(
    () => this.may()('link_project') && this.session.can('project.register') && !this.inquiry()?.project,
  );

  protected readonly channelKey = channelKey;
  protected readonly inquirerKindKey = inquirerKindKey;
  protected readonly matterKey = matterKey;
  protected readonly statusKey = inquiryStatusKey;
  protected readonly satisfactionKey = satisfactionKey;
  protected readonly roleKey = roleKey;

  private loadingId: string | null = null;

  constructor() {
    this.departments.load().catch(() => undefined);
    effect(() => {
      const id = this.id();
      untracked(() => void this.load(id));
    });
    // The choice on offer follows the state: keep it valid when the state moves on.
    effect(() => {
      const choices = this.choices();
      const control = this.dispositionGroup.controls.choice;
      if (choices.length > 0 && !choices.includes(control.value)) control.setValue(choices[0]!);
    });
    this.live.inquiryChanges$.pipe(takeUntilDestroyed()).subscribe((event) => {
      if (event.inquiry.id !== this.id()) return;
      this.inquiry.set(event.inquiry);
      this.merge([event.entry]);
      if (event.entry.actor?.id !== this.session.user()?.id) {
        this.announcement.set(`${event.inquiry.number} ${this.i18n.t(historyActionKey(event.entry.action))}`);
      }
    });
  }

  protected async load(id: string): Promise<void> {
    this.loadingId = id;
    if (this.inquiry()?.id !== id) this.state.set('loading');
    try {
      const detail = await firstValueFrom(this.api.detail(id));
      if (this.loadingId !== id) return;
      this.show(detail);
      this.state.set('loaded');
    } catch (e) {
      if (this.loadingId !== id) return;
      const status = readProblem(e, this.i18n).status;
      this.state.set(status === 404 || status === 403 ? 'not_found' : 'error');
    } finally {
      if (this.loadingId === id) this.loadingId = null;
    }
  }

  protected handlerName(inquiry: InquiryView): string {
    const handler = inquiry.handler;
    if (!handler) return '';
    const department = handler.departmentId ? this.departments.byId().get(handler.departmentId) : undefined;
    const departmentName = department ? this.i18n.name(department) : '';
    return handler.displayName ? (departmentName ? `${handler.displayName}（${departmentName}）` : handler.displayName) : departmentName;
  }

  protected async dispose(): Promise<void> {
    const request = dispositionRequest(this.dispositionGroup.getRawValue());
    this.dispositionMessages.set(dispositionProblems(request, this.i18n));
    if (!request || Object.keys(this.dispositionMessages()).length > 0) return;
    await this.act(
      (id) => this.api.dispose(id, request),
      (fields, messages) => this.dispositionMessages.set(fieldMessages(fields, this.i18n, messages)),
    );
    this.dispositionGroup.patchValue({ answer: '', note: '', target: '', referredTo: '', referredContact: '' });
  }

  protected acknowledge(): Promise<void> {
    return this.act((id) => this.api.acknowledge(id));
  }

  protected async remind(): Promise<void> {
    const note = this.reminder.getRawValue().note.trim();
    if (!note) {
      this.message.set(this.i18n.t('inquiry.detail.remindRequired'));
      return;
    }
    await this.act((id) => this.api.remind(id, note));
    this.reminder.reset();
  }

  protected async recordFollowUp(): Promise<void> {
    const { satisfaction, comment } = this.followUp.getRawValue();
    const request = { satisfaction, ...(comment.trim() ? { comment: comment.trim() } : {}) };
    this.followUpMessage.set(followUpErrors(request).length > 0 ? this.i18n.t('inquiry.detail.commentRequired') : null);
    if (this.followUpMessage()) return;
    await this.act((id) => this.api.followUp(id, request));
  }

  /** One step: the server decides, the page shows the result (or why not) and reloads its history. */
  private async act(
    call: (id: string) => Observable<InquiryView>,
    onFields?: (fields: string[], messages: Record<string, string>) => void,
  ): Promise<void> {
    if (this.busy()) return;
    const id = this.id();
    this.busy.set(true);
    this.message.set(null);
    try {
      const after = await firstValueFrom(call(id));
      this.desk.upsert(after);
      this.inquiry.set(after);
      // The step may have taken this inquiry out of this user's hands (e.g. passed on by a liaison).
      await this.load(id);
      if (this.state() === 'not_found') await this.router.navigate(['/inquiries']);
    } catch (e) {
      const problem = readProblem(e, this.i18n);
      const fields = Object.keys(problem.fields);
      if (fields.length > 0 && onFields) onFields(fields, problem.fields);
      this.message.set(problem.status === 403 ? this.i18n.t('common.forbidden') : (problem.message ?? this.i18n.t('common.networkError')));
      if (problem.status === 409) await this.load(id); // someone else moved it on meanwhile
    } finally {
      this.busy.set(false);
    }
  }

  private show(detail: InquiryDetail): void {
    const { history, ...inquiry } = detail;
    this.inquiry.set(inquiry);
    this.history.set([]);
    this.merge(history);
  }

  /** History entries by seq, each once; a hole means a push was missed: reload. */
  private merge(incoming: InquiryHistoryEntry[]): void {
    const bySeq = new Map(this.history().map((e) => [e.seq, e]));
    for (const entry of incoming) bySeq.set(entry.seq, entry);
    const merged = [...bySeq.values()].sort((a, b) => a.seq - b.seq);
    this.history.set(merged);
    if (merged.some((e, index) => e.seq !== index + 1) && this.loadingId === null) void this.load(this.id());
  }
}
