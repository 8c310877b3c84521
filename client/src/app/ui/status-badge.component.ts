import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { BoardCellStatus } from '@hub/shared';
import { TranslatePipe, cellStatusKey } from '../core/i18n';

/** A shape per status so the state reads without colour too (colour-blind viewers, grey wall screens). */
const GLYPHS: Record<BoardCellStatus, string> = {
  awaiting_acceptance: '○',
  on_track: '●',
  due_soon: '▲',
  due_today: '◆',
  overdue: '■',
  held: '⏸',
  paused: '◫',
  ruling_overdue: '⚑',
  deemed_consent: '✱',
  approved: '✓',
  rejected: '✕',
  withdrawn: '⊘',
};

/** The status colour with its text label (never colour alone). */
@Component({
  selector: 'hub-status-badge',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<span class="badge status-{{ status() }}"
    ><span class="glyph" aria-hidden="true">{{ glyph() }}</span
    >{{ labelKey() | t }}</span
  >`,
})
export class StatusBadgeComponent {
  readonly status = input.required<BoardCellStatus>();
  protected readonly glyph = computed(() => GLYPHS[this.status()]);
  protected readonly labelKey = computed(() => cellStatusKey(this.status()));
}
