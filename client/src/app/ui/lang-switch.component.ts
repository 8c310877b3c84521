import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { I18nService, TranslatePipe } from '../core/i18n';

/** Switches zh ⇄ en at once, without a reload; the button names the language it switches to. */
@Component({
  selector: 'hub-lang-switch',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <button
      type="button"
      class="button-quiet lang-switch"
      data-testid="lang-switch"
      [attr.lang]="i18n.lang() === 'zh' ? 'en' : 'zh-CN'"
      [attr.aria-label]="'lang.switchLabel' | t"
      (click)="i18n.toggle()"
    >
      {{ 'lang.switch' | t }}
    </button>
  `,
})
export class LangSwitchComponent {
  protected readonly i18n = inject(I18nService);
}
