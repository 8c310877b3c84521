import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { firstValueFrom } from 'rxjs';
import type { DepartmentAdminView, SaveDepartmentRequest } from '@hub/shared';
import { PeopleApi } from '../core/api/people-api.service';
import { readProblem } from '../core/api/problem';
import { DepartmentsStore } from '../core/departments/departments.store';
import { I18nService, TranslatePipe } from '../core/i18n';
import { loadable, LoadStateComponent } from '../ui/load-state';

/** R1: the admin keeps the departments: create, rename (zh/en), recode, switch off when nothing is open. */
@Component({
  selector: 'hub-departments-page',
  imports: [ReactiveFormsModule, TranslatePipe, LoadStateComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './admin.css',
  template: `
    <div class="page-head">
      <h1>{{ 'dept.title' | t }}</h1>
    </div>
    <form
      class="card people-form"
      [formGroup]="form"
      (ngSubmit)="save()"
      novalidate
      data-testid="dept-form"
      aria-labelledby="dept-form-title"
    >
      <h2 id="dept-form-title">{{ (editing() ? 'dept.edit' : 'dept.new') | t }}</h2>
      <div class="field-row">
        @for (f of fields; track f.key) {
          <div class="field" [class.field-narrow]="f.key === 'code'">
            <label [for]="'dept-' + f.key">{{ f.label | t }}</label>
            <input
              [id]="'dept-' + f.key"
              [formControlName]="f.key"
              [attr.aria-invalid]="!!errors()[f.key]"
              [attr.aria-describedby]="errors()[f.key] ? 'dept-' + f.key + '-error' : null"
              [attr.data-testid]="'dept-' + f.key"
            />
            @if (errors()[f.key]; as e) {
              <p class="field-error" [id]="'dept-' + f.key + '-error'">{{ e }}</p>
            }
          </div>
        }
      </div>
      <div class="form-actions">
        <button type="submit" class="button-primary" [disabled]="busy()" data-testid="dept-save">
          {{ (editing() ? 'dept.saveEdit' : 'dept.create') | t }}
        </button>
        @if (editing()) {
          <button type="button" class="button-quiet" (click)="cancel()">{{ 'circ.cancel' | t }}</button>
        }
      </div>
    </form>
    <div aria-live="polite">
      @if (message(); as m) {
        <p class="alert alert-error" role="alert" data-testid="dept-error">{{ m }}</p>
      }
      @if (saved(); as s) {
        <p class="notice" role="status">{{ s }}</p>
      }
    </div>
    <section class="card" aria-labelledby="dept-list-title">
      <h2 id="dept-list-title">{{ 'dept.list' | t }}</h2>
      <hub-load-state [of]="departmentsLoad" testId="dept" />
      <div class="table-scroll">
        <table data-testid="dept-table">
          <thead>
            <tr>
              <th scope="col">{{ 'dept.code' | t }}</th>
              <th scope="col">{{ 'dept.name' | t }}</th>
              <th scope="col">{{ 'dept.nameEn' | t }}</th>
              <th scope="col">{{ 'dept.liaisons' | t }}</th>
              <th scope="col">{{ 'people.status' | t }}</th>
              <th scope="col">
                <span class="visually-hidden">{{ 'people.actions' | t }}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            @for (d of departments(); track d.id) {
              <tr [attr.data-code]="d.code">
                <th scope="row">{{ d.code }}</th>
                <td>{{ d.name }}</td>
                <td>{{ d.nameEn }}</td>
                <td>{{ d.liaisons }}</td>
                <td>{{ (d.active ? 'people.active' : 'people.inactive') | t }}</td>
                <td class="row-actions">
                  @if (d.active) {
                    <button
                      type="button"
                      class="button-secondary"
                      (click)="edit(d)"
                      [attr.aria-label]="'dept.editOf' | t: { name: d.name }"
                    >
                      {{ 'dept.edit' | t }}
                    </button>
                    @if (confirming() === d.id) {
                      <span role="group" [attr.aria-label]="'dept.deactivateOf' | t: { name: d.name }">
                        <span class="small">{{ 'dept.deactivateConsequence' | t }}</span>
                        <button
                          type="button"
                          class="button-danger"
                          [disabled]="busy()"
                          (click)="deactivate(d)"
                          data-testid="dept-deactivate-confirm"
                        >
                          {{ 'people.deactivateYes' | t }}
                        </button>
                        <button type="button" class="button-quiet" (click)="confirming.set(null)">{{ 'circ.cancel' | t }}</button>
                      </span>
                    } @else {
                      <button
                        type="button"
                        class="button-quiet"
                        (click)="confirming.set(d.id)"
                        [attr.aria-label]="'dept.deactivateOf' | t: { name: d.name }"
                        data-testid="dept-deactivate"
                      >
                        {{ 'people.deactivate' | t }}
                      </button>
                    }
                  }
                </td>
              </tr>
            }
          </tbody>
        </table>
      </div>
    </section>
  `,
})
export class DepartmentsPage {
  private readonly api = inject(PeopleApi);
  private readonly i18n = inject(I18nService);
  private readonly store = inject(DepartmentsStore);

  protected readonly fields = [
    { key: 'code', label: 'dept.code' },
    { key: 'name', label: 'dept.name' },
    { key: 'nameEn', label: 'dept.nameEn' },
  ] as const;
  protected readonly form = inject(NonNullableFormBuilder).group({ code: '', name: '', nameEn: '' });
  /** Issue 14: the list shows its loading and, failing, a retry — as every other page. */
  protected readonly departmentsLoad = loadable(() => firstValueFrom(this.api.departments()));
  protected readonly departments = computed(() => this.departmentsLoad.value() ?? []);
  protected readonly editing = signal<DepartmentAdminView | null>(null);
  protected readonly confirming = signal<string | null>(null);
  protected readonly errors = signal<Partial<Record<keyof SaveDepartmentRequest, string>>>({});
  protected readonly message = signal<string | null>(null);
  protected readonly saved = signal<string | null>(null);
  protected readonly busy = signal(false);

  constructor() {
    void this.departmentsLoad.load();
  }

  protected edit(d: DepartmentAdminView): void {
    this.editing.set(d);
    this.form.setValue({ code: d.code, name: d.name, nameEn: d.nameEn });
    document.getElementById('dept-code')?.focus();
  }

  protected cancel(): void {
    this.editing.set(null);
    this.form.reset();
  }

  protected save(): Promise<void> {
    const editing = this.editing();
    const body = this.form.getRawValue();
    return this.run(editing ? this.api.updateDepartment(editing.id, body) : this.api.createDepartment(body), (d) => {
      this.cancel();
      return this.i18n.t('dept.saved', { name: d.name });
    });
  }

  protected deactivate(d: DepartmentAdminView): Promise<void> {
    return this.run(this.api.deactivateDepartment(d.id), () => this.i18n.t('dept.deactivated', { name: d.name }));
  }

  private async run(call: ReturnType<PeopleApi['createDepartment']>, done: (d: DepartmentAdminView) => string): Promise<void> {
    this.busy.set(true);
    this.message.set(null);
    this.saved.set(null);
    try {
      const d = await firstValueFrom(call);
      this.errors.set({});
      this.confirming.set(null);
      this.saved.set(done(d));
      await this.departmentsLoad.load();
      // Every screen's department names follow (the board, admission).
      this.store.reset();
      void this.store.load().catch(() => undefined);
    } catch (e) {
      const problem = readProblem(e, this.i18n);
      this.errors.set(problem.fields);
      this.message.set(problem.message ?? this.i18n.t('common.networkError'));
    } finally {
      this.busy.set(false);
    }
  }
}
