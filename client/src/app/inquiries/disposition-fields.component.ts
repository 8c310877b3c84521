import { ChangeDetectionStrategy, ChangeDetectorRef, Component, computed, inject, input, signal } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, type FormGroup } from '@angular/forms';
import { firstValueFrom, startWith, switchMap } from 'rxjs';
import {
  dispositionErrors,
  PROMISE_MAX_WORKING_DAYS,
  promisedReplyDue,
  type DispositionKind,
  type DispositionRequest,
  type TransferTarget,
} from '@hub/shared';
import { CalendarStore } from '../core/calendar/calendar.store';
import { DepartmentsStore } from '../core/departments/departments.store';
import { HubFormat } from '../core/format/hub-format.service';
import { I18nService, TranslatePipe, roleKey, type TranslationKey } from '../core/i18n';
import { HubClock } from '../core/live/hub-clock.service';
import { InquiriesApi } from './inquiries-api.service';
import { dispositionKey } from './inquiry-labels';

/** A disposition, or none yet (registering first, deciding a moment later). */
export type DispositionChoice = DispositionKind | 'none';

/** The controls of one disposition; `choice` (not `kind`) so its radios never share a name with other radios of the page. */
export function dispositionForm(fb: NonNullableFormBuilder, choice: DispositionChoice) {
  return fb.group({
    choice: fb.control<DispositionChoice>(choice),
    answer: [''],
    workingDays: fb.control<number | null>(3),
    /** 'user:<id>' or 'department:<id>'. */
    target: [''],
    referredTo: [''],
    referredContact: [''],
    note: [''],
  });
}
export type DispositionFormGroup = ReturnType<typeof dispositionForm>;
type DispositionValue = ReturnType<DispositionFormGroup['getRawValue']>;

/** The request the form stands for (undefined for "none"); empty optional texts are left out. */
export function dispositionRequest(v: DispositionValue): DispositionRequest | undefined {
  const note = v.note.trim() ? { note: v.note.trim() } : {};
  switch (v.choice) {
    case 'none':
      return undefined;
    case 'answer':
      return { kind: 'answer', answer: v.answer.trim() };
    case 'promise':
      return { kind: 'promise', workingDays: v.workingDays ?? Number.NaN, ...note };
    case 'transfer': {
      const [type, id] = v.target.split(':');
      return { kind: 'transfer', ...(type === 'user' ? { toUserId: id } : type === 'department' ? { toDepartmentId: id } : {}), ...note };
    }
    case 'refer':
      return { kind: 'refer', referredTo: v.referredTo.trim(), referredContact: v.referredContact.trim(), ...note };
    case 'escalate':
      return { kind: 'escalate', note: v.note.trim() };
  }
}

/** The request's field (as the server names it) → the control that holds it. */
const CONTROL_OF: Record<string, keyof DispositionValue> = {
  answer: 'answer',
  workingDays: 'workingDays',
  toUserId: 'target',
  toDepartmentId: 'target',
  referredTo: 'referredTo',
  referredContact: 'referredContact',
  note: 'note',
};

/** What to say under a control that the shared rule (dispositionErrors) found at fault. */
const MESSAGE_OF: Partial<Record<keyof DispositionValue, TranslationKey>> = {
  workingDays: 'inquiry.field.workingDaysRange',
  target: 'inquiry.field.transferRequired',
};

/** The same rule the server applies, as messages per control; server field errors map the same way. */
export function dispositionProblems(request: DispositionRequest | undefined, i18n: I18nService): Record<string, string> {
  if (!request) return {};
  return fieldMessages(
    dispositionErrors(request).map((p) => p.field),
    i18n,
  );
}

/** Server or domain field names ("toUserId", "disposition.answer" with the prefix cut) → control messages. */
export function fieldMessages(fields: string[], i18n: I18nService, serverMessages: Record<string, string> = {}): Record<string, string> {
  const messages: Record<string, string> = {};
  for (const field of fields) {
    const control = CONTROL_OF[field];
    if (control) messages[control] ??= serverMessages[field] ?? i18n.t(MESSAGE_OF[control] ?? 'common.required');
  }
  return messages;
}

/**
 * R23: the dispositions a first responder records — answered at once, a reply promised within n
 * working days (the date shown live from the shared calendar), transferred to a named colleague or
 * a department, referred to another body, escalated to a leader — and their fields.
 */
