import { ChangeDetectionStrategy, Component, computed, inject, input, output, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { lifeActionError, type ProjectView } from '@hub/shared';
import { ApiService } from '../core/api/api.service';
import { readProblem } from '../core/api/problem';
import { HubTimePipe } from '../core/format/format.pipes';
import { I18nService, TranslatePipe, lifeKey, type TranslationKey } from '../core/i18n';
import { SessionStore } from '../core/session/session.store';

/**
 * R4a: where the project is in its life — its state, its national project code (the window edits it
 * until admission), the refusal, withdrawal or completion on record — and the window's withdrawal:
 * nothing preselected, and a confirmation that states the consequence before anything is sent.
 */
@Component({
  selector: 'hub-project-life',
  imports: [TranslatePipe, HubTimePipe, RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="card" aria-labelledby="life-title" data-testid="project-life" [attr.data-life]="project().life">
      <h2 id="life-title">{{ 'life.title' | t }}</h2>
      <dl class="facts">
        <div>
          <dt>{{ 'life.title' | t }}</dt>
          <dd data-testid="project-life-state">{{ lifeKey(project().life) | t }}</dd>
        </div>
        <div>
          <dt>{{ 'life.nationalCode' | t }}</dt>
          <dd data-testid="project-national-code">{{ project().nationalCode ?? ('life.nationalCodeNone' | t) }}</dd>
        </div>
        @if (project().withdrawal; as w) {
          <div>
            <dt>{{ 'life.withdrawnReason' | t }}</dt>
            <dd data-testid="project-withdrawal">{{ w.reason }}</dd>
          </div>
          <div>
            <dt>{{ 'life.withdrawnOn' | t }}</dt>
            <dd>{{ w.requestedOn }} · {{ 'life.withdrawnBy' | t }} {{ w.recordedBy }} · {{ w.recordedAt | hubTime }}</dd>
          </div>
        }
        @if (project().completion; as c) {
          <div>
            <dt>{{ 'life.completedAt' | t }}</dt>
            <dd data-testid="project-completion">
              {{ c.completedAt | hubTime }} ·
              <a [routerLink]="['/documents', c.noticeId]">{{ 'life.completionNotice' | t }} {{ c.noticeNumber }}</a>
            </dd>
          </div>
        }
      </dl>

      @if (canEditCode()) {
        <form class="inline-form" (submit)="saveCode($event)" novalidate>
          <div class="field">
            <label for="life-national-code">{{ 'life.nationalCode' | t }}</label>
            <input
              id="life-national-code"
              data-testid="life-national-code"
              autocomplete="off"
              spellcheck="false"
              maxlength="24"
              placeholder="2024-330106-48-01-012345"
              [value]="code()"
              (input)="code.set(value($event))"
              aria-describedby="life-national-code-hint"
              [attr.aria-invalid]="codeError() ? true : null"
            />
            <p class="field-hint" id="life-national-code-hint">{{ 'life.nationalCodeHint' | t }}</p>
            @if (codeError(); as e) {
              <p class="field-error" data-testid="field-error" data-field="nationalCode" role="alert">{{ e }}</p>
            }
          </div>
          <button type="submit" class="button-quiet" data-testid="life-national-code-save" [disabled]="busy()">
            {{ 'life.nationalCodeSave' | t }}
          </button>
        </form>
      }

      @if (done(); as d) {
        <p class="alert" role="status" data-testid="life-done">{{ d | t }}</p>
      }

      @if (canWithdraw()) {
        <form (submit)="withdraw($event)" novalidate data-testid="withdraw-form" aria-labelledby="withdraw-title">
          <h3 id="withdraw-title">{{ 'life.withdrawTitle' | t }}</h3>
          <p class="muted">{{ 'life.withdrawIntro' | t }}</p>
          @if (message(); as m) {
            <p class="alert alert-error" role="alert">{{ m }}</p>
          }
          <div class="field">
            <label for="withdraw-reason">{{ 'life.withdrawReason' | t }}</label>
            <textarea
              id="withdraw-reason"
              data-testid="withdraw-reason"
              rows="2"
              maxlength="2000"
              required
              [value]="reason()"
              (input)="edit(reason, $event)"
              [attr.aria-invalid]="fields()['reason'] ? true : null"
              [attr.aria-describedby]="fields()['reason'] ? 'withdraw-reason-error' : null"
            ></textarea>
            @if (fields()['reason']; as e) {
              <p class="field-error" id="withdraw-reason-error" data-testid="field-error" data-field="reason">{{ e }}</p>
            }
          </div>
          <div class="field">
            <label for="withdraw-requested-on">{{ 'life.withdrawRequestedOn' | t }}</label>
            <input
              id="withdraw-requested-on"
              data-testid="withdraw-requested-on"
              type="date"
              required
              [value]="requestedOn()"
              (input)="edit(requestedOn, $event)"
              [attr.aria-invalid]="fields()['requestedOn'] ? true : null"
              [attr.aria-describedby]="fields()['requestedOn'] ? 'withdraw-requested-on-error' : null"
            />
            @if (fields()['requestedOn']; as e) {
              <p class="field-error" id="withdraw-requested-on-error" data-testid="field-error" data-field="requestedOn">{{ e }}</p>
            }
          </div>
          @if (confirming()) {
            <!-- A binding act: the consequence is stated before it is sent (R4a). -->
            <div class="alert alert-warning" role="alert" data-testid="withdraw-consequence">{{ 'life.withdrawConsequence' | t }}</div>
            <div class="form-actions">
              <button type="submit" class="button-danger" data-testid="withdraw-confirm" [disabled]="busy()">
                {{ 'life.withdrawConfirm' | t }}
              </button>
              <button type="button" class="button-quiet" (click)="confirming.set(false)">{{ 'life.withdrawBack' | t }}</button>
            </div>
          } @else {
            <div class="form-actions">
              <button type="submit" class="button-quiet" data-testid="withdraw-submit">{{ 'life.withdrawSubmit' | t }}</button>
            </div>
          }
        </form>
      }
    </section>
  `,
})
export class ProjectLifeComponent {
  private readonly api = inject(ApiService);
  private readonly session = inject(SessionStore);
  private readonly i18n = inject(I18nService);

  readonly project = input.required<ProjectView>();
  readonly changed = output<ProjectView>();

  protected readonly lifeKey = lifeKey;
  protected readonly reason = signal('');
  protected readonly requestedOn = signal('');
  protected readonly code = signal('');
  protected readonly confirming = signal(false);
  protected readonly busy = signal(false);
  protected readonly message = signal<string | null>(null);
  protected readonly fields = signal<Record<string, string>>({});
  protected readonly codeError = signal<string | null>(null);
  protected readonly done = signal<'life.withdrawDone' | 'life.nationalCodeSaved' | null>(null);

  // The same guards as the server's (R4a), so the window only sees what it may do now.
  protected readonly canWithdraw = computed(
    () => this.session.can('project.withdraw') && lifeActionError(this.project().life, 'withdraw') === null,
  );
  protected readonly canEditCode = computed(
    () => this.session.can('project.edit') && lifeActionError(this.project().life, 'edit_national_code') === null,
  );

  protected value(event: Event): string {
    return (event.target as HTMLInputElement).value;
  }

  /** Any change of the answers takes back a pending confirmation: the consequence stated must be of what is sent. */
  protected edit(field: typeof this.reason, event: Event): void {
    field.set(this.value(event));
    this.confirming.set(false);
  }

  protected async saveCode(event: Event): Promise<void> {
    event.preventDefault();
    this.busy.set(true);
    this.codeError.set(null);
    this.done.set(null);
    try {
      const code = this.code().trim();
      this.changed.emit(await firstValueFrom(this.api.setNationalCode(this.project().id, { nationalCode: code === '' ? null : code })));
      this.done.set('life.nationalCodeSaved');
    } catch (e) {
      const problem = readProblem(e, this.i18n);
      this.codeError.set(problem.fields['nationalCode'] ?? problem.message);
    } finally {
      this.busy.set(false);
    }
  }

  protected async withdraw(event: Event): Promise<void> {
    event.preventDefault();
    const missing: Record<string, TranslationKey> = {};
    if (!this.reason().trim()) missing['reason'] = 'life.reasonRequired';
    if (!this.requestedOn()) missing['requestedOn'] = 'life.dateRequired';
    this.message.set(null);
    if (Object.keys(missing).length > 0) {
      this.fields.set(Object.fromEntries(Object.entries(missing).map(([k, key]) => [k, this.i18n.t(key)])));
      this.confirming.set(false);
      return;
    }
    this.fields.set({});
    if (!this.confirming()) {
      this.confirming.set(true);
      return;
    }
    this.busy.set(true);
    try {
      const project = await firstValueFrom(
        this.api.withdrawProject(this.project().id, { reason: this.reason().trim(), requestedOn: this.requestedOn() }),
      );
      this.confirming.set(false);
      this.done.set('life.withdrawDone');
      this.changed.emit(project);
    } catch (e) {
      const problem = readProblem(e, this.i18n);
      this.fields.set(problem.fields);
      this.message.set(problem.message);
      this.confirming.set(false);
    } finally {
      this.busy.set(false);
    }
  }
}
