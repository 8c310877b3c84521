import { ChangeDetectionStrategy, Component, computed, inject, input, output, signal, type OnInit } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import {
  addWorkingDays,
  civilDateOf,
  receiptProblems,
  SPECIAL_PROCEDURES,
  type ApplicantType,
  type IssuedReceipt,
  type IssueReceiptRequest,
  type ProjectView,
  type SpecialProcedure,
} from '@hub/shared';
import { readProblem } from '../core/api/problem';
import { CalendarStore } from '../core/calendar/calendar.store';
import { I18nService, TranslatePipe, type TranslationKey } from '../core/i18n';
import { HubClock } from '../core/live/hub-clock.service';
import { PaperTrailApi } from './paper-trail.api';

type TextField =
  | 'name'
  | 'occupation'
  | 'legalRepresentative'
  | 'address'
  | 'phone'
  | 'receivedOn'
  | 'acceptedOn'
  | 'notAcceptedReason'
  | 'promisedCompletionOn'
  | 'applicantSignatory';

const procedureKey = (p: SpecialProcedure) => `receipt.procedure.${p}` as const;

/**
 * R9: the receipt (收件回执) with every field the rules name. The materials received and to
 * supplement are taken from the checklist as it stands; the server numbers it, and on the
 * project's first receipt returns the applicant's access code, shown once (R1).
 */
