import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import type { ConfigurationChange, HubSettings } from '@hub/shared';
import { HubTimePipe } from '../core/format/format.pipes';
import { I18nService, TranslatePipe, configurationActionKey } from '../core/i18n';

/** The calendar and settings changes on record: who, when, what, and how many running deadlines moved (R11). */
@Component({
  selector: 'hub-configuration-changes',
  imports: [TranslatePipe, HubTimePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './admin.css',
  template: `
    @if (shown().length === 0) {
      <p class="muted">{{ 'changes.none' | t }}</p>
    } @else {
      <ol class="changes" data-testid="changes">
        @for (c of shown(); track c.id) {
          <li data-testid="change" [attr.data-action]="c.action">
            <time [attr.datetime]="c.at">{{ c.at | hubTime }}</time> · {{ c.actor.displayName }} ·
            <strong>{{ actionKey(c) | t }}</strong>
            @if (c.target) {
              {{ c.target }}
            }
            @if (describe(c); as text) {
              — {{ text }}
            }
            @if (c.subject === 'calendar') {
              <span class="muted">{{ 'changes.recomputed' | t: { n: c.recomputed } }}</span>
            }
          </li>
        }
      </ol>
    }
  `,
})
export class ConfigurationChangesComponent {
  private readonly i18n = inject(I18nService);
  readonly changes = input.required<ConfigurationChange[]>();
  readonly subject = input<ConfigurationChange['subject'] | null>(null);

  protected readonly shown = computed(() => this.changes().filter((c) => !this.subject() || c.subject === this.subject()));

  protected actionKey(change: ConfigurationChange) {
    return configurationActionKey(change.action);
  }

  /** A day's new rule, or the settings that changed (before → after). */
  protected describe(change: ConfigurationChange): string {
    if (change.action === 'day_set') {
      const after = change.after as { kind: 'holiday' | 'workday'; name: string };
      return `${this.i18n.t(after.kind === 'holiday' ? 'cal.kind.holiday' : 'cal.kind.workday')} ${after.name}`;
    }
    if (change.action === 'settings_changed') {
      const before = change.before as Partial<HubSettings>;
      const after = change.after as Partial<HubSettings>;
      return (Object.keys(after) as (keyof HubSettings)[])
        .filter((k) => before[k] !== after[k])
        .map((k) => `${k}: ${String(before[k])} → ${String(after[k])}`)
        .join('；');
    }
    return '';
  }
}
