import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Injector,
  afterNextRender,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators, type AbstractControl, type ValidationErrors } from '@angular/forms';
import { Router } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import {
  AMOUNT_UNITS,
  CURRENCIES,
  EMAIL_PATTERN,
  NATIONAL_CODE_PATTERN,
  PHONE_PATTERN,
  amountFromUnit,
  isProblemCode,
  moneyAmountProblem,
  type ProblemCode,
  type AmountUnit,
  PROJECT_CATEGORIES,
  isMegaProject,
  type Currency,
  type ProjectCategory,
  type InquiryView,
  type RegisterProjectRequest,
} from '@hub/shared';
import { ApiService } from '../core/api/api.service';
import { HubFormat } from '../core/format/hub-format.service';
import { problemKey, readProblem } from '../core/api/problem';
import { I18nService, TranslatePipe, categoryKey } from '../core/i18n';
import { InquiriesApi } from '../inquiries/inquiries-api.service';
import { projectPrefill } from '../inquiries/inquiry-project-link';

/**
 * R3 intake at the window. Control paths mirror RegisterProjectRequest, so a
 * server validation error on "owner.name" lands next to the owner-name field.
 */
@Component({
  selector: 'hub-register-project-page',
  imports: [ReactiveFormsModule, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './register-project.page.html',
})
export class RegisterProjectPage {
  private readonly api = inject(ApiService);
  private readonly router = inject(Router);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly i18n = inject(I18nService);
  private readonly format = inject(HubFormat);
  private readonly fb = inject(NonNullableFormBuilder);
  private readonly injector = inject(Injector);
  private readonly inquiries = inject(InquiriesApi);

  /** ?fromInquiry=<id> (R23): the first-inquiry registration this project comes from; linked on success. */
  readonly fromInquiry = input<string>();
  protected readonly prefilledFrom = signal<InquiryView | null>(null);

  protected readonly categories = PROJECT_CATEGORIES;
  protected readonly currencies = CURRENCIES;
  protected readonly categoryKey = categoryKey;
  protected readonly currencyKey = (c: Currency) => `register.currency.${c}` as const;
  protected readonly units = AMOUNT_UNITS;
  protected readonly unitKey = (u: AmountUnit, c: Currency) => `register.unit.${u}.${c}` as const;

  protected readonly form = this.fb.group({
    name: ['', Validators.required],
    owner: this.fb.group({
      name: ['', Validators.required],
      legalRepresentative: ['', Validators.required],
      contactName: ['', Validators.required],
      contactPhone: ['', [Validators.required, Validators.pattern(PHONE_PATTERN)]],
      contactEmail: ['', Validators.pattern(EMAIL_PATTERN)],
    }),
    category: this.fb.control<ProjectCategory | ''>('', Validators.required),
    preconditions: this.fb.group({
      environmentalCompliance: [false],
      feesAndTaxesPaid: [false],
      safetyAndStability: [false],
    }),
    totalInvestment: this.fb.group({
      amount: ['', [Validators.required, typedAmount]],
      // R6: the center counts investment in 万元; the stored amount stays in whole currency units.
      unit: this.fb.control<AmountUnit>('wan'),
      currency: this.fb.control<Currency>('CNY'),
    }),
    reportToHigherAuthority: [false],
    // R4a: optional; the server checks the platform's format and that no other project has it.
    nationalCode: ['', Validators.pattern(NATIONAL_CODE_PATTERN)],
  });

  protected readonly submitted = signal(false);
  protected readonly busy = signal(false);
  /** Server messages per field path, dropped one by one as the user edits that field. */
  protected readonly serverErrors = signal<Record<string, string>>({});
  protected readonly formMessage = signal<string | null>(null);

  private readonly investment = toSignal(this.form.controls.totalInvestment.valueChanges, {
    initialValue: this.form.controls.totalInvestment.getRawValue(),
  });
  /** The amount as it will be stored (whole currency units), or null while it is not a valid amount. */
  private readonly storedAmount = computed(() => {
    const { amount = '', unit = 'wan' } = this.investment();
    return amountRefusal(amount, unit) === null ? amountFromUnit(amount, unit) : null;
  });
  /** R6, live as the amount is typed; the same rule the server applies. */
  protected readonly mega = computed(() => {
    const amount = this.storedAmount();
    return amount !== null && isMegaProject({ amount, currency: this.investment().currency ?? 'CNY' });
  });

  /** The amount echoed as the center reads it (万元 / 亿元) and as it is stored, while it is typed. */
  protected readonly amountInUnits = computed(() => {
    const amount = this.storedAmount();
    if (amount === null) return null;
    const currency = this.investment().currency ?? 'CNY';
    return { told: this.format.money({ amount, currency }), stored: amount };
  });

  /** Server field errors that match no control on this form, shown in the summary instead. */
  protected readonly otherErrors = computed(() =>
    Object.entries(this.serverErrors())
      .filter(([path]) => !this.form.get(path))
      .map(([field, message]) => ({ field, message })),
  );

  private submittedValues: Record<string, unknown> = {};

  constructor() {
    const { amount, unit } = this.form.controls.totalInvestment.controls;
    unit.valueChanges.subscribe(() => amount.updateValueAndValidity({ emitEvent: false }));
    effect(() => {
      const id = this.fromInquiry();
      if (id) untracked(() => void this.prefill(id));
    });
    this.form.valueChanges.subscribe(() => {
      const errors = this.serverErrors();
      const kept = Object.fromEntries(
        Object.entries(errors).filter(([path]) => {
          const control = this.form.get(path);
          return !control || control.value === this.submittedValues[path];
        }),
      );
      if (Object.keys(kept).length !== Object.keys(errors).length) this.serverErrors.set(kept);
    });
  }

  /** The message to show under a field, or null: the server's first, then the form's own checks. */
  protected error(path: string): string | null {
    const server = this.serverErrors()[path];
    if (server) return server;
    const control = this.form.get(path);
    if (!control || !control.invalid || !(control.touched || this.submitted())) return null;
    return this.i18n.t(problemKey(browserProblem(path, control)));
  }

  protected async submit(): Promise<void> {
    this.submitted.set(true);
    this.formMessage.set(null);
    if (this.busy()) return;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      this.formMessage.set(this.i18n.t('common.fixFields'));
      this.focusFirstError();
      return;
    }
    const value = this.form.getRawValue();
    const request: RegisterProjectRequest = {
      name: value.name.trim(),
      owner: {
        name: value.owner.name.trim(),
        legalRepresentative: value.owner.legalRepresentative.trim(),
        contactName: value.owner.contactName.trim(),
        contactPhone: value.owner.contactPhone.trim(),
        ...(value.owner.contactEmail.trim() ? { contactEmail: value.owner.contactEmail.trim() } : {}),
      },
      category: value.category as ProjectCategory,
      preconditions: value.preconditions,
      // Valid here, so the conversion succeeds; the server checks the stored form again.
      totalInvestment: {
        amount: amountFromUnit(value.totalInvestment.amount, value.totalInvestment.unit) ?? '',
        currency: value.totalInvestment.currency,
      },
      reportToHigherAuthority: value.reportToHigherAuthority,
      nationalCode: value.nationalCode.trim() || null,
    };
    this.busy.set(true);
    try {
      const project = await firstValueFrom(this.api.registerProject(request));
      const inquiry = this.prefilledFrom();
      // The project exists either way; a failed link shows on the inquiry, which still offers the step.
      if (inquiry) await firstValueFrom(this.inquiries.linkProject(inquiry.id, project.id)).catch(() => undefined);
      await this.router.navigate(['/projects', project.id]);
    } catch (e) {
      const problem = readProblem(e, this.i18n);
      this.submittedValues = Object.fromEntries(Object.keys(problem.fields).map((path) => [path, this.form.get(path)?.value]));
      this.serverErrors.set(problem.fields);
      this.formMessage.set(
        problem.status === 403
          ? this.i18n.t('common.forbidden')
          : Object.keys(problem.fields).length > 0
            ? this.i18n.t('common.fixFields')
            : (problem.message ?? this.i18n.t('common.networkError')),
      );
      this.focusFirstError();
    } finally {
      this.busy.set(false);
    }
  }

  private async prefill(inquiryId: string): Promise<void> {
    try {
      const inquiry = await firstValueFrom(this.inquiries.detail(inquiryId));
      this.prefilledFrom.set(inquiry);
      this.form.patchValue(projectPrefill(inquiry));
    } catch {
      this.prefilledFrom.set(null); // an empty form is still a registration
    }
  }

  /** Keyboard and screen-reader users land on what needs fixing. */
  private focusFirstError(): void {
    // After the next render, when the error attributes are on the page.
    afterNextRender(
      () => {
        const first = this.host.nativeElement.querySelector<HTMLElement>('[aria-invalid="true"], .form-message');
        first?.focus();
      },
      { injector: this.injector },
    );
  }
}

