import { Pipe, PipeTransform, inject } from '@angular/core';
import type { TranslationKey } from './dictionaries';
import { I18nService, type TranslationParams } from './i18n.service';

/**
 * `{{ 'board.title' | t }}`. Impure on purpose: it reads the language signal on
 * every render, so the template tracks it and a switch re-renders at once.
 */
@Pipe({ name: 't', pure: false })
export class TranslatePipe implements PipeTransform {
  private readonly i18n = inject(I18nService);

  transform(key: TranslationKey, params?: TranslationParams): string {
    return this.i18n.t(key, params);
  }
}
