import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { ApprovalsService, RULING_RUNS } from '../approvals/approvals.service';
import { HUB_CONFIG, type HubConfig } from '../config/hub-config';
import { CLAIM_TX, Database, isConnectionLost } from '../database/database';
import { HubClock } from '../database/hub-clock';
import { deemedConsentDue, holdsOf } from '@hub/shared';
import { SweepLoop } from '../database/sweep-loop';
import { MeetingsService } from '../meetings/meetings.service';
import { MegaService } from '../mega/mega.service';
import { DeadlineSignals } from '../events/deadline-signals';

/**
 * R14: fires deemed consent when the database clock reaches an item's due instant — never before.
 * Runs in every instance: each claims due items with SKIP LOCKED, so any instance may fire any
 * deadline and the deemed_consents key makes it exactly once. Wakes at the next due instant,
 * with a periodic sweep as backstop (changes made on other instances, test clock moves).
 */
/** R16 Decision: only a pending deadline explanation holds R14 — a meeting excuse never does. */
const HELD_BY_EXPLANATION = `EXISTS (SELECT 1 FROM written_explanations e WHERE e.item_id = i.id AND e.status = 'pending' AND e.kind = 'deadline')`;
/** R10a: an open special procedure stops the clock; its end moves the due instant (a new deadline version). */
const HELD_BY_PROCEDURE = `EXISTS (SELECT 1 FROM special_procedures sp WHERE sp.item_id = i.id AND sp.ends_at IS NULL)`;
const HELD = `(${HELD_BY_EXPLANATION} OR ${HELD_BY_PROCEDURE})`;

/**
 * Due items fired per transaction. A claim writes its firings in set-based statements, so a bigger
 * claim costs little more than a small one: 1,000 due in the same second fire within 2 s with 100
 * (2.3 s with 25; the R17 numbering row is held to commit, so claims run one after another).
 */
const FIRE_BATCH = 100;
/** How long an item whose firing failed is left out of the claims (it is logged each time). */
const SET_ASIDE_MS = 60_000;
/**
 * When items are due but none could be claimed (another instance holds them, or they are set
 * aside), the next pass waits this long instead of running at once: a pass at once, again and again,
 * took the CPU and connections the instance holding them needs. Its claims end when it commits, dies
 * (at once) or freezes (the idle limit), and the rest are taken up within this.
 */
const HELD_ELSEWHERE_MS = 100;

