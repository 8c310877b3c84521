import { ChangeDetectionStrategy, Component, computed, inject, input, output, signal } from '@angular/core';
import { firstValueFrom, type Observable } from 'rxjs';
import {
  boardStatus,
  opposedAtMeeting,
  type Action,
  type OpposedAtMeeting,
  type ApprovalItemView,
  type BoardCellStatus,
  type Department,
} from '@hub/shared';
import { ApiService } from '../core/api/api.service';
import { readProblem } from '../core/api/problem';
import { CalendarStore } from '../core/calendar/calendar.store';
import { HubDuePipe, HubTimePipe } from '../core/format/format.pipes';
import { I18nService, TranslatePipe, procedureKey } from '../core/i18n';
import { HubClock } from '../core/live/hub-clock.service';
import { SessionStore } from '../core/session/session.store';
import { CountdownComponent } from '../ui/countdown.component';
import { StatusBadgeComponent } from '../ui/status-badge.component';
import { DeadlineExplanationComponent } from './deadline-explanation.component';
import { DecisionFormComponent } from '../desk/decision-form.component';
import { ItemDeadlineFormComponent, type DeadlineAction } from './item-deadline-form.component';
import { SpecialProcedureFormComponent } from './special-procedure-form.component';

interface ItemRow {
  item: ApprovalItemView;
  department: Department;
  cellStatus: BoardCellStatus;
  canAccept: boolean;
  canDecide: boolean;
  /** R12 leader, R13 window, R16 own liaison / leader: each shown only when can() allows. */
  deadlineActions: DeadlineAction[];
  /** R10a: the window records a special procedure's start, or the end of the open one. */
  canRecordProcedure: boolean;
  /** R18: opposed at a meeting, until the department decides. */
  opposed: OpposedAtMeeting | null;
}

/**
 * One row per department's approval item (R10): who, role, state, clock, and
 * the actions this user may take. Actions are shown only when the shared
 * permission rule allows them (R2); the server checks the same rule again.
 */
