import { ChangeDetectionStrategy, Component, DOCUMENT, computed, inject, input, output, signal } from '@angular/core';
import { Router } from '@angular/router';
import { firstValueFrom, type Observable } from 'rxjs';
import {
  MATERIAL_KINDS,
  permitMayFollow,
  type Department,
  type ItemMaterialsView,
  type MaterialFileView,
  type MaterialKind,
  type MaterialStatus,
  type MaterialView,
  type ProjectMaterialsView,
} from '@hub/shared';
import { problemMessages, readProblem } from '../core/api/problem';
import { I18nService, TranslatePipe, itemStatusKey } from '../core/i18n';
import { SessionStore } from '../core/session/session.store';
import { PaperTrailApi } from '../notices/paper-trail.api';
import { MaterialFilesComponent } from './material-files.component';

interface Draft {
  name: string;
  kind: MaterialKind;
  copies: number;
  reason: string;
}
const EMPTY_DRAFT: Draft = { name: '', kind: 'main', copies: 1, reason: '' };
const kindKey = (k: MaterialKind) => `materials.kind.${k}` as const;
const statusKey = (s: MaterialStatus) => `materials.status.${s}` as const;

/**
 * R7/R8: each department's checklist — main and secondary materials, copies required and received —
 * what is missing, whether the item may be accepted and its permit issued; materials asked for after
 * the one-time notification await a leader. Actions follow the shared permission rule (R2).
 */
