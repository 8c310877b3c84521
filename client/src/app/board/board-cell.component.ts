import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { opposedAtMeeting, type BoardCellStatus, type BoardRowItem } from '@hub/shared';
import { deemedCauseKey, procedureKey, TranslatePipe } from '../core/i18n';
import { CountdownComponent } from '../ui/countdown.component';
import { StatusBadgeComponent } from '../ui/status-badge.component';

/**
 * One department's item of one project, as a real table cell. The test ids and
 * data-status are the contract the end-to-end tests read.
 */
@Component({
  selector: 'td[hubBoardCell]',
  imports: [TranslatePipe, StatusBadgeComponent, CountdownComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: {
    '[class]': '"board-cell cell-" + status()',
    '[attr.data-testid]': 'testId()',
    '[attr.data-status]': 'status()',
    '[attr.data-due-at]': 'item().dueAt',
    '[attr.data-provisional]': 'item().provisional',
    '[attr.data-cause]': 'item().deemedCause',
  },
  template: `
    <div class="cell-head">
      <hub-status-badge [status]="status()" />
      @if (item().isLead) {
        <span class="lead-mark" data-testid="lead-mark">{{ 'board.lead' | t }}</span>
      }
    </div>
    <hub-countdown [item]="item()" />
    @if (item().paused; as paused) {
      <!-- R10a: which special procedure stopped the clock. -->
      <span class="cell-cause" data-testid="cell-paused">{{ procedureKey(paused.kind) | t }}</span>
    }
    @if (opposed(); as o) {
      <!-- R18: an opinion, not the decision: shown until the department decides. -->
      <span class="cell-cause" data-testid="cell-opposed" [attr.title]="o.basis">{{ 'opposed.badge' | t }}</span>
    }
    @if (item().deemedCause; as cause) {
      <span class="cell-cause" data-testid="cell-cause">{{ causeKey(cause) | t }}</span>
    }
    @if (item().noticeNumber; as notice) {
      <span class="cell-notice">{{ notice }}</span>
    }
  `,
})
export class BoardCellComponent {
  readonly item = input.required<BoardRowItem>();
  readonly status = input.required<BoardCellStatus>();
  readonly projectCode = input.required<string>();
  readonly departmentCode = input.required<string>();

  /** R17: the board says why consent was deemed (timeout, absence, explanation rejected). */
  protected readonly causeKey = deemedCauseKey;
  protected readonly procedureKey = procedureKey;
  protected readonly opposed = computed(() => opposedAtMeeting(this.item()));
  protected readonly testId = computed(() => `cell-${this.projectCode()}-${this.departmentCode()}`);
}
