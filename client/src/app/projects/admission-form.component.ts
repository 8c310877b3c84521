import { ChangeDetectionStrategy, Component, computed, inject, input, output, signal } from '@angular/core';
import { firstValueFrom, type Observable } from 'rxjs';
import { unmetPreconditions, type Department, type PreconditionKey, type Preconditions, type ProjectView } from '@hub/shared';
import { ApiService } from '../core/api/api.service';
import { readProblem } from '../core/api/problem';
import { I18nService, TranslatePipe, type TranslationKey } from '../core/i18n';

const PRECONDITION_LABEL: Record<PreconditionKey, TranslationKey> = {
  environmentalCompliance: 'register.preEnv',
  feesAndTaxesPaid: 'register.preFees',
  safetyAndStability: 'register.preSafety',
};

/**
 * R3 + R4: a leader admits the project — designates the lead department (主审) and
 * the participating ones (参审); the server seals it and opens its card. With a precondition not
 * met, admission needs the leader's override reason (特事特办); or the leader refuses admission,
 * with a reason, after a confirmation stating that it is final (R3 Decision).
 * Departments are chosen by code in the markup (the ids tests and people see), sent by id.
 */
@Component({
  selector: 'hub-admission-form',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="card" aria-labelledby="admit-title" data-testid="admission-form">
      <h2 id="admit-title">{{ 'admit.title' | t }}</h2>
      <form (submit)="submit($event)" novalidate>
        @if (message(); as m) {
          <p class="alert alert-error" role="alert">{{ m }}</p>
        }
        <div class="field">
          <label for="admit-lead">{{ 'admit.lead' | t }}</label>
          <select
            id="admit-lead"
            data-testid="admit-lead"
            required
            [value]="leadCode()"
            (change)="chooseLead($event)"
            [attr.aria-invalid]="leadError() ? true : null"
            [attr.aria-describedby]="leadError() ? 'admit-lead-error' : null"
          >
            <option value="">{{ 'admit.leadPlaceholder' | t }}</option>
            @for (d of departments(); track d.id) {
              <option [value]="d.code" [selected]="d.code === leadCode()">{{ i18n.name(d) }}</option>
            }
          </select>
          @if (leadError(); as e) {
            <p class="field-error" id="admit-lead-error" data-testid="field-error" data-field="leadDepartmentId">
              {{ e }}
            </p>
          }
        </div>
        <fieldset class="checks">
          <legend>{{ 'admit.participants' | t }}</legend>
          @for (d of departments(); track d.id) {
            <div class="check">
              <input
                type="checkbox"
                [id]="'admit-participant-' + d.code"
                [attr.data-testid]="'admit-participant-' + d.code"
                [checked]="d.code === leadCode() || participants().has(d.code)"
                [disabled]="d.code === leadCode()"
                (change)="toggleParticipant(d.code, $event)"
              />
              <label [for]="'admit-participant-' + d.code">
                {{ i18n.name(d) }}
                @if (d.code === leadCode()) {
                  <span class="lead-mark">{{ 'board.lead' | t }}</span>
                }
              </label>
            </div>
          }
          @if (participantsError(); as e) {
            <p class="field-error" data-testid="field-error" data-field="participatingDepartmentIds">{{ e }}</p>
          }
        </fieldset>
        <fieldset class="checks" data-testid="admit-preconditions">
          <legend>{{ 'register.preconditions' | t }}</legend>
          <ul class="preconditions">
            @for (key of preconditionKeys; track key) {
              <li
                [class.met]="preconditions()[key]"
                [attr.data-testid]="'admit-precondition-' + key"
                [attr.data-met]="preconditions()[key]"
              >
                <span aria-hidden="true">{{ preconditions()[key] ? '✓' : '✕' }}</span>
                {{
                  'common.labelValue' | t: { label: (labelOf(key) | t), value: ((preconditions()[key] ? 'project.yes' : 'project.no') | t) }
                }}
              </li>
            }
          </ul>
          @if (unmet().length > 0) {
            <p class="alert alert-warning" id="admit-override-hint">{{ 'admit.overrideHint' | t }}</p>
            <div class="field">
              <label for="admit-override">{{ 'admit.overrideReason' | t }}</label>
              <textarea
                id="admit-override"
                rows="2"
                data-testid="admit-override-reason"
                required
                aria-describedby="admit-override-hint"
                [attr.aria-invalid]="overrideError() ? true : null"
                [value]="overrideReason()"
                (input)="editOverride($event)"
              ></textarea>
              @if (overrideError(); as e) {
                <p class="field-error" data-testid="field-error" data-field="overrideReason">{{ e }}</p>
              }
            </div>
          }
        </fieldset>
        <div class="form-actions">
          <button type="submit" class="button-primary" data-testid="admit-submit" [disabled]="busy()">
            {{ (busy() ? 'admit.submitting' : 'admit.submit') | t }}
          </button>
        </div>
      </form>
      <form class="refusal" (submit)="refuse($event)" novalidate aria-labelledby="refuse-title" data-testid="refusal-form">
        <h3 id="refuse-title">{{ 'admit.refuseTitle' | t }}</h3>
        <div class="field">
          <label for="admit-refusal-reason">{{ 'admit.refusalReason' | t }}</label>
          <textarea
            id="admit-refusal-reason"
            rows="2"
            data-testid="admit-refusal-reason"
            required
            [attr.aria-invalid]="refusalError() ? true : null"
            [value]="refusalReason()"
            (input)="editRefusal($event)"
          ></textarea>
          @if (refusalError(); as e) {
            <p class="field-error" data-testid="field-error" data-field="reason">{{ e }}</p>
          }
        </div>
        @if (confirmingRefusal()) {
          <!-- A choice with legal effect is confirmed with its consequence stated (R3). -->
          <p class="alert alert-warning" role="alert" data-testid="refusal-consequence">{{ 'admit.refuseConsequence' | t }}</p>
          <div class="form-actions">
            <button type="submit" class="button-danger" data-testid="refusal-confirm" [disabled]="busy()">
              {{ 'admit.refuseConfirm' | t }}
            </button>
            <button type="button" class="button-quiet" data-testid="refusal-back" (click)="confirmingRefusal.set(false)">
              {{ 'admit.refuseBack' | t }}
            </button>
          </div>
        } @else {
          <div class="form-actions">
            <button type="submit" class="button-quiet" data-testid="refusal-submit" [disabled]="busy()">{{ 'admit.refuse' | t }}</button>
          </div>
        }
      </form>
    </section>
  `,
})
export class AdmissionFormComponent {
  private readonly api = inject(ApiService);
  protected readonly i18n = inject(I18nService);

  readonly projectId = input.required<string>();
  readonly departments = input.required<Department[]>();
  readonly preconditions = input.required<Preconditions>();
  /** Admitted or refused: the project as it now is. */
  readonly admitted = output<ProjectView>();

  protected readonly preconditionKeys = Object.keys(PRECONDITION_LABEL) as PreconditionKey[];
  protected readonly unmet = computed(() => unmetPreconditions(this.preconditions()));
  protected readonly overrideReason = signal('');
  protected readonly refusalReason = signal('');
  protected readonly refusalTried = signal(false);
  /** The refusal awaits its confirmation (its consequence is on screen); nothing is preselected. */
  protected readonly confirmingRefusal = signal(false);

  protected readonly leadCode = signal('');
  protected readonly participants = signal<ReadonlySet<string>>(new Set());
  protected readonly busy = signal(false);
  protected readonly submitted = signal(false);
  protected readonly message = signal<string | null>(null);
  private readonly serverErrors = signal<Record<string, string>>({});

  protected readonly leadError = computed(() => {
    const server = this.serverErrors()['leadDepartmentId'];
    if (server) return server;
    return this.submitted() && !this.leadCode() ? this.i18n.t('common.required') : null;
  });
  protected readonly participantsError = computed(() => this.serverErrors()['participatingDepartmentIds'] ?? null);
  protected readonly overrideError = computed(() => {
    const server = this.serverErrors()['overrideReason'];
    if (server) return server;
    return this.submitted() && this.unmet().length > 0 && !this.overrideReason().trim() ? this.i18n.t('admit.overrideRequired') : null;
  });
  protected readonly refusalError = computed(() => {
    const server = this.serverErrors()['reason'];
    if (server) return server;
    return this.refusalTried() && !this.refusalReason().trim() ? this.i18n.t('common.required') : null;
  });

  protected labelOf(key: PreconditionKey): TranslationKey {
    return PRECONDITION_LABEL[key];
  }

  protected editOverride(event: Event): void {
    this.overrideReason.set((event.target as HTMLTextAreaElement).value);
    this.clearServerError('overrideReason');
  }

  protected editRefusal(event: Event): void {
    this.refusalReason.set((event.target as HTMLTextAreaElement).value);
    // The consequence confirmed must be of what is sent: an edit takes back a pending confirmation.
    this.confirmingRefusal.set(false);
    this.clearServerError('reason');
  }

  protected async refuse(event: Event): Promise<void> {
    event.preventDefault();
    this.refusalTried.set(true);
    this.message.set(null);
    if (this.busy() || !this.refusalReason().trim()) return;
    if (!this.confirmingRefusal()) {
      this.confirmingRefusal.set(true);
      return;
    }
    await this.send(() => this.api.refuseAdmission(this.projectId(), { reason: this.refusalReason().trim() }));
    this.confirmingRefusal.set(false);
  }

  protected chooseLead(event: Event): void {
    this.leadCode.set((event.target as HTMLSelectElement).value);
    this.clearServerError('leadDepartmentId');
  }

  protected toggleParticipant(code: string, event: Event): void {
    const checked = (event.target as HTMLInputElement).checked;
    this.participants.update((set) => {
      const next = new Set(set);
      if (checked) next.add(code);
      else next.delete(code);
      return next;
    });
    this.clearServerError('participatingDepartmentIds');
  }

  private clearServerError(field: string): void {
    this.serverErrors.update((errors) => Object.fromEntries(Object.entries(errors).filter(([f]) => f !== field)));
  }

  protected async submit(event: Event): Promise<void> {
    event.preventDefault();
    this.submitted.set(true);
    this.message.set(null);
    if (this.busy() || !this.leadCode() || this.overrideError()) return;
    const byCode = new Map(this.departments().map((d) => [d.code, d]));
    const lead = byCode.get(this.leadCode());
    if (!lead) return;
    // The lead is not also a participant: one role per department in a project.
    const participatingDepartmentIds = [...this.participants()]
      .filter((code) => code !== lead.code)
      .map((code) => byCode.get(code)?.id)
      .filter((id): id is string => id !== undefined);
    const overrideReason = this.unmet().length > 0 ? this.overrideReason().trim() : undefined;
    await this.send(() =>
      this.api.admitProject(this.projectId(), { leadDepartmentId: lead.id, participatingDepartmentIds, overrideReason }),
    );
  }

  private async send(request: () => Observable<ProjectView>): Promise<void> {
    this.busy.set(true);
    try {
      this.admitted.emit(await firstValueFrom(request()));
    } catch (e) {
      const problem = readProblem(e, this.i18n);
      this.serverErrors.set(problem.fields);
      const known = new Set(['leadDepartmentId', 'participatingDepartmentIds', 'overrideReason', 'reason']);
      const other = Object.entries(problem.fields).filter(([field]) => !known.has(field));
      this.message.set(
        problem.status === 403
          ? this.i18n.t('common.forbidden')
          : other.length > 0
            ? other.map(([field, m]) => `${field}: ${m}`).join('；')
            : Object.keys(problem.fields).length > 0
              ? this.i18n.t('common.fixFields')
              : (problem.message ?? this.i18n.t('common.networkError')),
      );
    } finally {
      this.busy.set(false);
    }
  }
}
