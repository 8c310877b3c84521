import { ChangeDetectionStrategy, Component, computed, inject, input, output, signal } from '@angular/core';
import { Router } from '@angular/router';
import { firstValueFrom, type Observable } from 'rxjs';
import { civilDateOf, NOTICE_TITLES, type IssuedReceipt, type NoticeSummary, type ProjectView } from '@hub/shared';
import { readProblem } from '../core/api/problem';
import { CalendarStore } from '../core/calendar/calendar.store';
import { HubTimePipe } from '../core/format/format.pipes';
import { I18nService, TranslatePipe } from '../core/i18n';
import { HubClock } from '../core/live/hub-clock.service';
import { SessionStore } from '../core/session/session.store';
import { PaperTrailApi, pdfUrl } from './paper-trail.api';
import { ReceiptFormComponent } from './receipt-form.component';

type Form = 'none' | 'otn' | 'receipt' | { pickup: string };

/**
 * R17: every numbered document of the project — view and print, download as PDF — and the
 * window's issuing: the one-time notification (R7), receipts and pickups (R9), and a new access
 * code for an applicant who lost theirs (R1).
 */
@Component({
  selector: 'hub-project-documents',
  imports: [TranslatePipe, HubTimePipe, ReceiptFormComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section aria-labelledby="documents-title" data-testid="documents">
      <div class="section-head">
        <h2 id="documents-title">{{ 'documents.title' | t }}</h2>
        @if (canIssue()) {
          <div class="document-actions">
            <button
              type="button"
              class="button-secondary"
              data-testid="otn-open"
              [attr.aria-expanded]="form() === 'otn'"
              (click)="toggle('otn')"
            >
              {{ 'documents.issueOtn' | t }}
            </button>
            <button
              type="button"
              class="button-secondary"
              data-testid="receipt-open"
              [attr.aria-expanded]="form() === 'receipt'"
              (click)="toggle('receipt')"
            >
              {{ 'documents.issueReceipt' | t }}
            </button>
            <button type="button" class="button-quiet" data-testid="access-code-reissue" (click)="reissueAccessCode()">
              {{ 'documents.reissueCode' | t }}
            </button>
          </div>
        }
      </div>
      <div aria-live="polite">
        @if (message(); as m) {
          <p class="alert alert-error" role="alert" data-testid="documents-error">{{ m }}</p>
        }
        @if (newCode(); as code) {
          <p class="alert" role="status" data-testid="access-code-new">
            {{ 'documents.newCode' | t: { project: project().code, code: code } }}
          </p>
        }
      </div>

      @if (form() === 'otn') {
        <form class="otn-form" (submit)="issueOtn($event)" novalidate data-testid="otn-form">
          <p class="field-hint">{{ 'documents.otnHint' | t }}</p>
          <div class="field">
            <label for="otn-fees">{{ 'documents.fees' | t }}</label>
            <textarea
              id="otn-fees"
              rows="2"
              data-testid="otn-fees"
              [value]="fees()"
              (input)="fees.set(value($event))"
              [attr.aria-invalid]="feesError() ? true : null"
            ></textarea>
            @if (feesError(); as e) {
              <p class="field-error" data-testid="field-error" data-field="fees">{{ e }}</p>
            }
          </div>
          <div class="field">
            <label for="otn-notes">{{ 'documents.notes' | t }}</label>
            <textarea id="otn-notes" rows="2" data-testid="otn-notes" [value]="notes()" (input)="notes.set(value($event))"></textarea>
          </div>
          <div class="form-actions">
            <button type="submit" class="button-primary" data-testid="otn-submit" [disabled]="busy()">
              {{ 'documents.issueOtn' | t }}
            </button>
          </div>
        </form>
      } @else if (form() === 'receipt') {
        <hub-receipt-form [project]="project()" (issued)="onReceipt($event)" (cancelled)="form.set('none')" />
      }

      @if (notices().length === 0) {
        <p class="muted">{{ 'documents.none' | t }}</p>
      } @else {
        <div class="table-scroll">
          <table class="documents-table">
            <caption class="visually-hidden">
              {{
                'documents.caption' | t
              }}
            </caption>
            <thead>
              <tr>
                <th scope="col">{{ 'documents.kind' | t }}</th>
                <th scope="col">{{ 'documents.number' | t }}</th>
                <th scope="col">{{ 'documents.issuedAt' | t }}</th>
                <th scope="col">{{ 'items.actions' | t }}</th>
              </tr>
            </thead>
            <tbody>
              @for (n of notices(); track n.id) {
                <tr [attr.data-testid]="'document-' + n.number" [attr.data-kind]="n.kind">
                  <td>
                    {{ titles[n.kind] }}
                    @if (n.corrects; as c) {
                      <div class="small muted">{{ 'documents.corrects' | t: { number: c.number } }}</div>
                    }
                  </td>
                  <th scope="row" class="notice-number">{{ n.number }}</th>
                  <td>{{ n.issuedAt | hubTime }}</td>
                  <td class="actions">
                    <a [href]="'/documents/' + n.id" (click)="open($event, n.id)" [attr.data-testid]="'document-open-' + n.number">{{
                      'documents.view' | t
                    }}</a>
                    <a [href]="pdf(n.id)" download [attr.data-testid]="'document-pdf-' + n.number">{{ 'doc.pdf' | t }}</a>
                    @if (n.kind === 'receipt' && canPickup()) {
                      <button
                        type="button"
                        class="button-link"
                        [attr.data-testid]="'pickup-open-' + n.number"
                        (click)="toggle({ pickup: n.id })"
                      >
                        {{ 'documents.pickup' | t }}
                      </button>
                    }
                  </td>
                </tr>
                @if (pickupFor() === n.id) {
                  <tr>
                    <td colspan="4">
                      <form class="pickup-form" (submit)="recordPickup($event, n)" novalidate data-testid="pickup-form">
                        <div class="field">
                          <label for="pickup-date">{{ 'pickup.date' | t }}</label>
                          <input
                            id="pickup-date"
                            type="date"
                            data-testid="pickup-date"
                            [value]="pickupDate()"
                            (input)="pickupDate.set(value($event))"
                          />
                        </div>
                        <div class="field">
                          <label for="pickup-name">{{ 'pickup.picker' | t }}</label>
                          <input
                            id="pickup-name"
                            data-testid="pickup-name"
                            [value]="pickerName()"
                            (input)="pickerName.set(value($event))"
                          />
                        </div>
                        <div class="field">
                          <label for="pickup-reason">{{ 'pickup.lateReason' | t }}</label>
                          <input
                            id="pickup-reason"
                            data-testid="pickup-reason"
                            [value]="lateReason()"
                            (input)="lateReason.set(value($event))"
                            aria-describedby="pickup-reason-hint"
                          />
                          <p class="field-hint" id="pickup-reason-hint">{{ 'pickup.lateHint' | t }}</p>
                          @if (pickupErrors()['lateReason']; as e) {
                            <p class="field-error" data-testid="field-error" data-field="lateReason">{{ e }}</p>
                          }
                        </div>
                        <button type="submit" class="button-primary" data-testid="pickup-submit" [disabled]="busy()">
                          {{ 'pickup.submit' | t }}
                        </button>
                      </form>
                    </td>
                  </tr>
                }
              }
            </tbody>
          </table>
        </div>
      }
    </section>
  `,
  styles: `
    .document-actions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
    }
    .actions {
      display: flex;
      gap: 0.75rem;
      flex-wrap: wrap;
    }
    .pickup-form {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem 1rem;
      align-items: flex-end;
    }
  `,
})
export class ProjectDocumentsComponent {
  private readonly api = inject(PaperTrailApi);
  private readonly session = inject(SessionStore);
  private readonly router = inject(Router);
  private readonly calendar = inject(CalendarStore);
  private readonly clock = inject(HubClock);
  private readonly i18n = inject(I18nService);

  readonly project = input.required<ProjectView>();
  readonly notices = input.required<NoticeSummary[]>();
  readonly changed = output<void>();

  protected readonly titles = NOTICE_TITLES;
  protected readonly form = signal<Form>('none');
  protected readonly busy = signal(false);
  protected readonly message = signal<string | null>(null);
  protected readonly newCode = signal<string | null>(null);
  protected readonly fees = signal('');
  protected readonly notes = signal('');
  protected readonly feesError = signal<string | null>(null);
  protected readonly pickupDate = signal('');
  protected readonly pickerName = signal('');
  protected readonly lateReason = signal('');
  protected readonly pickupErrors = signal<Record<string, string>>({});

  protected readonly canIssue = computed(() => this.session.can('notice.issue'));
  protected readonly canPickup = computed(() => this.session.can('pickup.record'));
  protected readonly pickupFor = computed(() => {
    const form = this.form();
    return typeof form === 'object' ? form.pickup : null;
  });

  protected value(event: Event): string {
    return (event.target as HTMLInputElement | HTMLTextAreaElement).value;
  }
  protected pdf(id: string): string {
    return pdfUrl(id);
  }

  protected toggle(form: Form): void {
    const same = typeof form === 'object' ? this.pickupFor() === form.pickup : this.form() === form;
    this.form.set(same ? 'none' : form);
    this.message.set(null);
    if (typeof form === 'object') {
      this.pickupDate.set(civilDateOf(new Date(this.clock.now()), this.calendar.settings().timeZone));
      this.pickerName.set(this.project().owner.contactName);
      this.lateReason.set('');
      this.pickupErrors.set({});
    }
  }

  protected open(event: Event, id: string): void {
    event.preventDefault();
    void this.router.navigate(['/documents', id]);
  }

  protected async issueOtn(event: Event): Promise<void> {
    event.preventDefault();
    if (!this.fees().trim()) {
      this.feesError.set(this.i18n.t('common.required'));
      return;
    }
    this.feesError.set(null);
    const notes = this.notes().trim();
    const issued = await this.call(
      this.api.issueOneTimeNotification(this.project().id, { fees: this.fees().trim(), ...(notes ? { notes } : {}) }),
    );
    if (issued) void this.router.navigate(['/documents', issued.id]);
  }

  /** R1: the access code travels to the printable receipt in navigation state only, never in a URL. */
  protected onReceipt(receipt: IssuedReceipt): void {
    this.changed.emit();
    void this.router.navigate(['/documents', receipt.notice.id], { state: receipt.accessCode ? { accessCode: receipt.accessCode } : {} });
  }

  protected async recordPickup(event: Event, receipt: NoticeSummary): Promise<void> {
    event.preventDefault();
    const reason = this.lateReason().trim();
    const issued = await this.call(
      this.api.recordPickup(receipt.id, {
        pickedUpOn: this.pickupDate(),
        pickerName: this.pickerName().trim(),
        ...(reason ? { lateReason: reason } : {}),
      }),
      (fields) => this.pickupErrors.set(fields),
    );
    if (issued) void this.router.navigate(['/documents', issued.id]);
  }

  protected async reissueAccessCode(): Promise<void> {
    const issued = await this.call(this.api.reissueAccessCode(this.project().id));
    if (issued) this.newCode.set(issued.accessCode);
  }

  private async call<T>(request: Observable<T>, onFields?: (fields: Record<string, string>) => void): Promise<T | null> {
    this.busy.set(true);
    this.message.set(null);
    try {
      const result = await firstValueFrom(request);
      this.changed.emit();
      return result;
    } catch (e) {
      const problem = readProblem(e, this.i18n);
      onFields?.(problem.fields);
      this.message.set(problem.message ?? this.i18n.t('common.networkError'));
      return null;
    } finally {
      this.busy.set(false);
    }
  }
}
