import { ChangeDetectionStrategy, Component, computed, inject, input, signal, type Signal } from '@angular/core';
import { readProblem } from '../core/api/problem';
import { I18nService, TranslatePipe } from '../core/i18n';

export type LoadPhase = 'loading' | 'loaded' | 'error';

/** Anything a page waits for: where it is, the words for a failure, and how to ask again. */
export interface LoadingSource {
  readonly phase: Signal<LoadPhase>;
  readonly error: Signal<string | null>;
  load(): unknown;
}

/**
 * What a page shows while it reads from the server (issue 14: the board was blank for 5 s on a slow
 * link): one answer kept per call, an older call's answer dropped when a newer one was asked for.
 * The value of the last good answer stays while the next one loads, so a refresh does not blank it.
 */
export class Loadable<T> implements LoadingSource {
  private readonly valueState = signal<T | null>(null);
  private readonly phaseState = signal<LoadPhase>('loading');
  private readonly errorState = signal<string | null>(null);
  private seq = 0;

  readonly value = this.valueState.asReadonly();
  readonly phase = this.phaseState.asReadonly();
  readonly error = this.errorState.asReadonly();

  /** describe: a failure in the user's words (the server's problem, or "cannot reach the server"). */
  constructor(
    private readonly fetch: () => Promise<T>,
    private readonly describe: (error: unknown) => string,
  ) {}

  async load(): Promise<void> {
    const seq = ++this.seq;
    this.phaseState.set('loading');
    this.errorState.set(null);
    try {
      const value = await this.fetch();
      if (seq !== this.seq) return;
      this.valueState.set(value);
      this.phaseState.set('loaded');
    } catch (e) {
      if (seq !== this.seq) return;
      this.errorState.set(this.describe(e));
      this.phaseState.set('error');
    }
  }

  /** A live push changed the value on screen. */
  update(change: (value: T) => T): void {
    this.valueState.update((v) => (v === null ? v : change(v)));
  }
}

/**
 * The one loading pattern of every page: a visible "加载中…" announced politely (aria-busy on the
 * region while it loads), or the failure with a retry button. Renders nothing once loaded; the page
 * shows its content beside it, so a refresh keeps the old content under the busy mark.
 */
@Component({
  selector: 'hub-load-state',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '[attr.aria-busy]': "of().phase() === 'loading'", class: 'load-state' },
  template: `
    @switch (of().phase()) {
      @case ('loading') {
        <p class="loading" role="status" [attr.data-testid]="testId() + '-loading'">
          <span class="spinner" aria-hidden="true"></span>{{ 'common.loading' | t }}
        </p>
      }
      @case ('error') {
        <div class="alert alert-error load-error" role="alert" [attr.data-testid]="testId() + '-load-error'">
          <p>{{ of().error() ?? ('common.networkError' | t) }}</p>
          <button type="button" class="button-secondary" (click)="of().load()" [attr.data-testid]="testId() + '-retry'">
            {{ 'common.retry' | t }}
          </button>
        </div>
      }
    }
  `,
})
export class LoadStateComponent {
  readonly of = input.required<LoadingSource>();
  /** Prefix of the test ids: "<page>-loading", "<page>-load-error", "<page>-retry". */
  readonly testId = input('page');
}

/** A Loadable whose failures read as the rest of the client's: the server's words, or "cannot reach the server". */
export function loadable<T>(fetch: () => Promise<T>): Loadable<T> {
  const i18n = inject(I18nService);
  return new Loadable(fetch, (e) => {
    const problem = readProblem(e, i18n);
    if (problem.status === 0) return i18n.t('common.networkError');
    if (problem.status === 403) return i18n.t('common.forbidden');
    return problem.message ?? i18n.t('common.networkError');
  });
}

/** A page that keeps its own load (with "not found" and live merges) read by the shared pattern. */
export function loadingSourceOf(state: Signal<string>, error: Signal<string | null>, load: () => unknown): LoadingSource {
  return {
    phase: computed<LoadPhase>(() => (state() === 'loading' ? 'loading' : state() === 'error' ? 'error' : 'loaded')),
    error,
    load,
  };
}
