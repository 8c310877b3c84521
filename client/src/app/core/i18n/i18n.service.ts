import { DOCUMENT, Injectable, computed, effect, inject, signal } from '@angular/core';
import { en, zh, type TranslationKey } from './dictionaries';

export type Language = 'zh' | 'en';

const STORAGE_KEY = 'hub.lang';
const DICTIONARIES: Record<Language, Record<TranslationKey, string>> = { zh, en };
/** Intl locales per language; en-GB gives day-month order and 24-hour times, closer to the center's habits. */
const LOCALES: Record<Language, string> = { zh: 'zh-CN', en: 'en-GB' };

export type TranslationParams = Record<string, string | number>;

/**
 * Runtime language switch without reload: every text reads `lang()`, so
 * changing it re-renders whatever depends on it (the `t` pipe is impure for that reason).
 */
@Injectable({ providedIn: 'root' })
export class I18nService {
  private readonly document = inject(DOCUMENT);
  readonly lang = signal<Language>(readStoredLanguage());
  readonly locale = computed(() => LOCALES[this.lang()]);

  constructor() {
    effect(() => {
      const lang = this.lang();
      this.document.documentElement.lang = LOCALES[lang];
      try {
        localStorage.setItem(STORAGE_KEY, lang);
      } catch {
        // Private mode or storage disabled: the choice lasts for this page only.
      }
    });
  }

  toggle(): void {
    this.lang.update((l) => (l === 'zh' ? 'en' : 'zh'));
  }

  t(key: TranslationKey, params?: TranslationParams): string {
    const text = DICTIONARIES[this.lang()][key] ?? key;
    if (!params) return text;
    return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
  }

  /** Picks the department (or any bilingual) name for the current language. */
  name(entity: { name: string; nameEn: string }): string {
    return this.lang() === 'en' && entity.nameEn ? entity.nameEn : entity.name;
  }
}

function readStoredLanguage(): Language {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (stored === 'zh' || stored === 'en') return stored;
  } catch {
    // fall through to the default
  }
  return 'zh';
}
