import { isConnectionLost } from './database';

/** Waits after failed passes: doubling from firstMs to maxMs, each drawn from [half, whole] (jitter). */
export interface Backoff {
  firstMs: number;
  maxMs: number;
}

/** Up to a few seconds: an outage costs a handful of attempts, and the hub resumes soon after. */
export const SWEEP_BACKOFF: Backoff = { firstMs: 250, maxMs: 2000 };

export interface SweepLoopOptions {
  /** One pass; resolves to the ms until the next pass is wanted (Infinity: only the backstop). */
  work: () => Promise<number>;
  /** Longest wait after a successful pass: the backstop sweep. */
  intervalMs: number;
  /** A failed pass that is not a lost database (those the Database logs once per outage). */
  onError: (error: unknown) => void;
  /** Subscribes to the database answering again (Database.onRecovered): a back-off is cut short. */
  recovered?: (listener: () => void) => () => void;
  backoff?: Backoff;
  /** In [0, 1): the jitter's source. */
  random?: () => number;
}

/** The wait after the `failures`-th failure in a row. */
export function backoffDelay(failures: number, backoff: Backoff, random: () => number): number {
  const whole = Math.min(backoff.maxMs, backoff.firstMs * 2 ** Math.min(failures - 1, 30));
  return Math.round(whole / 2 + (whole / 2) * random());
}

/**
 * A single-flight background sweep: one pass at a time; wake() during a pass runs another right
 * after it; after a pass the next is timed by what the pass returned (at most intervalMs); a failed
 * pass backs off with jitter instead of retrying at once, so a database outage is a few attempts
 * and no log flood, and passes resume on their own when it returns. stop() waits for the pass.
 */
export class SweepLoop {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  private failures = 0;
  private readonly backoff: Backoff;
  private readonly random: () => number;
  private readonly unsubscribe: () => void;

  constructor(private readonly options: SweepLoopOptions) {
    this.backoff = options.backoff ?? SWEEP_BACKOFF;
    this.random = options.random ?? Math.random;
    this.unsubscribe = options.recovered?.(() => this.retryNow()) ?? (() => undefined);
  }

  /** Failed passes in a row (0 when the last pass succeeded). */
  get failing(): number {
    return this.failures;
  }

  /** Runs a pass now, or right after the one running. */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.running = this.pass().finally(() => {
      this.running = null;
    });
  }

  /** Cuts a back-off short (the database is back); does nothing while the loop is healthy. */
  retryNow(): void {
    if (this.failures > 0 && !this.running) this.wake();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.unsubscribe();
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  private async pass(): Promise<void> {
    let delay: number;
    try {
      const next = await this.options.work();
      this.failures = 0;
      delay = this.again ? 0 : Math.max(0, Math.min(this.options.intervalMs, next));
    } catch (error) {
      this.failures++;
      if (!isConnectionLost(error)) this.options.onError(error);
      delay = backoffDelay(this.failures, this.backoff, this.random);
    }
    this.again = false;
    if (!this.stopped) this.timer = setTimeout(() => this.wake(), delay);
  }
}
