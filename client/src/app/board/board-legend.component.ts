import { ChangeDetectionStrategy, Component } from '@angular/core';
import type { BoardCellStatus } from '@hub/shared';
import { TranslatePipe } from '../core/i18n';
import { StatusBadgeComponent } from '../ui/status-badge.component';

/** In the order an item lives through them (R10, R14a, R14). */
const LEGEND: readonly BoardCellStatus[] = [
  'awaiting_acceptance',
  'on_track',
  'due_soon',
  'due_today',
  'overdue',
  'held',
  'paused',
  'ruling_overdue',
  'deemed_consent',
  'approved',
  'rejected',
];

@Component({
  selector: 'hub-board-legend',
  imports: [TranslatePipe, StatusBadgeComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="legend" aria-labelledby="legend-title" data-testid="board-legend">
      <h2 id="legend-title" class="legend-title">{{ 'board.legend' | t }}</h2>
      <ul class="legend-list">
        @for (status of statuses; track status) {
          <li><hub-status-badge [status]="status" /></li>
        }
        <li>
          <span class="lead-mark">{{ 'board.lead' | t }}</span>
        </li>
        <li>
          <span class="provisional">{{ 'countdown.provisional' | t }}</span>
          <span class="legend-note">{{ 'countdown.provisionalHint' | t }}</span>
        </li>
      </ul>
    </section>
  `,
})
export class BoardLegendComponent {
  protected readonly statuses = LEGEND;
}
