import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormsModule, NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { firstValueFrom } from 'rxjs';
import {
  ACCOUNT_ROLES,
  contactProblems,
  normalizeContact,
  PEOPLE_CSV_TEMPLATE,
  PEOPLE_TEMPLATE_ROWS,
  spreadsheetToCsv,
  type DepartmentAdminView,
  type OneTimePasswordResult,
  type PeopleImportPreview,
  type PeopleImportResult,
  type Role,
  type UserView,
} from '@hub/shared';
import { PeopleApi } from '../core/api/people-api.service';
import { problemKey, readProblem } from '../core/api/problem';
import { I18nService, TranslatePipe } from '../core/i18n';
import { roleKey } from '../core/i18n/labels';
import { loadable, LoadStateComponent } from '../ui/load-state';

/**
 * R1: the admin keeps the people: accounts with a role (a liaison with its one department), one-time
 * passwords shown once, resets, switching off, and a CSV import checked row by row before anything is written.
 */
const isXlsx = (file: File) =>
  /\.xlsx$/i.test(file.name) || file.type === 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

@Component({
  selector: 'hub-people-page',
  imports: [ReactiveFormsModule, FormsModule, TranslatePipe, LoadStateComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './admin.css',
  template: `
    <div class="page-head">
      <h1>{{ 'people.title' | t }}</h1>
    </div>
    <div aria-live="assertive">
      @if (oneTime(); as o) {
        <div class="notice one-time" role="alert" data-testid="one-time-password">
          <p>{{ 'people.oneTimeFor' | t: { name: o.user.displayName, username: o.user.username } }}</p>
          <p class="one-time-value">
            <code data-testid="one-time-value">{{ o.oneTimePassword }}</code>
          </p>
          <p class="small">{{ 'people.oneTimeHint' | t }}</p>
          <button type="button" class="button-quiet" (click)="oneTime.set(null)">{{ 'people.oneTimeDone' | t }}</button>
        </div>
      }
    </div>
    <form
      class="card people-form"
      [formGroup]="form"
      (ngSubmit)="create()"
      novalidate
      data-testid="user-form"
      aria-labelledby="user-form-title"
    >
      <h2 id="user-form-title">{{ 'people.new' | t }}</h2>
      <div class="field-row">
        <div class="field">
          <label for="user-username">{{ 'login.username' | t }}</label>
          <input
            id="user-username"
            formControlName="username"
            autocapitalize="none"
            spellcheck="false"
            [attr.aria-invalid]="!!errors()['username']"
            [attr.aria-describedby]="errors()['username'] ? 'user-username-error' : null"
            data-testid="user-username"
          />
          @if (errors()['username']; as e) {
            <p class="field-error" id="user-username-error">{{ e }}</p>
          }
        </div>
        <div class="field">
          <label for="user-displayName">{{ 'people.displayName' | t }}</label>
          <input
            id="user-displayName"
            formControlName="displayName"
            [attr.aria-invalid]="!!errors()['displayName']"
            [attr.aria-describedby]="errors()['displayName'] ? 'user-displayName-error' : null"
            data-testid="user-displayName"
          />
          @if (errors()['displayName']; as e) {
            <p class="field-error" id="user-displayName-error">{{ e }}</p>
          }
        </div>
        <div class="field">
          <label for="user-role">{{ 'people.role' | t }}</label>
          <select id="user-role" formControlName="role" [attr.aria-invalid]="!!errors()['role']" data-testid="user-role">
            <option value="" disabled>{{ 'people.choose' | t }}</option>
            @for (r of roles; track r) {
              <option [value]="r">{{ roleLabel(r) | t }}</option>
            }
          </select>
          @if (errors()['role']; as e) {
            <p class="field-error">{{ e }}</p>
          }
        </div>
        @if (form.controls.role.value === 'liaison') {
          <div class="field">
            <label for="user-department">{{ 'people.department' | t }}</label>
            <select
              id="user-department"
              formControlName="departmentId"
              [attr.aria-invalid]="!!errors()['departmentId']"
              [attr.aria-describedby]="errors()['departmentId'] ? 'user-department-error' : 'user-department-hint'"
              data-testid="user-department"
            >
              <option value="" disabled>{{ 'people.choose' | t }}</option>
              @for (d of activeDepartments(); track d.id) {
                <option [value]="d.id">{{ d.code }} {{ d.name }}</option>
              }
            </select>
            <p class="field-hint" id="user-department-hint">{{ 'people.departmentHint' | t }}</p>
            @if (errors()['departmentId']; as e) {
              <p class="field-error" id="user-department-error">{{ e }}</p>
            }
          </div>
        }
      </div>
      <div class="form-actions">
        <button type="submit" class="button-primary" [disabled]="busy()" data-testid="user-create">{{ 'people.create' | t }}</button>
      </div>
    </form>
    <div aria-live="polite">
      @if (message(); as m) {
        <p class="alert alert-error" role="alert" data-testid="people-error">{{ m }}</p>
      }
    </div>
    <section class="card" aria-labelledby="people-list-title">
      <h2 id="people-list-title">{{ 'people.list' | t }}</h2>
      <hub-load-state [of]="peopleLoad" testId="people" />
      <div class="table-scroll">
        <table data-testid="people-table">
          <thead>
            <tr>
              <th scope="col">{{ 'login.username' | t }}</th>
              <th scope="col">{{ 'people.displayName' | t }}</th>
              <th scope="col">{{ 'people.role' | t }}</th>
              <th scope="col">{{ 'people.department' | t }}</th>
              <th scope="col">{{ 'people.contact' | t }}</th>
              <th scope="col">{{ 'people.status' | t }}</th>
              <th scope="col">
                <span class="visually-hidden">{{ 'people.actions' | t }}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            @for (u of users(); track u.id) {
              <tr [attr.data-username]="u.username">
                <th scope="row">{{ u.username }}</th>
                <td>{{ u.displayName }}</td>
                <td>{{ roleLabel(u.role) | t }}</td>
                <td>{{ departmentName(u.departmentId) }}</td>
                <td class="contact" data-testid="user-contact">
                  @if (contactOf() === u.id) {
                    <form
                      class="contact-form"
                      (ngSubmit)="saveContact(u)"
                      novalidate
                      [attr.aria-label]="'people.contactOf' | t: { name: u.displayName }"
                      data-testid="contact-form"
                    >
                      <label for="contact-email">{{ 'notify.mine.email' | t }}</label>
                      <input
                        id="contact-email"
                        name="email"
                        type="email"
                        autocomplete="off"
                        [(ngModel)]="contactEmail"
                        [attr.aria-invalid]="!!contactErrors()['email']"
                        [attr.aria-describedby]="contactErrors()['email'] ? 'contact-email-error' : null"
                        data-testid="contact-email"
                      />
                      @if (contactErrors()['email']; as e) {
                        <p class="field-error" id="contact-email-error">{{ e }}</p>
                      }
                      <label for="contact-mobile">{{ 'notify.mine.mobile' | t }}</label>
                      <input
                        id="contact-mobile"
                        name="mobile"
                        type="tel"
                        autocomplete="off"
                        [(ngModel)]="contactMobile"
                        [attr.aria-invalid]="!!contactErrors()['mobile']"
                        [attr.aria-describedby]="contactErrors()['mobile'] ? 'contact-mobile-error' : 'contact-hint'"
                        data-testid="contact-mobile"
                      />
                      @if (contactErrors()['mobile']; as e) {
                        <p class="field-error" id="contact-mobile-error">{{ e }}</p>
                      }
                      <p class="field-hint small" id="contact-hint">{{ 'people.contactHint' | t }}</p>
                      <button type="submit" class="button-primary" [disabled]="busy()" data-testid="contact-save">
                        {{ 'people.contactSave' | t }}
                      </button>
                      <button type="button" class="button-quiet" (click)="contactOf.set(null)">{{ 'circ.cancel' | t }}</button>
                    </form>
                  } @else {
                    <span class="small">{{ u.email || ('common.dash' | t) }}<br />{{ u.mobile || ('common.dash' | t) }}</span>
                    <button
                      type="button"
                      class="button-link"
                      (click)="editContact(u)"
                      [attr.aria-label]="'people.contactOf' | t: { name: u.displayName }"
                      data-testid="contact-edit"
                    >
                      {{ 'people.contactEdit' | t }}
                    </button>
                  }
                </td>
                <td>
                  {{ (u.active ? 'people.active' : 'people.inactive') | t }}
                  @if (u.active && u.mustChangePassword) {
                    <span class="muted small">{{ 'people.mustChange' | t }}</span>
                  }
                </td>
                <td class="row-actions">
                  @if (u.active) {
                    @if (confirming()?.id === u.id) {
                      <span role="group" [attr.aria-label]="u.displayName">
                        <span class="small">{{
                          (confirming()!.kind === 'reset' ? 'people.resetConsequence' : 'people.deactivateConsequence') | t
                        }}</span>
                        <button type="button" class="button-danger" [disabled]="busy()" (click)="confirm(u)" data-testid="user-confirm">
                          {{ (confirming()!.kind === 'reset' ? 'people.resetYes' : 'people.deactivateYes') | t }}
                        </button>
                        <button type="button" class="button-quiet" (click)="confirming.set(null)">{{ 'circ.cancel' | t }}</button>
                      </span>
                    } @else {
                      <button
                        type="button"
                        class="button-secondary"
                        (click)="confirming.set({ id: u.id, kind: 'reset' })"
                        [attr.aria-label]="'people.resetOf' | t: { name: u.displayName }"
                      >
                        {{ 'people.reset' | t }}
                      </button>
                      <button
                        type="button"
                        class="button-quiet"
                        (click)="confirming.set({ id: u.id, kind: 'deactivate' })"
                        [attr.aria-label]="'people.deactivateOf' | t: { name: u.displayName }"
                      >
                        {{ 'people.deactivate' | t }}
                      </button>
                    }
                  } @else {
                    <button
                      type="button"
                      class="button-secondary"
                      [disabled]="busy()"
                      (click)="reactivate(u)"
                      [attr.aria-label]="'people.reactivateOf' | t: { name: u.displayName }"
                      data-testid="user-reactivate"
                    >
                      {{ 'people.reactivate' | t }}
                    </button>
                  }
                </td>
              </tr>
            }
          </tbody>
        </table>
      </div>
    </section>

    <section class="card" aria-labelledby="import-title" data-testid="import">
      <h2 id="import-title">{{ 'import.title' | t }}</h2>
      <p class="muted small">{{ 'import.intro' | t }}</p>
      <p class="template-links">
        <button type="button" class="button-link" (click)="downloadXlsxTemplate()" data-testid="import-template-xlsx">
          {{ 'import.templateXlsx' | t }}
        </button>
        <a [href]="templateHref" download="people-template.csv" data-testid="import-template">{{ 'import.template' | t }}</a>
      </p>
      <div class="field">
        <label for="import-file">{{ 'import.file' | t }}</label>
        <input
          id="import-file"
          type="file"
          accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          (change)="read($event)"
          data-testid="import-file"
        />
      </div>
      @if (preview(); as p) {
        <p role="status">
          {{ 'import.summary' | t: { departments: p.departments.length, users: p.users.length, errors: p.errors.length } }}
        </p>
        @if (p.errors.length) {
          <table data-testid="import-errors">
            <caption>
              {{
                'import.errors' | t
              }}
            </caption>
            <thead>
              <tr>
                <th scope="col">{{ 'import.line' | t }}</th>
                <th scope="col">{{ 'import.field' | t }}</th>
                <th scope="col">{{ 'import.problem' | t }}</th>
              </tr>
            </thead>
            <tbody>
              @for (e of p.errors; track $index) {
                <tr>
                  <td>{{ e.line }}</td>
                  <td>{{ e.field }}</td>
                  <td>{{ problemKey(e.code) | t }}</td>
                </tr>
              }
            </tbody>
          </table>
        } @else {
          <button type="button" class="button-primary" [disabled]="busy()" (click)="import()" data-testid="import-run">
            {{ 'import.run' | t: { n: p.departments.length + p.users.length } }}
          </button>
        }
      }
      @if (imported(); as r) {
        <div class="notice" role="alert" data-testid="import-result">
          <p>{{ 'import.done' | t: { departments: r.departments, users: r.users.length } }}</p>
          <table>
            <caption>
              {{
                'people.oneTimeHint' | t
              }}
            </caption>
            <tbody>
              @for (u of r.users; track u.username) {
                <tr>
                  <th scope="row">{{ u.username }}</th>
                  <td>{{ u.displayName }}</td>
                  <td>
                    <code>{{ u.oneTimePassword }}</code>
                  </td>
                </tr>
              }
            </tbody>
          </table>
        </div>
      }
    </section>
  `,
})
export class PeoplePage {
  private readonly api = inject(PeopleApi);
  private readonly i18n = inject(I18nService);
  protected readonly problemKey = problemKey;

  protected readonly roles = ACCOUNT_ROLES;
  protected readonly roleLabel = roleKey;
  protected readonly templateHref = `data:text/csv;charset=utf-8,${encodeURIComponent(PEOPLE_CSV_TEMPLATE)}`;
  protected readonly form = inject(NonNullableFormBuilder).group({
    username: '',
    displayName: '',
    role: '' as Role | '',
    departmentId: '',
  });
  /** Issue 14: the people and departments load with a visible state and, failing, a retry. */
  protected readonly peopleLoad = loadable(async () => {
    const [users, departments] = await Promise.all([firstValueFrom(this.api.users()), firstValueFrom(this.api.departments())]);
    return { users, departments };
  });
  protected readonly users = computed<UserView[]>(() => this.peopleLoad.value()?.users ?? []);
  protected readonly departments = computed<DepartmentAdminView[]>(() => this.peopleLoad.value()?.departments ?? []);
  protected readonly activeDepartments = computed(() => this.departments().filter((d) => d.active));
  protected readonly errors = signal<Record<string, string>>({});
  protected readonly message = signal<string | null>(null);
  protected readonly oneTime = signal<OneTimePasswordResult | null>(null);
  protected readonly confirming = signal<{ id: string; kind: 'reset' | 'deactivate' } | null>(null);
  protected readonly busy = signal(false);
  /** R27: the person whose e-mail and mobile are being edited, and the values typed so far. */
  protected readonly contactOf = signal<string | null>(null);
  protected contactEmail = '';
  protected contactMobile = '';
  protected readonly contactErrors = signal<Record<string, string>>({});
  protected readonly preview = signal<PeopleImportPreview | null>(null);
  protected readonly imported = signal<PeopleImportResult | null>(null);
  private content = '';

  constructor() {
    void this.peopleLoad.load();
  }

  protected departmentName(id: string | null): string {
    const d = id ? this.departments().find((x) => x.id === id) : undefined;
    return d ? (this.i18n.lang() === 'zh' ? d.name : d.nameEn) : this.i18n.t('common.dash');
  }

  protected create(): Promise<void> {
    const v = this.form.getRawValue();
    if (!v.role) {
      this.errors.set({ role: this.i18n.t('common.required') });
      return Promise.resolve();
    }
    const body = {
      username: v.username.trim(),
      displayName: v.displayName.trim(),
      role: v.role,
      departmentId: v.role === 'liaison' ? v.departmentId || null : null,
    };
    return this.run(async () => {
      this.oneTime.set(await firstValueFrom(this.api.createUser(body)));
      this.form.reset();
    });
  }

  protected confirm(u: UserView): Promise<void> {
    const kind = this.confirming()?.kind;
    return this.run(async () => {
      if (kind === 'reset') this.oneTime.set(await firstValueFrom(this.api.resetPassword(u.id)));
      else await firstValueFrom(this.api.deactivateUser(u.id));
      this.confirming.set(null);
    });
  }

  /** R1: switching on again grants nothing new (the person's own password, its role): no confirmation step. */
  protected reactivate(u: UserView): Promise<void> {
    return this.run(async () => void (await firstValueFrom(this.api.reactivateUser(u.id))));
  }

  protected editContact(u: UserView): void {
    this.contactErrors.set({});
    this.contactEmail = u.email ?? '';
    this.contactMobile = u.mobile ?? '';
    this.contactOf.set(u.id);
  }

  /** R27: checked as the server checks it, so a typo shows at its field before the round trip. */
  protected async saveContact(u: UserView): Promise<void> {
    if (this.busy()) return;
    const contact = normalizeContact({ email: this.contactEmail, mobile: this.contactMobile });
    const problems = contactProblems(contact);
    this.contactErrors.set(Object.fromEntries(problems.map((p) => [p.field, this.i18n.t(`problem.${p.code}`)])));
    if (problems.length) return;
    this.busy.set(true);
    this.message.set(null);
    try {
      await firstValueFrom(this.api.updateContact(u.id, contact));
      this.contactOf.set(null);
      await this.peopleLoad.load();
    } catch (e) {
      const problem = readProblem(e, this.i18n);
      this.contactErrors.set(problem.fields);
      if (!Object.keys(problem.fields).length) this.message.set(problem.message ?? this.i18n.t('common.networkError'));
    } finally {
      this.busy.set(false);
    }
  }

  protected async read(event: Event): Promise<void> {
    const file = (event.target as HTMLInputElement).files?.[0];
    this.preview.set(null);
    this.imported.set(null);
    if (!file) return;
    try {
      // XLSX: read in the browser into the rows the CSV path reads, so one preview and one validator decide.
      this.content = isXlsx(file) ? spreadsheetToCsv(await (await import('read-excel-file/browser')).readSheet(file)) : await file.text();
    } catch {
      this.message.set(this.i18n.t('import.unreadable'));
      return;
    }
    await this.run(async () => this.preview.set(await firstValueFrom(this.api.previewImport(this.content))));
  }

  /** The same template as the CSV one, as a spreadsheet (its columns as text, so codes keep their zeros). */
  protected async downloadXlsxTemplate(): Promise<void> {
    const { default: writeXlsxFile } = await import('write-excel-file/browser');
    await writeXlsxFile(
      PEOPLE_TEMPLATE_ROWS.map((row) => row.map((value) => ({ value, type: String }))),
      { columns: PEOPLE_TEMPLATE_ROWS[0]!.map(() => ({ width: 18 })) },
    ).toFile('people-template.xlsx');
  }

  protected import(): Promise<void> {
    return this.run(async () => {
      this.imported.set(await firstValueFrom(this.api.import(this.content)));
      this.preview.set(null);
    });
  }

  private async run(work: () => Promise<void>): Promise<void> {
    this.busy.set(true);
    this.message.set(null);
    try {
      await work();
      this.errors.set({});
      await this.peopleLoad.load();
    } catch (e) {
      const problem = readProblem(e, this.i18n);
      this.errors.set(problem.fields);
      this.message.set(problem.message ?? this.i18n.t('common.networkError'));
    } finally {
      this.busy.set(false);
    }
  }
}
