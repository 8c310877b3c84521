import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { BoardRowProject } from '@hub/shared';
import { HubDuePipe } from '../core/format/format.pipes';
import { TranslatePipe } from '../core/i18n';
import { forwardingKey, forwardingStatusOf } from './forwarding-status';

/**
 * R6 on the board: a mega project to report higher shows its forwarding state — warned (amber)
 * near the deadline, escalated (red) past it, and whether a tracker is named. Never deemed consent.
 */
@Component({
  selector: 'hub-mega-flag',
  imports: [TranslatePipe, HubDuePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (status(); as s) {
      <span
        class="mega-flag mega-{{ s }}"
        [attr.data-testid]="'mega-flag-' + project().code"
        [attr.data-status]="s"
        [attr.title]="
          'mega.flagHint'
            | t: { due: (forwarding()?.dueAt | hubDue) || '—', tracker: forwarding()?.tracker?.displayName ?? ('mega.noTracker' | t) }
        "
      >
        <span aria-hidden="true">{{ s === 'escalated' ? '⚠' : s === 'forwarded' ? '✓' : '⇪' }}</span>
        {{ key(s) | t }}
        @if (!forwarding()?.tracker && s !== 'forwarded') {
          · {{ 'mega.noTracker' | t }}
        }
      </span>
    }
  `,
  styles: `
    .mega-flag {
      display: inline-block;
      margin-left: 0.35rem;
      padding: 0 0.4rem;
      border-radius: 3px;
      font-size: 0.78rem;
      border: 1px solid currentColor;
      white-space: nowrap;
    }
    .mega-awaiting_materials,
    .mega-on_track {
      color: #2f3b47;
    }
    .mega-due_soon {
      background: #fff3c4;
      color: #5c3d00;
    }
    .mega-escalated {
      background: #b3261e;
      color: #fff;
      font-weight: 700;
    }
    .mega-forwarded {
      color: #14532d;
    }
  `,
})
export class MegaFlagComponent {
  readonly project = input.required<BoardRowProject>();
  protected readonly forwarding = computed(() => this.project().paperwork?.forwarding ?? null);
  protected readonly status = forwardingStatusOf(this.forwarding);
  protected readonly key = forwardingKey;
}
