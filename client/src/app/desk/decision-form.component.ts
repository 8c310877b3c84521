import { ChangeDetectionStrategy, Component, inject, input, output, signal } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { decisionBasisError, type ApprovalItemView, type DecisionOutcome } from '@hub/shared';
import { ApiService } from '../core/api/api.service';
import { readProblem } from '../core/api/problem';
import { I18nService, TranslatePipe } from '../core/i18n';

/**
 * R10/R18: a department decides its item by an explicit choice — nothing preselected — and confirms
 * after reading what the decision does in law. A refusal carries its legal basis (the server's rule,
 * checked here first with the same function). Used on the liaison's desk and on the project page.
 */
@Component({
  selector: 'hub-decision-form',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form class="decision-form" (submit)="submit($event)" novalidate [attr.data-testid]="'decision-' + code()">
      <fieldset class="checks">
        <legend>{{ 'decision.legend' | t }}</legend>
        <div class="check">
          <input
            type="radio"
            [id]="'decide-approve-' + item().id"
            [name]="'decide-' + item().id"
            [attr.data-testid]="'decision-approve-' + code()"
            [checked]="outcome() === 'approved'"
            (change)="choose('approved')"
          />
          <label [for]="'decide-approve-' + item().id">{{ 'decision.approve' | t }}</label>
        </div>
        <div class="check">
          <input
            type="radio"
            [id]="'decide-reject-' + item().id"
            [name]="'decide-' + item().id"
            [attr.data-testid]="'decision-reject-' + code()"
            [checked]="outcome() === 'rejected'"
            (change)="choose('rejected')"
          />
          <label [for]="'decide-reject-' + item().id">{{ 'decision.reject' | t }}</label>
        </div>
      </fieldset>
      @if (fields()['outcome']; as e) {
        <p class="field-error" data-field="outcome">{{ e }}</p>
      }
      @if (outcome() === 'rejected') {
        <div class="field">
          <label [for]="'decide-basis-' + item().id">{{ 'items.basis' | t }}</label>
          <textarea
            [id]="'decide-basis-' + item().id"
            rows="2"
            [attr.data-testid]="'decision-basis-' + code()"
            [value]="basis()"
            (input)="editBasis($any($event.target).value)"
            [attr.aria-invalid]="fields()['basis'] ? true : null"
            [attr.aria-describedby]="fields()['basis'] ? 'decide-basis-error-' + item().id : null"
          ></textarea>
          @if (fields()['basis']; as e) {
            <p class="field-error" [id]="'decide-basis-error-' + item().id" data-testid="field-error" data-field="basis">{{ e }}</p>
          }
        </div>
      }
      @if (message(); as m) {
        <p class="field-error" role="alert" [attr.data-testid]="'decision-error-' + code()">{{ m }}</p>
      }
      @if (confirming(); as consequence) {
        <p class="alert alert-warning" role="alert" [attr.data-testid]="'decision-consequence-' + code()">{{ consequence }}</p>
        <button type="submit" class="button-primary" [attr.data-testid]="'decision-confirm-' + code()" [disabled]="busy()">
          {{ 'decision.confirm' | t }}
        </button>
        <button type="button" class="button-quiet" (click)="confirming.set(null)">{{ 'items.back' | t }}</button>
      } @else {
        <button type="submit" class="button-primary" [attr.data-testid]="'decision-submit-' + code()" [disabled]="busy()">
          {{ 'decision.continue' | t }}
        </button>
      }
    </form>
  `,
  styles: `
    .decision-form fieldset {
      border: 0;
      margin: 0;
      padding: 0;
    }
    .decision-form legend {
      font-weight: 700;
    }
  `,
})
export class DecisionFormComponent {
  private readonly api = inject(ApiService);
  private readonly i18n = inject(I18nService);

  readonly item = input.required<Pick<ApprovalItemView, 'id'>>();
  /** The department's code, for test ids and labels. */
  readonly code = input.required<string>();
  /** The server's answer: the item decided. */
  readonly decided = output<ApprovalItemView>();

  // Nothing with legal effect is preselected (issue 14): no outcome until the department picks one.
  protected readonly outcome = signal<DecisionOutcome | null>(null);
  protected readonly basis = signal('');
  protected readonly confirming = signal<string | null>(null);
  protected readonly busy = signal(false);
  protected readonly message = signal<string | null>(null);
  protected readonly fields = signal<Record<string, string>>({});

  /** Any change takes back a pending confirmation: the consequence stated must be of what is sent. */
  protected choose(outcome: DecisionOutcome): void {
    this.outcome.set(outcome);
    this.confirming.set(null);
    this.fields.set({});
  }

  protected editBasis(value: string): void {
    this.basis.set(value);
    this.confirming.set(null);
    this.fields.set({});
  }

  protected async submit(event: Event): Promise<void> {
    event.preventDefault();
    const outcome = this.outcome();
    const basis = this.basis().trim();
    if (outcome === null) {
      this.fields.set({ outcome: this.i18n.t('decision.chooseFirst') });
      return;
    }
    // R18: the same rule the server applies; a refusal without its legal basis never leaves the browser.
    if (decisionBasisError(outcome, basis) !== null) {
      this.fields.set({ basis: this.i18n.t('items.basisRequired') });
      return;
    }
    if (this.confirming() === null) {
      this.confirming.set(
        outcome === 'approved' ? this.i18n.t('decision.consequence.approve') : this.i18n.t('decision.consequence.reject', { basis }),
      );
      return;
    }
    this.busy.set(true);
    this.message.set(null);
    try {
      const decided = await firstValueFrom(this.api.decideItem(this.item().id, outcome === 'approved' ? { outcome } : { outcome, basis }));
      this.decided.emit(decided);
    } catch (e) {
      const problem = readProblem(e, this.i18n);
      this.confirming.set(null);
      this.fields.set(problem.fields);
      this.message.set(
        problem.fields['basis'] && Object.keys(problem.fields).length === 1
          ? null
          : (problem.message ?? this.i18n.t('common.networkError')),
      );
    } finally {
      this.busy.set(false);
    }
  }
}