/** A pattern mismatch per field, as the server names it (issue 14: the same code, so the same words). */
const PATTERN_CODES: Record<string, ProblemCode> = {
  nationalCode: 'national_code.invalid',
  'owner.contactPhone': 'phone.invalid',
  'owner.contactEmail': 'email.invalid',
};

/** What the browser found wrong with a field, by the code the server would answer with. */
function browserProblem(path: string, control: AbstractControl): ProblemCode {
  if (control.hasError('required')) return 'field.required';
  if (control.hasError('pattern')) return PATTERN_CODES[path] ?? 'field.invalid';
  return Object.keys(control.errors ?? {}).find(isProblemCode) ?? 'field.invalid';
}

/**
 * R6: the typed amount in its unit (a sibling control) converts exactly to a positive amount the
 * server accepts: a decimal with at most two decimals once in whole units, below 10^18.
 */
function typedAmount(control: AbstractControl<string>): ValidationErrors | null {
  if (!control.value) return null; // "required" speaks for an empty field
  const refusal = amountRefusal(control.value, (control.parent?.get('unit')?.value as AmountUnit | undefined) ?? 'wan');
  return refusal ? { [refusal]: true } : null;
}

/** The server's check on the stored amount (moneyAmountProblem), after the unit's own: a typed number that converts. */
function amountRefusal(typed: string, unit: AmountUnit): ProblemCode | null {
  const amount = amountFromUnit(typed, unit);
  return amount === null ? 'amount.invalid' : moneyAmountProblem(amount);
}
