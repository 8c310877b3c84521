import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { firstValueFrom } from 'rxjs';
import type { DeputiesOverview } from '@hub/shared';
import { PeopleApi } from '../core/api/people-api.service';
import { readProblem } from '../core/api/problem';
import { HubTimePipe } from '../core/format/format.pipes';
import { I18nService, TranslatePipe } from '../core/i18n';
import { SessionStore } from '../core/session/session.store';
import { loadable, LoadStateComponent } from '../ui/load-state';

/**
 * R1: a liaison names a deputy from its own department for a period (the admin for any liaison, or a
 * window colleague); during it the deputy acts for the liaison and the card records for whom.
 */
@Component({
  selector: 'hub-deputies-page',
  imports: [ReactiveFormsModule, TranslatePipe, HubTimePipe, LoadStateComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: '../admin/admin.css',
  template: `
    <div class="page-head">
      <h1>{{ 'deputy.title' | t }}</h1>
    </div>
    <form
      class="card people-form"
      [formGroup]="form"
      (ngSubmit)="name()"
      novalidate
      data-testid="deputy-form"
      aria-labelledby="deputy-form-title"
    >
      <h2 id="deputy-form-title">{{ 'deputy.new' | t }}</h2>
      <p class="muted small">{{ 'deputy.intro' | t }}</p>
      <div class="field-row">
        <div class="field">
          <label for="deputy-principal">{{ 'deputy.principal' | t }}</label>
          <select
            id="deputy-principal"
            formControlName="principalUserId"
            [attr.aria-invalid]="!!errors()['principalUserId']"
            data-testid="deputy-principal"
          >
            <option value="" disabled>{{ 'people.choose' | t }}</option>
            @for (p of overview().principals; track p.id) {
              <option [value]="p.id">{{ p.displayName }}</option>
            }
          </select>
          @if (errors()['principalUserId']; as e) {
            <p class="field-error">{{ e }}</p>
          }
        </div>
        <div class="field">
          <label for="deputy-deputy">{{ 'deputy.deputy' | t }}</label>
          <select
            id="deputy-deputy"
            formControlName="deputyUserId"
            [attr.aria-invalid]="!!errors()['deputyUserId']"
            [attr.aria-describedby]="errors()['deputyUserId'] ? 'deputy-deputy-error' : null"
            data-testid="deputy-deputy"
          >
            <option value="" disabled>{{ 'people.choose' | t }}</option>
            @for (c of candidates(); track c.id) {
              <option [value]="c.id">{{ c.displayName }}</option>
            }
          </select>
          @if (errors()['deputyUserId']; as e) {
            <p class="field-error" id="deputy-deputy-error">{{ e }}</p>
          }
        </div>
        <div class="field">
          <label for="deputy-starts">{{ 'deputy.starts' | t }}</label>
          <input
            id="deputy-starts"
            type="datetime-local"
            formControlName="startsAt"
            [attr.aria-invalid]="!!errors()['startsAt']"
            data-testid="deputy-starts"
          />
          @if (errors()['startsAt']; as e) {
            <p class="field-error">{{ e }}</p>
          }
        </div>
        <div class="field">
          <label for="deputy-ends">{{ 'deputy.ends' | t }}</label>
          <input
            id="deputy-ends"
            type="datetime-local"
            formControlName="endsAt"
            [attr.aria-invalid]="!!errors()['endsAt']"
            data-testid="deputy-ends"
          />
          @if (errors()['endsAt']; as e) {
            <p class="field-error">{{ e }}</p>
          }
        </div>
      </div>
      <div class="form-actions">
        <button type="submit" class="button-primary" [disabled]="busy()" data-testid="deputy-save">{{ 'deputy.save' | t }}</button>
      </div>
      <div aria-live="polite">
        @if (message(); as m) {
          <p class="alert alert-error" role="alert" data-testid="deputy-error">{{ m }}</p>
        }
      </div>
    </form>
    <section class="card" aria-labelledby="deputy-list-title">
      <h2 id="deputy-list-title">{{ 'deputy.list' | t }}</h2>
      <hub-load-state [of]="overviewLoad" testId="deputies" />
      @if (overviewLoad.value() === null) {
        <!-- nothing to list yet -->
      } @else if (overview().deputies.length === 0) {
        <p class="muted">{{ 'deputy.none' | t }}</p>
      } @else {
        <table data-testid="deputy-table">
          <thead>
            <tr>
              <th scope="col">{{ 'deputy.principal' | t }}</th>
              <th scope="col">{{ 'deputy.deputy' | t }}</th>
              <th scope="col">{{ 'deputy.starts' | t }}</th>
              <th scope="col">{{ 'deputy.ends' | t }}</th>
              <th scope="col">{{ 'deputy.namedBy' | t }}</th>
              <th scope="col">
                <span class="visually-hidden">{{ 'deputy.end' | t }}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            @for (d of overview().deputies; track d.id) {
              <tr>
                <th scope="row">{{ d.principal.displayName }}</th>
                <td>{{ d.deputy.displayName }}</td>
                <td>
                  <time [attr.datetime]="d.startsAt">{{ d.startsAt | hubTime: true }}</time>
                </td>
                <td>
                  <time [attr.datetime]="d.endsAt">{{ d.endsAt | hubTime: true }}</time>
                </td>
                <td>{{ d.namedBy.displayName }}</td>
                <td>
                  @if (ending() === d.id) {
                    <span role="group" [attr.aria-label]="'deputy.endOf' | t: { name: d.deputy.displayName }">
                      <span class="small">{{ 'deputy.endConsequence' | t: { name: d.deputy.displayName } }}</span>
                      <button type="button" class="button-danger" [disabled]="busy()" (click)="end(d.id)" data-testid="deputy-end-confirm">
                        {{ 'deputy.endYes' | t }}
                      </button>
                      <button type="button" class="button-quiet" (click)="ending.set(null)">{{ 'common.cancel' | t }}</button>
                    </span>
                  } @else {
                    <button
                      type="button"
                      class="button-quiet"
                      (click)="ending.set(d.id)"
                      [attr.aria-label]="'deputy.endOf' | t: { name: d.deputy.displayName }"
                      data-testid="deputy-end"
                    >
                      {{ 'deputy.end' | t }}
                    </button>
                  }
                </td>
              </tr>
            }
          </tbody>
        </table>
      }
    </section>
  `,
})
export class DeputiesPage {
  private readonly api = inject(PeopleApi);
  private readonly i18n = inject(I18nService);
  private readonly session = inject(SessionStore);

  protected readonly form = inject(NonNullableFormBuilder).group({ principalUserId: '', deputyUserId: '', startsAt: '', endsAt: '' });
  protected readonly overviewLoad = loadable(() => firstValueFrom(this.api.deputies()));
  protected readonly overview = computed<DeputiesOverview>(
    () => this.overviewLoad.value() ?? { deputies: [], principals: [], candidates: [] },
  );
  private readonly principalId = signal('');
  /** A liaison's colleagues of the chosen principal's department (and, for the admin, window colleagues). */
  protected readonly candidates = computed(() => {
    const principal = this.overview().principals.find((p) => p.id === this.principalId());
    return this.overview().candidates.filter(
      (c) => c.id !== principal?.id && (c.role === 'window' || c.departmentId === principal?.departmentId),
    );
  });
  protected readonly errors = signal<Record<string, string>>({});
  protected readonly message = signal<string | null>(null);
  protected readonly busy = signal(false);
  /** The period whose early end awaits confirmation (it takes the deputy's rights away at once). */
  protected readonly ending = signal<string | null>(null);

  constructor() {
    this.form.controls.principalUserId.valueChanges.subscribe((id) => this.principalId.set(id));
    void this.load().then(() => {
      // A liaison names its own deputy: it is the only principal it may choose.
      const me = this.session.user();
      if (me?.role === 'liaison') this.form.controls.principalUserId.setValue(me.id);
    });
  }

  protected async name(): Promise<void> {
    const v = this.form.getRawValue();
    const missing = (['principalUserId', 'deputyUserId', 'startsAt', 'endsAt'] as const).filter((k) => !v[k]);
    this.errors.set(Object.fromEntries(missing.map((k) => [k, this.i18n.t('common.required')])));
    if (missing.length || this.busy()) return;
    this.busy.set(true);
    this.message.set(null);
    try {
      await firstValueFrom(
        this.api.nameDeputy({ ...v, startsAt: new Date(v.startsAt).toISOString(), endsAt: new Date(v.endsAt).toISOString() }),
      );
      this.form.patchValue({ deputyUserId: '', startsAt: '', endsAt: '' });
      await this.load();
    } catch (e) {
      const problem = readProblem(e, this.i18n);
      this.errors.set(problem.fields);
      this.message.set(problem.message ?? this.i18n.t('common.networkError'));
    } finally {
      this.busy.set(false);
    }
  }

  protected async end(deputyId: string): Promise<void> {
    this.busy.set(true);
    this.message.set(null);
    try {
      await firstValueFrom(this.api.endDeputy(deputyId));
      this.ending.set(null);
      await this.load();
    } catch (e) {
      this.message.set(readProblem(e, this.i18n).message ?? this.i18n.t('common.networkError'));
    } finally {
      this.busy.set(false);
    }
  }

  private load(): Promise<void> {
    return this.overviewLoad.load();
  }
}
