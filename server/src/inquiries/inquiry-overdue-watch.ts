import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { HUB_CONFIG, type HubConfig } from '../config/hub-config';
import { CLAIM_TX, Database } from '../database/database';
import { SweepLoop } from '../database/sweep-loop';
import { DeadlineSignals } from '../events/deadline-signals';
import { InquiriesService } from './inquiries.service';

/**
 * R24: flags each promised reply whose day has ended, once, and pushes it to its owner and to
 * leaders. Runs in every instance: each claims due rows with SKIP LOCKED and the flag is set in
 * the same transaction as its history entry, so whichever instance gets there flags it, and never
 * twice. A sweep at the deadline engine's interval is precise enough for end-of-day promises; it
 * also runs at once when deadlines change (e.g. the test clock moves).
 */
@Injectable()
export class InquiryOverdueWatch implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly log = new Logger('InquiryOverdueWatch');
  private readonly loop: SweepLoop;
  private stopped = false;

  constructor(
    private readonly db: Database,
    private readonly inquiries: InquiriesService,
    private readonly signals: DeadlineSignals,
    @Inject(HUB_CONFIG) config: HubConfig,
  ) {
    this.loop = new SweepLoop({
      work: async () => (await this.flagAllDue(), Infinity),
      intervalMs: config.deadlineSweepMs,
      recovered: (listener) => db.onRecovered(listener),
      onError: (error) => this.log.error({ msg: 'overdue sweep failed; retrying with back-off', error: String(error) }),
    });
  }

  onApplicationBootstrap(): void {
    this.signals.onChange(() => this.sweep());
    this.sweep(); // promises that ran out while the hub was down are flagged now
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    await this.loop.stop();
  }

  sweep(): void {
    this.loop.wake();
  }

  /** Flags every promise due now; returns how many this instance flagged. */
  async flagAllDue(): Promise<number> {
    let flagged = 0;
    while (!this.stopped && (await this.flagNext())) flagged++;
    return flagged;
  }

  private flagNext(): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const due = await tx.one<{ id: string }>(
        `SELECT id FROM inquiries
         WHERE promised_due_at <= hub_now() AND closed_at IS NULL AND overdue_flagged_at IS NULL
         ORDER BY promised_due_at LIMIT 1 FOR UPDATE SKIP LOCKED`,
      );
      if (!due) return false;
      await this.inquiries.flagOverdue(tx, due.id);
      return true;
    }, CLAIM_TX);
  }
}
