import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { ApprovalsService } from '../approvals/approvals.service';
import { HUB_CONFIG, type HubConfig } from '../config/hub-config';
import { Database } from '../database/database';
import { HubClock } from '../database/hub-clock';
import { loadItem } from '../projects/project-records';
import { DeadlineSignals } from './deadline-signals';

/**
 * R14: fires deemed consent when the database clock reaches an item's due instant — never before.
 * Runs in every instance: each claims due items with SKIP LOCKED, so any instance may fire any
 * deadline and the deemed_consents key makes it exactly once. Wakes at the next due instant,
 * with a periodic sweep as backstop (changes made on other instances, test clock moves).
 */
@Injectable()
export class DeadlineEngine implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly log = new Logger('DeadlineEngine');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private wakeAgain = false;
  private stopped = false;

  constructor(
    private readonly db: Database,
    private readonly clock: HubClock,
    private readonly approvals: ApprovalsService,
    private readonly signals: DeadlineSignals,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.signals.onChange(() => this.wake());
    this.wake(); // deadlines that passed while the hub was down fire now, stamped with their due instant
  }

  /** Before the pool closes (onApplicationShutdown), so no cycle runs against a closed pool. */
  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.wakeAgain = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.running = this.cycle().finally(() => {
      this.running = null;
      if (this.wakeAgain) {
        this.wakeAgain = false;
        this.wake();
      }
    });
  }

  /** Fires every deadline due now; returns how many this instance fired. */
  async fireDue(): Promise<number> {
    let fired = 0;
    while (!this.stopped && (await this.fireNext())) fired++;
    return fired;
  }

  private async cycle(): Promise<void> {
    let delay = this.config.deadlineSweepMs;
    try {
      await this.fireDue();
      const next = await this.db.one<{ ms: number | null }>(
        `SELECT EXTRACT(EPOCH FROM MIN(due_at) - hub_now()) * 1000 AS ms FROM approval_items WHERE status = 'in_review'`,
      );
      if (next?.ms !== null && next?.ms !== undefined) delay = Math.min(delay, Math.max(0, Math.ceil(Number(next.ms))));
    } catch (error) {
      this.log.error({ msg: 'deadline cycle failed; retrying at next sweep', error: String(error) });
    }
    if (!this.stopped) this.timer = setTimeout(() => this.wake(), delay);
  }

  private fireNext(): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const due = await tx.one<{ id: string }>(
        `SELECT id FROM approval_items WHERE status = 'in_review' AND due_at <= hub_now()
         ORDER BY due_at LIMIT 1 FOR UPDATE SKIP LOCKED`,
      );
      if (!due) return false;
      const item = (await loadItem(tx, due.id))!;
      const firedAt = await this.clock.now(tx);
      await this.approvals.deemConsent(tx, item, firedAt);
      return true;
    });
  }
}
