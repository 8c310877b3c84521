import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { warningStartsAt } from '@hub/shared';
import { CalendarService } from '../calendar/calendar.service';
import { HUB_CONFIG, type HubConfig } from '../config/hub-config';
import { Database } from '../database/database';
import { HubClock } from '../database/hub-clock';
import { SweepLoop } from '../database/sweep-loop';
import { DeadlineSignals } from '../events/deadline-signals';
import { AlertsService } from './alerts.service';

/**
 * R14a: warns running items as they enter their warning window. Runs in every instance, like the
 * deadline engine: each looks at the items not yet warned for their current deadline, and warns
 * those whose window has opened (AlertsService claims each with SKIP LOCKED and the item_warnings
 * key keeps it once). It wakes when the next window opens, when deadlines change here (accept,
 * recompute, test clock), and at the engine's sweep interval as a backstop for other instances.
 * A hub that starts warns at once whatever opened while it was down.
 */
/** Items looked at per query. */
const WARN_BATCH = 200;

@Injectable()
export class EarlyWarningWatch implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly log = new Logger('EarlyWarningWatch');
  private readonly loop: SweepLoop;
  private stopped = false;

  constructor(
    private readonly db: Database,
    private readonly clock: HubClock,
    private readonly calendars: CalendarService,
    private readonly alerts: AlertsService,
    private readonly signals: DeadlineSignals,
    @Inject(HUB_CONFIG) config: HubConfig,
  ) {
    this.loop = new SweepLoop({
      work: () => this.warnAllDue(),
      intervalMs: config.deadlineSweepMs,
      recovered: (listener) => db.onRecovered(listener),
      onError: (error) => this.log.error({ msg: 'early-warning sweep failed; retrying with back-off', error: String(error) }),
    });
  }

  onApplicationBootstrap(): void {
    this.signals.onChange(() => this.sweep());
    this.sweep();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    await this.loop.stop();
  }

  sweep(): void {
    this.loop.wake();
  }

  /**
   * Warns every item whose window is open; returns the ms until the next window opens (or Infinity).
   * Items come in due order and a window opens no later for an earlier deadline (acceptance lies in
   * the past), so the first item still closed ends the pass: with 100,000 running items a sweep reads
   * only the few near their deadline, not all of them.
   */
  async warnAllDue(): Promise<number> {
    const { calendar, settings } = await this.calendars.current();
    // (SELECT hub_now()): read once and used as the index bound; the volatile hub_now() per row cost a call for each pending item.
    const candidates = await this.db.query<{ id: string; accepted_at: Date | null; due_at: Date }>(
      `SELECT id, accepted_at, due_at FROM approval_items i
       WHERE status = 'in_review' AND due_at > (SELECT hub_now())
         AND NOT EXISTS (SELECT 1 FROM item_warnings w WHERE w.item_id = i.id AND w.deadline_version = i.deadline_version)
         -- R10a: a stopped clock counts down nothing; the end of the period warns afresh if due.
         AND NOT EXISTS (SELECT 1 FROM special_procedures sp WHERE sp.item_id = i.id AND sp.ends_at IS NULL)
       ORDER BY due_at LIMIT $1`,
      [WARN_BATCH],
    );
    const now = await this.clock.now();
    for (const c of candidates) {
      if (this.stopped) return Infinity;
      const opens = warningStartsAt(c.due_at, calendar, settings, c.accepted_at).getTime() - now.getTime();
      if (opens > 0) return opens;
      await this.alerts.warnIfDue(c.id);
    }
    return candidates.length < WARN_BATCH ? Infinity : 0; // a full batch all warned: go on at once
  }
}
