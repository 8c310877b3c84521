import { ChangeDetectionStrategy, Component, effect, inject } from '@angular/core';
import { Title } from '@angular/platform-browser';
import { RouterOutlet } from '@angular/router';
import { I18nService } from './core/i18n';

@Component({
  selector: 'hub-root',
  imports: [RouterOutlet],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<router-outlet />`,
})
export class AppComponent {
  constructor() {
    const i18n = inject(I18nService);
    const title = inject(Title);
    effect(() => title.setTitle(i18n.t('app.name')));
  }
}
