import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import type { SmtpSettings } from '@hub/shared';
import { HUB_CONFIG, type HubConfig } from '../config/hub-config';
import { CLAIM_TX, Database } from '../database/database';
import { backoffDelay, SweepLoop } from '../database/sweep-loop';
import { DeliveryError, SEND_TIMEOUT_MS, sendEmail, sendSmsToLog, sendSmsWebhook, type OutgoingMessage } from './channels';
import { currentSmtp, Outbox } from './outbox';

/** Messages claimed per pass, and sent this many at a time. */
const CLAIM_BATCH = 20;
const PARALLEL = 5;
/** A claimed row left 'sending' (its instance died mid-send) is claimable again after this: longer than any send. */
const LEASE_MS = 6 * SEND_TIMEOUT_MS;

interface ClaimedRow extends OutgoingMessage {
  attempts: number;
}

/**
 * R27: the sender, in every instance. A pass claims due rows with FOR UPDATE SKIP LOCKED and marks
 * them 'sending' with a lease (one short claim transaction: two instances never claim one row),
 * sends them outside any transaction, then records each outcome guarded by the claim (state and
 * attempt number): sent; or back to pending with a back-off; or, after maxAttempts tries or a
 * permanent refusal, failed on record with the last error. A row whose instance died mid-send is
 * claimed again when its lease ends. It wakes when this instance writes messages, and at sweepMs
 * as a backstop for other instances' messages and retries coming due.
 */
@Injectable()
export class OutboxSender implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly log = new Logger('Outbox');
  private readonly loop: SweepLoop;

  constructor(
    private readonly db: Database,
    outbox: Outbox,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
  ) {
    this.loop = new SweepLoop({
      work: () => this.sendDue(),
      intervalMs: config.notifications.sweepMs,
      recovered: (listener) => db.onRecovered(listener),
      onError: (error) => this.log.error({ msg: 'outbox pass failed; retrying with back-off', error: String(error) }),
    });
    outbox.onWritten(() => this.loop.wake());
  }

  onApplicationBootstrap(): void {
    this.loop.wake();
  }

  async onModuleDestroy(): Promise<void> {
    await this.loop.stop();
  }

  wake(): void {
    this.loop.wake();
  }

  /** One pass: sends what is due; returns the ms until the next row comes due (Infinity: none). */
  async sendDue(): Promise<number> {
    const claimed = await this.db.transaction(
      (tx) =>
        tx.query<ClaimedRow>(
          `UPDATE outbox SET state = 'sending', attempts = attempts + 1, lease_until = now() + make_interval(secs => $2::double precision / 1000)
           WHERE id IN (
             SELECT id FROM outbox
             WHERE (state = 'pending' AND next_attempt_at <= now()) OR (state = 'sending' AND lease_until <= now())
             ORDER BY next_attempt_at, id LIMIT $1 FOR UPDATE SKIP LOCKED)
           RETURNING id, channel, address, subject, body, ics, attempts`,
          [CLAIM_BATCH, LEASE_MS],
        ),
      CLAIM_TX,
    );
    if (claimed.length) {
      const smtp = claimed.some((m) => m.channel === 'email') ? await currentSmtp(this.db, this.config) : null;
      for (let i = 0; i < claimed.length; i += PARALLEL)
        await Promise.all(claimed.slice(i, i + PARALLEL).map((m) => this.deliver(m, smtp)));
      if (claimed.length === CLAIM_BATCH) return 0; // a full batch: more may be due
    }
    // NULL when nothing waits (GREATEST would turn that NULL into 0: a pass again at once, forever).
    const next = await this.db.one<{ ms: number | null }>(
      `SELECT (EXTRACT(EPOCH FROM MIN(CASE WHEN state = 'pending' THEN next_attempt_at ELSE lease_until END) - now()) * 1000)::float8 AS ms
       FROM outbox WHERE state IN ('pending','sending')`,
    );
    return next?.ms == null ? Infinity : Math.max(0, next.ms);
  }

  private async deliver(message: ClaimedRow, smtp: SmtpSettings | null): Promise<void> {
    try {
      await this.send(message, smtp);
    } catch (error) {
      const failure = error instanceof DeliveryError ? error : new DeliveryError(String(error), false);
      const giveUp = failure.permanent || message.attempts >= this.config.notifications.maxAttempts;
      const wait = backoffDelay(
        message.attempts,
        { firstMs: this.config.notifications.retryFirstMs, maxMs: this.config.notifications.retryMaxMs },
        Math.random,
      );
      await this.db.query(
        `UPDATE outbox SET state = $3, lease_until = NULL, last_error = $4,
           failed_at = CASE WHEN $3 = 'failed' THEN now() END, next_attempt_at = now() + make_interval(secs => $5::double precision / 1000)
         WHERE id = $1 AND state = 'sending' AND attempts = $2`,
        [message.id, message.attempts, giveUp ? 'failed' : 'pending', failure.message.slice(0, 500), wait],
      );
      if (giveUp) this.log.warn(`message ${message.id} (${message.channel}) given up after ${message.attempts} tries: ${failure.message}`);
      return;
    }
    await this.db.query(
      `UPDATE outbox SET state = 'sent', sent_at = now(), lease_until = NULL, last_error = NULL WHERE id = $1 AND state = 'sending' AND attempts = $2`,
      [message.id, message.attempts],
    );
  }

  private async send(message: ClaimedRow, smtp: SmtpSettings | null): Promise<void> {
    if (message.channel === 'email') return sendEmail(smtp, this.config.notifications.smtpPassword, message);
    const sms = this.config.notifications.sms;
    if (sms) return sendSmsWebhook(sms, message);
    sendSmsToLog(this.log, message);
  }
}