@Component({
  selector: 'hub-approval-items',
  imports: [
    TranslatePipe,
    HubTimePipe,
    HubDuePipe,
    StatusBadgeComponent,
    CountdownComponent,
    DeadlineExplanationComponent,
    ItemDeadlineFormComponent,
    SpecialProcedureFormComponent,
    DecisionFormComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section aria-labelledby="items-title">
      <h2 id="items-title">{{ 'items.title' | t }}</h2>
      @if (rows().length === 0) {
        <p class="muted">{{ 'items.none' | t }}</p>
      } @else {
        <div class="table-scroll">
          <table class="items" data-testid="items">
            <caption class="visually-hidden">
              {{
                'items.caption' | t
              }}
            </caption>
            <thead>
              <tr>
                <th scope="col">{{ 'items.department' | t }}</th>
                <th scope="col">{{ 'items.role' | t }}</th>
                <th scope="col">{{ 'items.status' | t }}</th>
                <th scope="col">{{ 'items.acceptedAt' | t }}</th>
                <th scope="col">{{ 'items.dueAt' | t }}</th>
                <th scope="col">{{ 'items.actions' | t }}</th>
              </tr>
            </thead>
            <tbody>
              @for (row of rows(); track row.item.id) {
                <tr [attr.data-testid]="'item-' + row.department.code" [attr.data-status]="row.item.status">
                  <th scope="row">
                    {{ i18n.name(row.department) }}
                    <span class="muted dept-code">{{ row.department.code }}</span>
                  </th>
                  <td>
                    @if (row.item.isLead) {
                      <span class="lead-mark">{{ 'board.lead' | t }}</span>
                    } @else {
                      {{ 'board.participant' | t }}
                    }
                  </td>
                  <td>
                    <hub-status-badge [status]="row.cellStatus" />
                    @if (row.item.decidedAt) {
                      <div class="muted small">{{ 'items.decidedAt' | t }} {{ row.item.decidedAt | hubTime }}</div>
                    }
                    @if (row.item.noticeNumber; as notice) {
                      <div class="notice-number" [attr.data-testid]="'item-notice-' + row.department.code">
                        {{ 'items.notice' | t }} {{ notice }}
                      </div>
                    }
                    @if (row.item.pendingExplanation; as pe) {
                      <div class="small held-note" [attr.data-testid]="'item-held-' + row.department.code">
                        {{ 'items.held' | t }} — {{ 'items.pendingExplanation' | t: { text: pe.text } }}
                      </div>
                    }
                    @if (row.item.paused; as paused) {
                      <div class="small held-note" [attr.data-testid]="'item-paused-' + row.department.code">
                        {{ 'procedure.pausedBy' | t: { name: (procedureKey(paused.kind) | t), since: (paused.since | hubTime) } }}
                      </div>
                    }
                    @if (row.opposed; as o) {
                      <div class="small held-note" [attr.data-testid]="'item-opposed-' + row.department.code">
                        {{ 'opposed.withBasis' | t: { meeting: o.meetingTitle, basis: o.basis } }}
                      </div>
                    }
                    @if (row.item.basis; as basis) {
                      <div class="small">{{ 'common.labelValue' | t: { label: ('card.detail.basis' | t), value: basis } }}</div>
                    }
                  </td>
                  <td>{{ row.item.acceptedAt | hubTime }}</td>
                  <td>
                    @if (row.item.dueAt) {
                      <div [attr.data-testid]="'item-due-' + row.department.code">{{ row.item.dueAt | hubDue }}</div>
                      <hub-countdown [item]="row.item" />
                      @if (row.item.acceptedAt) {
                        <button
                          type="button"
                          class="button-link"
                          [attr.data-testid]="'item-explain-' + row.department.code"
                          [attr.aria-expanded]="explaining().has(row.item.id)"
                          (click)="toggleExplanation(row.item.id)"
                        >
                          {{ (explaining().has(row.item.id) ? 'items.explainHide' : 'items.explain') | t }}
                        </button>
                      }
                    }
                  </td>
                  <td class="actions">
                    @if (row.canAccept) {
                      <button
                        type="button"
                        class="button-primary"
                        [attr.data-testid]="'item-accept-' + row.department.code"
                        [disabled]="busy().has(row.item.id)"
                        (click)="accept(row.item)"
                      >
                        {{ 'items.accept' | t }}
                      </button>
                    }
                    @if (row.canDecide) {
                      <!-- R10/R18: an explicit choice, nothing preselected, confirmed with its consequence. -->
                      <hub-decision-form [item]="row.item" [code]="row.department.code" (decided)="changed.emit($event)" />
                    }
                    @for (action of row.deadlineActions; track action) {
                      <button
                        type="button"
                        class="button-secondary"
                        [attr.data-testid]="'item-action-' + action + '-' + row.department.code"
                        [attr.aria-expanded]="deadlineAction().get(row.item.id) === action"
                        (click)="toggleDeadlineAction(row.item.id, action)"
                      >
                        {{ actionLabel(action) | t }}
                      </button>
                    }
                    @if (row.canRecordProcedure) {
                      <button
                        type="button"
                        class="button-secondary"
                        [attr.data-testid]="'item-procedure-' + row.department.code"
                        [attr.aria-expanded]="recording().has(row.item.id)"
                        (click)="toggleRecording(row.item.id)"
                      >
                        {{ (row.item.paused ? 'procedure.recordEnd' : 'procedure.record') | t }}
                      </button>
                    }
                    @if (errors().get(row.item.id); as e) {
                      <p class="field-error" role="alert" [attr.data-testid]="'item-error-' + row.department.code">{{ e }}</p>
                    }
                  </td>
                </tr>
                @if (deadlineAction().get(row.item.id); as action) {
                  <tr class="explanation-row">
                    <td colspan="6">
                      <hub-item-deadline-form
                        [item]="row.item"
                        [action]="action"
                        (done)="toggleDeadlineAction(row.item.id, action)"
                        (cancelled)="toggleDeadlineAction(row.item.id, action)"
                      />
                    </td>
                  </tr>
                }
                @if (recording().has(row.item.id) && row.canRecordProcedure) {
                  <tr class="explanation-row">
                    <td colspan="6">
                      <hub-special-procedure-form
                        [item]="row.item"
                        [departmentName]="i18n.name(row.department)"
                        (done)="toggleRecording(row.item.id)"
                        (cancelled)="toggleRecording(row.item.id)"
                      />
                    </td>
                  </tr>
                }
                @if (explaining().has(row.item.id) && row.item.acceptedAt) {
                  <tr class="explanation-row">
                    <td colspan="6">
                      <hub-deadline-explanation [itemId]="row.item.id" />
                    </td>
                  </tr>
                }
              }
            </tbody>
          </table>
        </div>
      }
    </section>
  `,
})
export class ApprovalItemsComponent {
  private readonly api = inject(ApiService);
  private readonly session = inject(SessionStore);
  private readonly calendar = inject(CalendarStore);
  private readonly clock = inject(HubClock);
  protected readonly i18n = inject(I18nService);

  readonly items = input.required<ApprovalItemView[]>();
  readonly departments = input.required<ReadonlyMap<string, Department>>();
  /** The server's answer after an action: the item's new state. */
  readonly changed = output<ApprovalItemView>();

  protected readonly busy = signal<ReadonlySet<string>>(new Set());
  protected readonly errors = signal<ReadonlyMap<string, string>>(new Map());
  protected readonly explaining = signal<ReadonlySet<string>>(new Set());
  protected readonly recording = signal<ReadonlySet<string>>(new Set());
  protected readonly procedureKey = procedureKey;
  protected readonly deadlineAction = signal<ReadonlyMap<string, DeadlineAction>>(new Map());

  protected readonly rows = computed<ItemRow[]>(() => {
    const cal = this.calendar.calendar();
    const settings = this.calendar.settings();
    const now = new Date(this.clock.now());
    const departments = this.departments();
    this.session.user(); // permissions follow the signed-in user
    return [...this.items()]
      .sort((a, b) => Number(b.isLead) - Number(a.isLead))
      .map((item) => {
        const department = departments.get(item.departmentId) ?? {
          id: item.departmentId,
          code: item.departmentId,
          name: item.departmentId,
          nameEn: item.departmentId,
        };
        const target = { departmentId: item.departmentId };
        return {
          item,
          department,
          cellStatus: cal ? boardStatus(item, now, cal, settings) : fallbackStatus(item),
          canAccept: item.status === 'awaiting_acceptance' && this.session.can('item.accept', target),
          canDecide: item.status === 'in_review' && this.session.can('item.decide', target),
          deadlineActions: deadlineActions(item, (action) => this.session.can(action, target)),
          canRecordProcedure: item.status === 'in_review' && this.session.can('item.special_procedure', target),
          opposed: opposedAtMeeting(item),
        };
      });
  });

  protected toggleDeadlineAction(id: string, action: DeadlineAction): void {
    this.deadlineAction.update((m) => (m.get(id) === action ? without(m, id) : new Map(m).set(id, action)));
  }

  protected actionLabel(action: DeadlineAction) {
    return ({ extend: 'items.extend', delay: 'items.delay', explain: 'items.fileExplanation', rule: 'items.rule' } as const)[action];
  }

  protected toggleExplanation(id: string): void {
    this.explaining.update((s) => toggled(s, id));
  }

  protected toggleRecording(id: string): void {
    this.recording.update((s) => toggled(s, id));
  }

  protected accept(item: ApprovalItemView): void {
    void this.run(item, this.api.acceptItem(item.id));
  }

  private async run(item: ApprovalItemView, call: Observable<ApprovalItemView>): Promise<void> {
    if (this.busy().has(item.id)) return;
    this.busy.update((s) => new Set(s).add(item.id));
    this.errors.update((m) => without(m, item.id));
    try {
      this.changed.emit(await firstValueFrom(call));
    } catch (e) {
      const problem = readProblem(e, this.i18n);
      const message =
        problem.status === 403
          ? (problem.message ?? this.i18n.t('common.forbidden'))
          : (problem.message ?? this.i18n.t('common.networkError'));
      this.errors.update((m) => new Map(m).set(item.id, message));
    } finally {
      this.busy.update((s) => {
        const next = new Set(s);
        next.delete(item.id);
        return next;
      });
    }
  }
}

/** Which deadline actions an item offers to someone allowed `allowed` (the same can() the server checks). */
function deadlineActions(item: ApprovalItemView, allowed: (action: Action) => boolean): DeadlineAction[] {
  const running = item.status === 'in_review';
  const open = running || item.status === 'awaiting_acceptance';
  const actions: DeadlineAction[] = [];
  if (running && allowed('item.extend')) actions.push('extend');
  if (running && allowed('item.delay')) actions.push('delay');
  if (open && !item.pendingExplanation && allowed('explanation.file')) actions.push('explain');
  if (item.pendingExplanation && allowed('explanation.rule')) actions.push('rule');
  return actions;
}

/** Before the calendar has loaded, a running item shows as on track rather than guessing. */
function fallbackStatus(item: ApprovalItemView): BoardCellStatus {
  return item.status === 'in_review' ? 'on_track' : item.status;
}

function toggled(set: ReadonlySet<string>, id: string): ReadonlySet<string> {
  const next = new Set(set);
  if (!next.delete(id)) next.add(id);
  return next;
}

function without<V>(map: ReadonlyMap<string, V>, key: string): ReadonlyMap<string, V> {
  const next = new Map(map);
  next.delete(key);
  return next;
}