@Injectable()
export class DeadlineEngine implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly log = new Logger('DeadlineEngine');
  private readonly loop: SweepLoop;
  private stopped = false;
  private readonly setAside = new Map<string, number>();

  constructor(
    private readonly db: Database,
    private readonly clock: HubClock,
    private readonly approvals: ApprovalsService,
    private readonly meetings: MeetingsService,
    private readonly mega: MegaService,
    private readonly signals: DeadlineSignals,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
  ) {
    this.loop = new SweepLoop({
      work: () => this.cycle(),
      intervalMs: config.deadlineSweepMs,
      // Deadlines that fell due while the database was gone fire as soon as it answers again.
      recovered: (listener) => db.onRecovered(listener),
      onError: (error) => this.log.error({ msg: 'deadline cycle failed; retrying with back-off', error: String(error) }),
    });
  }

  onApplicationBootstrap(): void {
    this.signals.onChange(() => this.wake());
    this.wake(); // deadlines that passed while the hub was down fire now, stamped with their due instant
  }

  /** Before the pool closes (onApplicationShutdown), so no cycle runs against a closed pool. */
  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    await this.loop.stop();
  }

  wake(): void {
    this.loop.wake();
  }

  /**
   * Fires every deadline due now; returns how many this instance fired. Claims in batches (one
   * commit for many firings keeps a bunch of due deadlines fast); when a batch fails it goes on one
   * by one, and an item that fails alone is set aside for a while so it cannot starve the rest.
   */
  async fireDue(): Promise<number> {
    let fired = 0;
    let size = FIRE_BATCH;
    while (!this.stopped) {
      const claimed: string[] = [];
      try {
        const outcome = await this.fireBatch(size, claimed);
        fired += outcome.fired;
        if (outcome.claimed < size) break;
      } catch (error) {
        // The database is gone, or the failure is nobody's item: the loop backs off and retries.
        if (isConnectionLost(error)) throw error;
        if (size > 1) {
          size = 1;
          continue;
        }
        if (claimed.length === 0) throw error;
        for (const id of claimed) this.setAside.set(id, Date.now() + SET_ASIDE_MS);
        this.log.error({ msg: 'deemed consent failed; item set aside and retried later', items: claimed, error: String(error) });
      }
    }
    return fired;
  }

  /** One pass: fires what is due, lapses what ran out; resolves to the ms until the next due instant. */
  private async cycle(): Promise<number> {
    let delay = this.config.deadlineSweepMs;
    const fired = await this.fireDue();
    await this.approvals.escalateOverdueRulings();
    await this.mega.escalateOverdueForwarding(); // R6: escalates, never deems
    // One round trip plans all four: the next running, unheld due instant (R14/R16), the next
    // ruling to fall overdue (R16), the next forward deadline not yet escalated (R6) and the next
    // lapse of a meeting never closed (no R15). Meetings never pause R14: items fire first.
    const next = await this.db.one<{ due_ms: number | null; ruling_ms: number | null; forward_ms: number | null; lapse_ms: number | null }>(
      `SELECT (SELECT EXTRACT(EPOCH FROM MIN(due_at) - hub_now()) * 1000 FROM approval_items i
                WHERE status = 'in_review' AND NOT ${HELD}) AS due_ms,
              (SELECT EXTRACT(EPOCH FROM MIN(ruling_due_at) - hub_now()) * 1000 FROM written_explanations
                WHERE status = 'pending' AND ruling_escalated_at IS NULL AND ${RULING_RUNS}) AS ruling_ms,
              (SELECT EXTRACT(EPOCH FROM MIN(due_at) - hub_now()) * 1000 FROM mega_forwarding
                WHERE forwarded_at IS NULL AND escalated_at IS NULL) AS forward_ms,
              (SELECT EXTRACT(EPOCH FROM MIN(ends_at) + $1 * interval '1 millisecond' - hub_now()) * 1000 FROM meetings
                WHERE status IN ('scheduled','open')) AS lapse_ms`,
      [this.config.meetingLapseMs],
    );
    // A ruling still overdue here failed to escalate just now: the periodic sweep retries it.
    if (next?.ruling_ms != null && Number(next.ruling_ms) > 0) delay = Math.min(delay, Math.ceil(Number(next.ruling_ms)));
    // Likewise a forward still unescalated here failed just now (R6); one ahead wakes the engine at its instant.
    if (next?.forward_ms != null && Number(next.forward_ms) > 0) delay = Math.min(delay, Math.ceil(Number(next.forward_ms)));
    if (next?.lapse_ms != null && Number(next.lapse_ms) <= 0) {
      while (!this.stopped && (await this.meetings.lapseNext()));
    } else if (next?.lapse_ms != null) {
      delay = Math.min(delay, Math.ceil(Number(next.lapse_ms)));
    }
    if (next?.due_ms != null) {
      const dueMs = Math.ceil(Number(next.due_ms));
      delay = Math.min(delay, dueMs > 0 ? dueMs : fired > 0 ? 0 : HELD_ELSEWHERE_MS);
    }
    return delay;
  }

  /**
   * Claims up to `size` due items. R16/R10a: items held by a pending written explanation or an open
   * special procedure are skipped. The
   * claim's NOT EXISTS is read from the statement's snapshot, so an explanation committed while this
   * statement waited for a row lock is seen by the re-check below (a fresh snapshot), and the pure
   * rule decides: never early, never while held.
   */
  private fireBatch(size: number, claimed: string[]): Promise<{ claimed: number; fired: number }> {
    const now = Date.now();
    for (const [id, until] of this.setAside) if (until <= now) this.setAside.delete(id);
    return this.db.transaction(async (tx) => {
      claimed.length = 0; // a transaction retried after a lost connection claims afresh
      // (SELECT hub_now()): read once, so the partial index bounds the scan; hub_now() is volatile and,
      // called per row, made each claim read all 100,000 pending items (≈1 s) whenever fewer than a batch were due.
      const due = await tx.query<{ id: string }>(
        `SELECT id FROM approval_items i WHERE status = 'in_review' AND due_at <= (SELECT hub_now())
           AND NOT ${HELD}
           AND NOT (id = ANY($2::uuid[]))
         ORDER BY due_at LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [size, [...this.setAside.keys()]],
      );
      claimed.push(...due.map((d) => d.id));
      if (!claimed.length) return { claimed: 0, fired: 0 };
      const items = new Map((await this.approvals.itemsById(tx, claimed)).map((item) => [item.id, item]));
      const firedAt = await this.clock.now(tx);
      // In claim (due) order: the batch's notices are numbered in the order their deadlines fell due.
      const firing = claimed
        .map((id) => items.get(id)!)
        .filter((item) =>
          deemedConsentDue({ status: item.status, dueAt: item.dueAt ? new Date(item.dueAt) : null, holds: holdsOf(item) }, firedAt),
        );
      await this.approvals.deemConsents(
        tx,
        firing.map((before) => ({ before })),
        firedAt,
      );
      return { claimed: due.length, fired: firing.length };
    }, CLAIM_TX);
  }
}
