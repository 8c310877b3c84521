import {
  ChangeDetectionStrategy,
  ChangeDetectorRef,
  Component,
  ElementRef,
  Injector,
  afterNextRender,
  inject,
  signal,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { Router } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import {
  INQUIRER_KINDS,
  INQUIRY_CHANNELS,
  inquirerErrors,
  MATTER_TYPES,
  type InquirerKind,
  type InquiryChannel,
  type MatterType,
  type RegisterInquiryRequest,
  type ResponderCard,
} from '@hub/shared';
import { readProblem } from '../core/api/problem';
import { I18nService, TranslatePipe, roleKey } from '../core/i18n';
import {
  DispositionFieldsComponent,
  dispositionForm,
  dispositionProblems,
  dispositionRequest,
  fieldMessages,
  type DispositionChoice,
} from './disposition-fields.component';
import { InquiriesApi } from './inquiries-api.service';
import { InquiryDeskStore } from './inquiry-desk.store';
import { channelKey, inquirerKindKey, matterKey } from './inquiry-labels';

const CHOICES: readonly DispositionChoice[] = ['answer', 'promise', 'transfer', 'refer', 'escalate', 'none'];

/**
 * R23 registration at the window, built for the keyboard: the channel has focus on arrival, Tab
 * walks the fields in reading order, arrows choose within a group, Enter submits from any field.
 * The first responder is the signed-in user, shown with the contact they give the inquirer.
 */
@Component({
  selector: 'hub-register-inquiry-page',
  imports: [ReactiveFormsModule, TranslatePipe, DispositionFieldsComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './register-inquiry.page.html',
  styleUrl: './inquiries.css',
})
export class RegisterInquiryPage {
  private readonly api = inject(InquiriesApi);
  private readonly desk = inject(InquiryDeskStore);
  private readonly router = inject(Router);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);
  private readonly i18n = inject(I18nService);
  private readonly fb = inject(NonNullableFormBuilder);
  private readonly changeDetector = inject(ChangeDetectorRef);

  protected readonly channels = INQUIRY_CHANNELS;
  protected readonly inquirerKinds = INQUIRER_KINDS;
  protected readonly matterTypes = MATTER_TYPES;
  protected readonly choices = CHOICES;
  protected readonly channelKey = channelKey;
  protected readonly inquirerKindKey = inquirerKindKey;
  protected readonly matterKey = matterKey;
  protected readonly roleKey = roleKey;

  protected readonly form = this.fb.group({
    channel: this.fb.control<InquiryChannel>('in_person'),
    inquirer: this.fb.group({
      kind: this.fb.control<InquirerKind>('organisation'),
      name: ['', Validators.required],
      contactName: [''],
      contact: ['', Validators.required],
    }),
    subject: ['', Validators.required],
    matterType: this.fb.control<MatterType>('consultation'),
    responderContact: ['', Validators.required],
    disposition: dispositionForm(this.fb, 'answer'),
  });

  protected readonly inquirerKind = toSignal(this.form.controls.inquirer.controls.kind.valueChanges, {
    initialValue: 'organisation' as InquirerKind,
  });
  protected readonly responder = signal<ResponderCard | null>(null);
  protected readonly submitted = signal(false);
  protected readonly busy = signal(false);
  /** Messages per control path, from the shared rules or the server. */
  protected readonly problems = signal<Record<string, string>>({});
  protected readonly dispositionMessages = signal<Record<string, string>>({});
  protected readonly formMessage = signal<string | null>(null);

  constructor() {
    firstValueFrom(this.api.responder()).then(
      (card) => {
        this.responder.set(card);
        const contact = this.form.controls.responderContact;
        if (!contact.value && card.lastContact) contact.setValue(card.lastContact);
      },
      () => undefined, // the name is shown from the session meanwhile; the contact is typed
    );
    // Focus the checked channel, so typing starts at once.
    afterNextRender(() => this.host.nativeElement.querySelector<HTMLInputElement>('input[name="channel"]:checked')?.focus());
  }

  protected error(path: string): string | null {
    const known = this.problems()[path];
    if (known) return known;
    const control = this.form.get(path);
    if (!control?.invalid || !(control.touched || this.submitted())) return null;
    return this.i18n.t('common.required');
  }

  /** Keyboard-first: the contact-name field comes and goes with the inquirer kind before the next Tab is handled (see DispositionFieldsComponent). */
  protected showChosenFields(): void {
    this.changeDetector.detectChanges();
  }

  /** Enter submits from any field (radios and selects too); buttons and links keep their own Enter. */
  protected onEnter(event: Event): void {
    const target = event.target as HTMLElement;
    if (['TEXTAREA', 'BUTTON', 'A'].includes(target.tagName)) return;
    event.preventDefault();
    void this.submit();
  }

  protected async submit(): Promise<void> {
    if (this.busy()) return;
    this.submitted.set(true);
    this.formMessage.set(null);
    const value = this.form.getRawValue();
    const request: RegisterInquiryRequest = {
      channel: value.channel,
      inquirer: {
        kind: value.inquirer.kind,
        name: value.inquirer.name.trim(),
        contactName: value.inquirer.kind === 'organisation' ? value.inquirer.contactName.trim() : null,
        contact: value.inquirer.contact.trim(),
      },
      subject: value.subject.trim(),
      matterType: value.matterType,
      responderContact: value.responderContact.trim(),
      disposition: dispositionRequest(value.disposition),
    };
    // The same rules as the server, so most mistakes never make a round trip.
    const problems = Object.fromEntries(inquirerErrors(request.inquirer).map((p) => [p.field, this.i18n.t('common.required')]));
    this.problems.set(problems);
    this.dispositionMessages.set(dispositionProblems(request.disposition, this.i18n));
    if (this.form.invalid || Object.keys(problems).length > 0 || Object.keys(this.dispositionMessages()).length > 0) {
      this.form.markAllAsTouched();
      this.formMessage.set(this.i18n.t('common.fixFields'));
      this.focusFirstError();
      return;
    }
    this.busy.set(true);
    try {
      const inquiry = await firstValueFrom(this.api.register(request));
      this.desk.upsert(inquiry);
      await this.router.navigate(['/inquiries', inquiry.id]);
    } catch (e) {
      const problem = readProblem(e, this.i18n);
      const prefix = 'disposition.';
      const fields = Object.keys(problem.fields);
      const own = fields.filter((f) => f.startsWith(prefix)).map((f) => f.slice(prefix.length));
      const serverMessages = Object.fromEntries(own.map((f) => [f, problem.fields[prefix + f]!]));
      this.dispositionMessages.set(fieldMessages(own, this.i18n, serverMessages));
      this.problems.set(Object.fromEntries(fields.filter((f) => !f.startsWith(prefix)).map((f) => [f, problem.fields[f]!])));
      this.formMessage.set(
        problem.status === 403
          ? this.i18n.t('common.forbidden')
          : fields.length > 0
            ? this.i18n.t('common.fixFields')
            : (problem.message ?? this.i18n.t('common.networkError')),
      );
      this.focusFirstError();
    } finally {
      this.busy.set(false);
    }
  }

  /** Keyboard and screen-reader users land on what needs fixing. */
  private focusFirstError(): void {
    afterNextRender(() => this.host.nativeElement.querySelector<HTMLElement>('[aria-invalid="true"], .form-message')?.focus(), {
      injector: this.injector,
    });
  }
}