@Component({
  selector: 'hub-materials-checklist',
  imports: [TranslatePipe, MaterialFilesComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section aria-labelledby="materials-title" data-testid="materials">
      <h2 id="materials-title">{{ 'materials.title' | t }}</h2>
      <p class="muted small" data-testid="otn-state">
        @if (view().oneTimeNotification; as otn) {
          {{ 'materials.otnIssued' | t: { number: otn.number } }}
        } @else {
          {{ 'materials.otnNotYet' | t }}
        }
      </p>
      @for (item of view().items; track item.itemId) {
        @let dept = department(item.departmentId);
        <div class="materials-item" [attr.data-testid]="'materials-' + dept.code">
          <h3>
            {{ i18n.name(dept) }}
            <span class="muted small"
              >{{ (item.isLead ? 'board.lead' : 'board.participant') | t }} · {{ itemStatusKey(item.status) | t }}</span
            >
          </h3>
          <p
            class="gate"
            [attr.data-testid]="'gate-' + dept.code"
            [attr.data-accept]="item.gate.mayAccept"
            [attr.data-permit]="item.gate.mayIssuePermit"
          >
            @if (item.materials.length === 0) {
              <!-- R8 Decision: an empty checklist is not complete; say what is wrong, not "not yet supplemented". -->
              <span class="gate-no" [attr.data-testid]="'gate-none-' + dept.code">{{ 'materials.noneListed' | t }}</span>
            } @else {
              <span [class.gate-ok]="item.gate.mayAccept" [class.gate-no]="!item.gate.mayAccept">{{
                (item.gate.mayAccept ? 'materials.mayAccept' : 'materials.mainMissing') | t
              }}</span>
              ·
              <span [class.gate-ok]="item.gate.mayIssuePermit" [class.gate-no]="!item.gate.mayIssuePermit">{{
                (item.gate.mayIssuePermit ? 'materials.mayPermit' : 'materials.permitBlocked') | t
              }}</span>
            }
          </p>
          @if (item.materials.length > 0) {
            <div class="table-scroll">
              <table class="materials-table">
                <caption class="visually-hidden">
                  {{
                    'materials.caption' | t: { department: i18n.name(dept) }
                  }}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">{{ 'materials.name' | t }}</th>
                    <th scope="col">{{ 'materials.kind' | t }}</th>
                    <th scope="col">{{ 'materials.copies' | t }}</th>
                    <th scope="col">{{ 'materials.received' | t }}</th>
                    <th scope="col">{{ 'materials.status' | t }}</th>
                    <th scope="col">{{ 'files.title' | t }}</th>
                  </tr>
                </thead>
                <tbody>
                  @for (m of item.materials; track m.id) {
                    <tr
                      [attr.data-testid]="'material-' + m.name"
                      [attr.data-status]="m.status"
                      [attr.data-missing]="m.status === 'required' && m.received < m.copies"
                    >
                      <th scope="row">{{ m.name }}</th>
                      <td>{{ kindKey(m.kind) | t }}</td>
                      <td>{{ m.copies }}</td>
                      <td>
                        @if (canRecord() && m.status !== 'refused') {
                          <label class="visually-hidden" [for]="'received-' + m.id">{{
                            'materials.receivedOf' | t: { name: m.name }
                          }}</label>
                          <input
                            class="received-input"
                            type="number"
                            min="0"
                            [max]="m.copies"
                            [id]="'received-' + m.id"
                            [attr.data-testid]="'material-received-' + m.name"
                            [value]="m.received"
                            (change)="setReceived(m, $event)"
                            [disabled]="busy()"
                          />
                          / {{ m.copies }}
                        } @else {
                          {{ m.received }} / {{ m.copies }}
                        }
                      </td>
                      <td>
                        {{ statusKey(m.status) | t }}
                        @if (m.afterNotice) {
                          <div class="small">{{ 'materials.afterNotice' | t: { number: m.afterNotice, reason: m.reason ?? '' } }}</div>
                        }
                        @if (m.ruling; as r) {
                          <div class="small muted">{{ 'materials.ruledBy' | t: { name: r.by } }}</div>
                        }
                        @if (m.status === 'requested' && canRule()) {
                          <div class="ruling-actions">
                            <button
                              type="button"
                              class="button-primary"
                              [attr.data-testid]="'material-approve-' + m.name"
                              [disabled]="busy()"
                              (click)="rule(m, true)"
                            >
                              {{ 'materials.approve' | t }}
                            </button>
                            <button
                              type="button"
                              class="button-danger"
                              [attr.data-testid]="'material-refuse-' + m.name"
                              [disabled]="busy()"
                              (click)="rule(m, false)"
                            >
                              {{ 'materials.refuse' | t }}
                            </button>
                          </div>
                        }
                      </td>
                      <td>
                        <hub-material-files
                          [material]="m"
                          [files]="filesOf(m.id)"
                          [canAttach]="m.status !== 'refused' && canAttach(item)"
                          [maxBytes]="view().maxFileBytes"
                          (changed)="changed.emit()"
                        />
                      </td>
                    </tr>
                  }
                </tbody>
              </table>
            </div>
          } @else {
            <p class="muted small">{{ 'materials.none' | t }}</p>
          }

          @if (canRequest(item)) {
            <form class="material-add" (submit)="add(item, dept.code, $event)" novalidate>
              <div class="field">
                <label [for]="'material-name-' + dept.code">{{ 'materials.name' | t }}</label>
                <input
                  [id]="'material-name-' + dept.code"
                  [attr.data-testid]="'material-name-' + dept.code"
                  [value]="draftOf(item.itemId).name"
                  (input)="edit(item.itemId, 'name', $event)"
                />
              </div>
              <div class="field field-narrow">
                <label [for]="'material-kind-' + dept.code">{{ 'materials.kind' | t }}</label>
                <select
                  [id]="'material-kind-' + dept.code"
                  [attr.data-testid]="'material-kind-' + dept.code"
                  (change)="edit(item.itemId, 'kind', $event)"
                >
                  @for (k of kinds; track k) {
                    <option [value]="k" [selected]="draftOf(item.itemId).kind === k">{{ kindKey(k) | t }}</option>
                  }
                </select>
              </div>
              <div class="field field-narrow">
                <label [for]="'material-copies-' + dept.code">{{ 'materials.copies' | t }}</label>
                <input
                  type="number"
                  min="1"
                  max="99"
                  [id]="'material-copies-' + dept.code"
                  [attr.data-testid]="'material-copies-' + dept.code"
                  [value]="draftOf(item.itemId).copies"
                  (input)="edit(item.itemId, 'copies', $event)"
                />
              </div>
              @if (view().oneTimeNotification) {
                <div class="field">
                  <label [for]="'material-reason-' + dept.code">{{ 'materials.reason' | t }}</label>
                  <input
                    [id]="'material-reason-' + dept.code"
                    [attr.data-testid]="'material-reason-' + dept.code"
                    [value]="draftOf(item.itemId).reason"
                    (input)="edit(item.itemId, 'reason', $event)"
                  />
                  <p class="field-hint">{{ 'materials.reasonHint' | t }}</p>
                </div>
              }
              <button type="submit" class="button-secondary" [attr.data-testid]="'material-add-' + dept.code" [disabled]="busy()">
                {{ 'materials.add' | t }}
              </button>
            </form>
          }

          @if (item.permit; as permit) {
            <p class="permit-line">
              {{ 'materials.permitIssued' | t }}
              <a [attr.data-testid]="'permit-link-' + dept.code" [href]="'/documents/' + permit.id" (click)="open($event, permit.id)">{{
                permit.number
              }}</a>
            </p>
          } @else if (canPermit(item)) {
            <button
              type="button"
              class="button-primary"
              [attr.data-testid]="'permit-issue-' + dept.code"
              [disabled]="busy()"
              (click)="issuePermit(item)"
            >
              {{ 'materials.issuePermit' | t }}
            </button>
          }
          <div aria-live="polite">
            @if (errors().get(item.itemId); as e) {
              <p class="field-error" role="alert" [attr.data-testid]="'materials-error-' + dept.code">{{ e }}</p>
            }
          </div>
        </div>
      }
    </section>
  `,
  styles: `
    .materials-item {
      border-top: 1px solid var(--line);
      padding: 0.75rem 0;
    }
    h3 {
      margin: 0 0 0.25rem;
      font-size: 1rem;
    }
    .gate {
      margin: 0 0 0.5rem;
    }
    .gate-ok {
      color: var(--brand);
    }
    .gate-no {
      color: var(--danger);
      font-weight: 600;
    }
    .received-input {
      width: 4.5rem;
    }
    .ruling-actions,
    .material-add {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
      align-items: flex-end;
      margin-top: 0.4rem;
    }
    .material-add .field {
      margin: 0;
    }
    .field-narrow input,
    .field-narrow select {
      width: 6rem;
    }
    .permit-line {
      margin: 0.5rem 0 0;
    }
  `,
})
export class MaterialsChecklistComponent {
  private readonly api = inject(PaperTrailApi);
  private readonly session = inject(SessionStore);
  private readonly router = inject(Router);
  private readonly document = inject(DOCUMENT);
  protected readonly i18n = inject(I18nService);

  readonly view = input.required<ProjectMaterialsView>();
  readonly departments = input.required<ReadonlyMap<string, Department>>();
  /** Something changed on the server: the panel reloads (the live card entry follows too). */
  readonly changed = output<void>();

  protected readonly kinds = MATERIAL_KINDS;
  protected readonly itemStatusKey = itemStatusKey;
  protected readonly kindKey = kindKey;
  protected readonly statusKey = statusKey;
  protected readonly busy = signal(false);
  protected readonly errors = signal<ReadonlyMap<string, string>>(new Map());
  private readonly drafts = signal<ReadonlyMap<string, Draft>>(new Map());

  protected readonly canRecord = computed(() => this.session.can('materials.record'));
  protected readonly canRule = computed(() => this.session.can('materials.rule'));

  protected department(id: string): Department {
    return this.departments().get(id) ?? { id, code: id, name: id, nameEn: id };
  }
  protected canRequest(item: ItemMaterialsView): boolean {
    return item.permit === null && this.session.can('materials.request', { departmentId: item.departmentId });
  }
  /** R28: the window, or the material's department (its deputy included). */
  protected canAttach(item: ItemMaterialsView): boolean {
    return this.session.can('materials.attach', { departmentId: item.departmentId });
  }
  protected filesOf(materialId: string): MaterialFileView[] {
    return this.view().files.filter((f) => f.materialId === materialId);
  }
  protected canPermit(item: ItemMaterialsView): boolean {
    return permitMayFollow(item.status) && this.session.can('permit.issue');
  }
  protected draftOf(itemId: string): Draft {
    return this.drafts().get(itemId) ?? EMPTY_DRAFT;
  }

  protected edit(itemId: string, field: keyof Draft, event: Event): void {
    const raw = (event.target as HTMLInputElement | HTMLSelectElement).value;
    const value = field === 'copies' ? Number(raw) : raw;
    this.drafts.update((m) => new Map(m).set(itemId, { ...this.draftOf(itemId), [field]: value }));
  }

  protected add(item: ItemMaterialsView, code: string, event: Event): void {
    event.preventDefault();
    const draft = this.draftOf(item.itemId);
    if (!draft.name.trim()) {
      this.fail(item.itemId, this.i18n.t('materials.nameRequired'));
      return;
    }
    void this.run(
      item.itemId,
      this.api.addMaterial(item.itemId, {
        name: draft.name.trim(),
        kind: draft.kind,
        copies: draft.copies,
        ...(draft.reason.trim() ? { reason: draft.reason.trim() } : {}),
      }),
      () => {
        this.drafts.update((m) => {
          const next = new Map(m);
          next.delete(item.itemId);
          return next;
        });
        // Keep the keyboard where the person was typing.
        queueMicrotask(() => this.document.getElementById(`material-name-${code}`)?.focus());
      },
    );
  }

  protected setReceived(m: MaterialView, event: Event): void {
    const received = Number((event.target as HTMLInputElement).value);
    void this.run(m.itemId, this.api.recordReceived(m.id, received));
  }

  protected rule(m: MaterialView, approved: boolean): void {
    void this.run(m.itemId, this.api.ruleMaterial(m.id, { approved }));
  }

  protected issuePermit(item: ItemMaterialsView): void {
    void this.run(item.itemId, this.api.issuePermit(item.itemId), (permit) => void this.router.navigate(['/documents', permit.id]));
  }

  protected open(event: Event, id: string): void {
    event.preventDefault();
    void this.router.navigate(['/documents', id]);
  }

  private async run<T>(itemId: string, call: Observable<T>, then?: (result: T) => void): Promise<void> {
    this.busy.set(true);
    this.fail(itemId, null);
    try {
      const result = await firstValueFrom(call);
      this.changed.emit();
      then?.(result);
    } catch (e) {
      const problem = readProblem(e, this.i18n);
      this.fail(itemId, problemMessages(problem).join('；') || this.i18n.t('common.networkError'));
      this.changed.emit(); // the refusal changed nothing, but the view may be stale
    } finally {
      this.busy.set(false);
    }
  }

  private fail(itemId: string, message: string | null): void {
    this.errors.update((m) => {
      const next = new Map(m);
      if (message) next.set(itemId, message);
      else next.delete(itemId);
      return next;
    });
  }
}