@Component({
  selector: 'hub-receipt-form',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form class="receipt-form" (submit)="submit($event)" novalidate data-testid="receipt-form" [attr.aria-label]="'receipt.title' | t">
      @if (message(); as m) {
        <p class="alert alert-error" role="alert">{{ m }}</p>
      }
      <fieldset>
        <legend>{{ 'receipt.applicant' | t }}</legend>
        <div class="checks" role="radiogroup" [attr.aria-label]="'receipt.applicantType' | t">
          @for (type of types; track type) {
            <label class="check">
              <input
                type="radio"
                name="applicant-type"
                [value]="type"
                [checked]="applicantType() === type"
                (change)="applicantType.set(type)"
                [attr.data-testid]="'receipt-type-' + type"
              />
              {{ typeKey(type) | t }}
            </label>
          }
        </div>
        <div class="field-row">
          @for (f of applicantFields(); track f.field) {
            <div class="field">
              <label [for]="'receipt-' + f.field">{{ f.label | t }}</label>
              <input
                [id]="'receipt-' + f.field"
                [attr.data-testid]="'receipt-' + f.field"
                [value]="text()[f.field]"
                (input)="set(f.field, $event)"
                [attr.aria-invalid]="error(f.path) ? true : null"
                [attr.aria-describedby]="error(f.path) ? 'receipt-' + f.field + '-error' : null"
              />
              @if (error(f.path); as e) {
                <p class="field-error" [id]="'receipt-' + f.field + '-error'" data-testid="field-error" [attr.data-field]="f.path">
                  {{ e }}
                </p>
              }
            </div>
          }
        </div>
      </fieldset>
      <div class="field-row">
        @for (f of dateFields; track f.field) {
          <div class="field">
            <label [for]="'receipt-' + f.field">{{ f.label | t }}</label>
            <input
              type="date"
              [id]="'receipt-' + f.field"
              [attr.data-testid]="'receipt-' + f.field"
              [value]="text()[f.field]"
              (input)="set(f.field, $event)"
              [attr.aria-invalid]="error(f.field) ? true : null"
            />
            @if (f.field === 'acceptedOn') {
              <p class="field-hint">{{ 'receipt.acceptedOnHint' | t }}</p>
            }
            @if (error(f.field); as e) {
              <p class="field-error" data-testid="field-error" [attr.data-field]="f.field">{{ e }}</p>
            }
          </div>
        }
      </div>
      <div class="field">
        <label for="receipt-notAcceptedReason">{{ 'receipt.notAcceptedReason' | t }}</label>
        <input
          id="receipt-notAcceptedReason"
          data-testid="receipt-notAcceptedReason"
          [value]="text().notAcceptedReason"
          (input)="set('notAcceptedReason', $event)"
          [attr.aria-invalid]="error('notAcceptedReason') ? true : null"
        />
        @if (error('notAcceptedReason'); as e) {
          <p class="field-error" data-testid="field-error" data-field="notAcceptedReason">{{ e }}</p>
        }
      </div>
      <fieldset>
        <legend>{{ 'receipt.procedures' | t }}</legend>
        <div class="procedures">
          @for (p of procedures; track p) {
            <label class="procedure">
              {{ procedureKey(p) | t }}
              <input
                type="number"
                min="0"
                max="365"
                [value]="days().get(p) ?? 0"
                (input)="setDays(p, $event)"
                [attr.data-testid]="'receipt-procedure-' + p"
              />
              {{ 'receipt.workingDays' | t }}
            </label>
          }
        </div>
      </fieldset>
      <div class="field">
        <label for="receipt-applicantSignatory">{{ 'receipt.signatory' | t }}</label>
        <input
          id="receipt-applicantSignatory"
          data-testid="receipt-applicantSignatory"
          [value]="text().applicantSignatory"
          (input)="set('applicantSignatory', $event)"
        />
        @if (error('applicantSignatory'); as e) {
          <p class="field-error" data-testid="field-error" data-field="applicantSignatory">{{ e }}</p>
        }
      </div>
      <div class="form-actions">
        <button type="submit" class="button-primary" data-testid="receipt-submit" [disabled]="busy()">{{ 'receipt.submit' | t }}</button>
        <button type="button" class="button-quiet" (click)="cancelled.emit()">{{ 'common.cancel' | t }}</button>
      </div>
    </form>
  `,
  styles: `
    .procedures {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem 1.25rem;
    }
    .procedure input {
      width: 4.5rem;
    }
  `,
})
export class ReceiptFormComponent implements OnInit {
  private readonly api = inject(PaperTrailApi);
  private readonly calendar = inject(CalendarStore);
  private readonly clock = inject(HubClock);
  private readonly i18n = inject(I18nService);

  readonly project = input.required<ProjectView>();
  readonly issued = output<IssuedReceipt>();
  readonly cancelled = output<void>();

  protected readonly types: ApplicantType[] = ['organisation', 'person'];
  protected readonly procedures = SPECIAL_PROCEDURES;
  protected readonly procedureKey = procedureKey;
  protected readonly dateFields: { field: TextField; label: TranslationKey }[] = [
    { field: 'receivedOn', label: 'receipt.receivedOn' },
    { field: 'acceptedOn', label: 'receipt.acceptedOn' },
    { field: 'promisedCompletionOn', label: 'receipt.promisedCompletionOn' },
  ];

  protected readonly applicantType = signal<ApplicantType>('organisation');
  protected readonly text = signal<Record<TextField, string>>({
    name: '',
    occupation: '',
    legalRepresentative: '',
    address: '',
    phone: '',
    receivedOn: '',
    acceptedOn: '',
    notAcceptedReason: '',
    promisedCompletionOn: '',
    applicantSignatory: '',
  });
  protected readonly days = signal<ReadonlyMap<SpecialProcedure, number>>(new Map());
  protected readonly busy = signal(false);
  protected readonly message = signal<string | null>(null);
  private readonly fieldErrors = signal<Record<string, string>>({});

  protected readonly applicantFields = computed<{ field: TextField; path: string; label: TranslationKey }[]>(() => [
    { field: 'name', path: 'applicant.name', label: this.applicantType() === 'organisation' ? 'receipt.orgName' : 'receipt.personName' },
    this.applicantType() === 'organisation'
      ? { field: 'legalRepresentative', path: 'applicant.legalRepresentative', label: 'receipt.legalRep' }
      : { field: 'occupation', path: 'applicant.occupation', label: 'receipt.occupation' },
    { field: 'address', path: 'applicant.address', label: 'receipt.address' },
    { field: 'phone', path: 'applicant.phone', label: 'receipt.phone' },
  ]);

  ngOnInit(): void {
    this.text.set(this.defaults()); // inputs are set by now
  }

  protected typeKey(type: ApplicantType) {
    return `receipt.type.${type}` as const;
  }

  protected error(field: string): string | null {
    return this.fieldErrors()[field] ?? null;
  }

  protected set(field: TextField, event: Event): void {
    const value = (event.target as HTMLInputElement).value;
    this.text.update((t) => ({ ...t, [field]: value }));
  }

  protected setDays(procedure: SpecialProcedure, event: Event): void {
    const n = Number((event.target as HTMLInputElement).value);
    this.days.update((m) => new Map(m).set(procedure, Number.isInteger(n) && n > 0 ? n : 0));
  }

  protected async submit(event: Event): Promise<void> {
    event.preventDefault();
    const request = this.request();
    // R9: the same rules the server applies, before anything leaves the browser.
    const problems = receiptProblems(request);
    const required = (['name', 'address', 'phone', 'applicantSignatory'] as const).filter((f) => !this.text()[f].trim());
    const errors = Object.fromEntries([
      ...problems.map((p) => [p.field, this.i18n.t(`problem.${p.code}`)]),
      ...required.map((f) => [f === 'applicantSignatory' ? f : `applicant.${f}`, this.i18n.t('common.required')]),
    ]);
    this.fieldErrors.set(errors);
    if (Object.keys(errors).length > 0) {
      this.message.set(this.i18n.t('common.fixFields'));
      return;
    }
    this.busy.set(true);
    this.message.set(null);
    try {
      this.issued.emit(await firstValueFrom(this.api.issueReceipt(this.project().id, request)));
    } catch (e) {
      const problem = readProblem(e, this.i18n);
      this.fieldErrors.set(problem.fields);
      this.message.set(problem.message ?? this.i18n.t('common.networkError'));
    } finally {
      this.busy.set(false);
    }
  }

  private request(): IssueReceiptRequest {
    const t = this.text();
    const organisation = this.applicantType() === 'organisation';
    return {
      applicant: {
        type: this.applicantType(),
        name: t.name.trim(),
        ...(organisation ? { legalRepresentative: t.legalRepresentative.trim() } : { occupation: t.occupation.trim() }),
        address: t.address.trim(),
        phone: t.phone.trim(),
      },
      receivedOn: t.receivedOn,
      acceptedOn: t.acceptedOn || null,
      ...(t.notAcceptedReason.trim() ? { notAcceptedReason: t.notAcceptedReason.trim() } : {}),
      promisedCompletionOn: t.promisedCompletionOn,
      specialProcedures: [...this.days()].filter(([, n]) => n > 0).map(([procedure, workingDays]) => ({ procedure, workingDays })),
      applicantSignatory: t.applicantSignatory.trim(),
    };
  }

  /** Today in the center's zone, accepted today, promised after the R10 working days; the owner's facts. */
  private defaults(): Record<TextField, string> {
    const settings = this.calendar.settings();
    const today = civilDateOf(new Date(this.clock.now()), settings.timeZone);
    const cal = this.calendar.calendar();
    const owner = () => this.project().owner;
    return {
      name: owner().name,
      occupation: '',
      legalRepresentative: owner().legalRepresentative,
      address: '',
      phone: owner().contactPhone,
      receivedOn: today,
      acceptedOn: today,
      notAcceptedReason: '',
      promisedCompletionOn: cal ? addWorkingDays(today, settings.workingDaysAllowed, cal) : today,
      applicantSignatory: owner().contactName,
    };
  }
}
