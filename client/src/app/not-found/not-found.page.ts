import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '../core/i18n';
import { LangSwitchComponent } from '../ui/lang-switch.component';

@Component({
  selector: 'hub-not-found-page',
  imports: [RouterLink, TranslatePipe, LangSwitchComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <main id="main" class="login" data-testid="not-found">
      <div class="login-lang"><hub-lang-switch /></div>
      <div class="card login-card">
        <p class="login-app">{{ 'app.name' | t }}</p>
        <h1>{{ 'notFound.title' | t }}</h1>
        <p>{{ 'notFound.body' | t }}</p>
        <p>
          <a routerLink="/board">{{ 'notFound.back' | t }}</a>
        </p>
      </div>
    </main>
  `,
})
export class NotFoundPage {}
