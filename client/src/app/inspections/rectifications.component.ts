import { ChangeDetectionStrategy, Component, inject, input, output, signal } from '@angular/core';
import { firstValueFrom, type Observable } from 'rxjs';
import type { Department, MeetingView } from '@hub/shared';
import { ApiService } from '../core/api/api.service';
import { readProblem } from '../core/api/problem';
import { HubTimePipe } from '../core/format/format.pipes';
import { I18nService, TranslatePipe } from '../core/i18n';

/** R20: on-the-spot rectification requests of a joint site inspection, and whether each was done. */
@Component({
  selector: 'hub-rectifications',
  imports: [TranslatePipe, HubTimePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section aria-labelledby="rect-title" data-testid="rectifications">
      <h2 id="rect-title">{{ 'rect.title' | t }}</h2>
      @if (meeting().rectifications.length === 0) {
        <p class="muted">{{ 'rect.none' | t }}</p>
      } @else {
        <ul class="rect-list" aria-live="polite">
          @for (r of meeting().rectifications; track r.id) {
            <li data-testid="rectification" [attr.data-done]="r.done">
              <span class="rect-state" [class.done]="r.done">{{ (r.done ? 'rect.done' : 'rect.pending') | t }}</span>
              {{ r.request }}
              @if (r.departmentId && departments().get(r.departmentId); as d) {
                <span class="muted">（{{ i18n.name(d) }}）</span>
              }
              <span class="muted small">{{ r.requestedAt | hubTime }}</span>
              @if (canManage() && !r.done && meeting().status !== 'lapsed') {
                <button type="button" class="button-quiet" data-testid="rect-done" [disabled]="busy()" (click)="done(r.id)">
                  {{ 'rect.markDone' | t }}
                </button>
              }
            </li>
          }
        </ul>
      }
      @if (canManage() && (meeting().status === 'open' || meeting().status === 'scheduled')) {
        <form class="form-row" (submit)="add($event)" novalidate>
          <div class="field grow">
            <label for="rect-request">{{ 'rect.request' | t }}</label>
            <input id="rect-request" data-testid="rect-request" [value]="request()" (input)="request.set($any($event.target).value)" />
          </div>
          <div class="field">
            <label for="rect-dept">{{ 'rect.department' | t }}</label>
            <select id="rect-dept" data-testid="rect-department" (change)="departmentId.set($any($event.target).value)">
              <option value="">{{ 'rect.any' | t }}</option>
              @for (id of meeting().invitedDepartmentIds; track id) {
                <option [value]="id">{{ departments().get(id) ? i18n.name(departments().get(id)!) : id }}</option>
              }
            </select>
          </div>
          <button type="submit" class="button-secondary" data-testid="rect-add" [disabled]="busy() || !request().trim()">
            {{ 'rect.add' | t }}
          </button>
        </form>
      }
      @if (error(); as e) {
        <p class="field-error" role="alert">{{ e }}</p>
      }
    </section>
  `,
})
export class RectificationsComponent {
  private readonly api = inject(ApiService);
  protected readonly i18n = inject(I18nService);
  readonly meeting = input.required<MeetingView>();
  readonly departments = input.required<ReadonlyMap<string, Department>>();
  readonly canManage = input.required<boolean>();
  readonly changed = output<MeetingView>();

  protected readonly request = signal('');
  protected readonly departmentId = signal('');
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);

  protected add(event: Event): void {
    event.preventDefault();
    const request = this.request().trim();
    if (!request) return;
    void this.run(
      this.api.addRectification(this.meeting().id, { request, ...(this.departmentId() ? { departmentId: this.departmentId() } : {}) }),
      () => this.request.set(''),
    );
  }

  protected done(id: string): void {
    void this.run(this.api.completeRectification(this.meeting().id, id));
  }

  private async run(call: Observable<MeetingView>, after?: () => void): Promise<void> {
    this.busy.set(true);
    this.error.set(null);
    try {
      this.changed.emit(await firstValueFrom(call));
      after?.();
    } catch (e) {
      this.error.set(readProblem(e, this.i18n).message ?? this.i18n.t('common.networkError'));
    } finally {
      this.busy.set(false);
    }
  }
}