@Component({
  selector: 'hub-disposition-fields',
  imports: [ReactiveFormsModule, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './inquiries.css',
  template: `
    <div [formGroup]="group()">
      <fieldset>
        <legend>{{ legend() | t }}</legend>
        <div class="choices" (change)="showChosenFields()">
          @for (k of choices(); track k) {
            <label>
              <input type="radio" name="choice" formControlName="choice" [value]="k" [attr.data-testid]="'disposition-' + k" />
              {{ choiceLabel(k) | t }}
            </label>
          }
        </div>
      </fieldset>

      @switch (choice()) {
        @case ('answer') {
          <div class="field">
            <label [for]="id('answer')">{{ 'inquiry.field.answer' | t }}</label>
            <input
              [id]="id('answer')"
              formControlName="answer"
              autocomplete="off"
              maxlength="2000"
              data-testid="disposition-answer-text"
              [attr.aria-invalid]="errors()['answer'] ? true : null"
              [attr.aria-describedby]="errors()['answer'] ? id('answer-error') : null"
            />
            @if (errors()['answer']; as message) {
              <p class="field-error" [id]="id('answer-error')" data-testid="field-error" data-field="disposition.answer">{{ message }}</p>
            }
          </div>
        }
        @case ('promise') {
          <div class="field field-narrow">
            <label [for]="id('days')">{{ 'inquiry.field.workingDays' | t }}</label>
            <input
              [id]="id('days')"
              type="number"
              min="1"
              [max]="maxDays"
              step="1"
              inputmode="numeric"
              formControlName="workingDays"
              data-testid="disposition-days"
              [attr.aria-invalid]="errors()['workingDays'] ? true : null"
              [attr.aria-describedby]="id('due')"
            />
            <p class="field-hint" [id]="id('due')" aria-live="polite" data-testid="disposition-due">
              @if (duePreview(); as due) {
                {{ 'inquiry.field.dueOn' | t: { due: due.text } }}
                @if (due.provisional) {
                  <span class="provisional" [attr.title]="'countdown.provisionalHint' | t">{{ 'countdown.provisional' | t }}</span>
                }
              }
            </p>
            @if (errors()['workingDays']; as message) {
              <p class="field-error" data-testid="field-error" data-field="disposition.workingDays">{{ message }}</p>
            }
          </div>
          <div class="field">
            <label [for]="id('note')">{{ 'inquiry.field.note' | t }}</label>
            <input [id]="id('note')" formControlName="note" autocomplete="off" maxlength="2000" data-testid="disposition-note" />
          </div>
        }
        @case ('transfer') {
          <div class="field">
            <label [for]="id('target')">{{ 'inquiry.field.transferTo' | t }}</label>
            <select
              [id]="id('target')"
              formControlName="target"
              data-testid="disposition-target"
              [attr.aria-invalid]="errors()['target'] ? true : null"
            >
              <option value="" disabled>{{ 'inquiry.field.transferPlaceholder' | t }}</option>
              <optgroup [label]="'inquiry.field.transferColleagues' | t">
                @for (u of targets(); track u.id) {
                  <option [value]="'user:' + u.id">{{ u.displayName }}{{ 'common.paren' | t: { text: (roleLabel(u) | t) } }}</option>
                }
              </optgroup>
              <optgroup [label]="'inquiry.field.transferDepartments' | t">
                @for (d of departments.active(); track d.id) {
                  <option [value]="'department:' + d.id">{{ i18n.name(d) }}</option>
                }
              </optgroup>
            </select>
            @if (errors()['target']; as message) {
              <p class="field-error" data-testid="field-error" data-field="disposition.target">{{ message }}</p>
            }
          </div>
          <div class="field">
            <label [for]="id('note')">{{ 'inquiry.field.transferNote' | t }}</label>
            <input [id]="id('note')" formControlName="note" autocomplete="off" maxlength="2000" data-testid="disposition-note" />
          </div>
        }
        @case ('refer') {
          <div class="field">
            <label [for]="id('referred-to')">{{ 'inquiry.field.referredTo' | t }}</label>
            <input
              [id]="id('referred-to')"
              formControlName="referredTo"
              autocomplete="off"
              maxlength="200"
              data-testid="disposition-referred-to"
              [attr.aria-invalid]="errors()['referredTo'] ? true : null"
            />
            @if (errors()['referredTo']; as message) {
              <p class="field-error" data-testid="field-error" data-field="disposition.referredTo">{{ message }}</p>
            }
          </div>
          <div class="field">
            <label [for]="id('referred-contact')">{{ 'inquiry.field.referredContact' | t }}</label>
            <input
              [id]="id('referred-contact')"
              formControlName="referredContact"
              autocomplete="off"
              maxlength="200"
              data-testid="disposition-referred-contact"
              [attr.aria-invalid]="errors()['referredContact'] ? true : null"
            />
            @if (errors()['referredContact']; as message) {
              <p class="field-error" data-testid="field-error" data-field="disposition.referredContact">{{ message }}</p>
            }
          </div>
          <div class="field">
            <label [for]="id('note')">{{ 'inquiry.field.note' | t }}</label>
            <input [id]="id('note')" formControlName="note" autocomplete="off" maxlength="2000" data-testid="disposition-note" />
          </div>
        }
        @case ('escalate') {
          <div class="field">
            <label [for]="id('note')">{{ 'inquiry.field.escalateReason' | t }}</label>
            <input
              [id]="id('note')"
              formControlName="note"
              autocomplete="off"
              maxlength="2000"
              data-testid="disposition-note"
              [attr.aria-invalid]="errors()['note'] ? true : null"
            />
            @if (errors()['note']; as message) {
              <p class="field-error" data-testid="field-error" data-field="disposition.note">{{ message }}</p>
            }
          </div>
        }
      }
    </div>
  `,
})
export class DispositionFieldsComponent {
  private readonly api = inject(InquiriesApi);
  private readonly calendar = inject(CalendarStore);
  private readonly clock = inject(HubClock);
  private readonly format = inject(HubFormat);
  private readonly changeDetector = inject(ChangeDetectorRef);
  protected readonly departments = inject(DepartmentsStore);
  protected readonly i18n = inject(I18nService);

  readonly group = input.required<FormGroup>();
  /** The choices offered, in order (e.g. only what the inquiry's state allows). */
  readonly choices = input.required<readonly DispositionChoice[]>();
  readonly legend = input<TranslationKey>('inquiry.register.disposition');
  /** Messages per control name. */
  readonly errors = input<Record<string, string>>({});
  /** Makes element ids unique on the page. */
  readonly idPrefix = input('disposition');

  protected readonly maxDays = PROMISE_MAX_WORKING_DAYS;
  protected readonly targets = signal<TransferTarget[]>([]);

  private readonly value = toSignal(
    toObservable(this.group).pipe(switchMap((g) => (g as DispositionFormGroup).valueChanges.pipe(startWith(g.getRawValue())))),
  );
  protected readonly choice = computed(() => (this.value()?.choice ?? 'none') as DispositionChoice);

  /** The promised day, as the server will compute it (same calendar, same end of day). */
  protected readonly duePreview = computed(() => {
    const days = this.value()?.workingDays;
    const cal = this.calendar.calendar();
    if (!cal || typeof days !== 'number' || !Number.isInteger(days) || days < 1 || days > PROMISE_MAX_WORKING_DAYS) return null;
    const due = promisedReplyDue(new Date(this.clock.now()), days, cal, this.calendar.settings());
    return { text: this.format.due(due.dueAt.toISOString()), provisional: due.provisional };
  });

  constructor() {
    this.calendar.load().catch(() => undefined);
    this.departments.load().catch(() => undefined);
    firstValueFrom(this.api.transferTargets()).then(
      (targets) => this.targets.set(targets),
      () => undefined, // the select then offers departments only; the server checks the target anyway
    );
  }

  /**
   * Keyboard-first: the chosen disposition's fields exist before the next key is handled. Zoneless
   * change detection renders a task later, and the browser handles queued key presses before timers:
   * a quick (or busy-page) ArrowRight then Tab would otherwise land on the old choice's field, which
   * then vanishes, and the working days or the note are typed nowhere or into the wrong field.
   * The radio's own change listener (the form control) has run by now; this one bubbles after it.
   */
  protected showChosenFields(): void {
    this.changeDetector.detectChanges();
  }

  protected id(part: string): string {
    return `${this.idPrefix()}-${part}`;
  }
  protected choiceLabel(choice: DispositionChoice) {
    return choice === 'none' ? ('inquiry.disposition.none' as const) : dispositionKey(choice);
  }
  protected roleLabel(target: TransferTarget) {
    return roleKey(target.role);
  }
}
