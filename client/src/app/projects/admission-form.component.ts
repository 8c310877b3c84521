import { ChangeDetectionStrategy, Component, computed, inject, input, output, signal } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import type { Department, ProjectView } from '@hub/shared';
import { ApiService } from '../core/api/api.service';
import { readProblem } from '../core/api/problem';
import { I18nService, TranslatePipe } from '../core/i18n';

/**
 * R4: a leader admits the project — designates the lead department (主审) and
 * the participating ones (参审); the server seals it and opens its card.
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
        <div class="form-actions">
          <button type="submit" class="button-primary" data-testid="admit-submit" [disabled]="busy()">
            {{ (busy() ? 'admit.submitting' : 'admit.submit') | t }}
          </button>
        </div>
      </form>
    </section>
  `,
})
export class AdmissionFormComponent {
  private readonly api = inject(ApiService);
  protected readonly i18n = inject(I18nService);

  readonly projectId = input.required<string>();
  readonly departments = input.required<Department[]>();
  readonly admitted = output<ProjectView>();

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
    if (this.busy() || !this.leadCode()) return;
    const byCode = new Map(this.departments().map((d) => [d.code, d]));
    const lead = byCode.get(this.leadCode());
    if (!lead) return;
    // The lead is not also a participant: one role per department in a project.
    const participatingDepartmentIds = [...this.participants()]
      .filter((code) => code !== lead.code)
      .map((code) => byCode.get(code)?.id)
      .filter((id): id is string => id !== undefined);
    this.busy.set(true);
    try {
      const project = await firstValueFrom(
        this.api.admitProject(this.projectId(), { leadDepartmentId: lead.id, participatingDepartmentIds }),
      );
      this.admitted.emit(project);
    } catch (e) {
      const problem = readProblem(e);
      this.serverErrors.set(problem.fields);
      const known = new Set(['leadDepartmentId', 'participatingDepartmentIds']);
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
