import { Inject, Injectable } from '@nestjs/common';
import type { SmtpSettings } from '@hub/shared';
import { HUB_CONFIG, type HubConfig } from '../config/hub-config';
import type { Queryable, Tx } from '../database/database';

/** One message to write: a fact, told to one recipient over one channel. */
export interface NewMessage {
  /** The fact reported, e.g. alert:<id> or card:<position>: with recipient and channel, the message's key. */
  fact: string;
  /** user:<id> or applicant:<project id>. */
  recipient: string;
  channel: 'email' | 'sms';
  address: string;
  kind: string;
  userId: string | null;
  projectId: string | null;
  subject: string;
  body: string;
  ics?: string;
  at: Date;
}

/** The SMTP server: the admin's settings if saved, else the environment's (HUB_SMTP_*), else none. */
export async function currentSmtp(q: Queryable, config: HubConfig): Promise<SmtpSettings | null> {
  const row = (await q.query<{ value: SmtpSettings }>(`SELECT value FROM settings WHERE key = 'smtp'`))[0];
  return row?.value.host ? row.value : config.notifications.smtp;
}

/**
 * R27: the durable outbox. Messages are written inside the transaction of the fact they report, so a
 * fact never commits without its messages nor a message without its fact; the unique key (fact,
 * recipient, channel) makes a second write of the same message a no-op, whoever writes it.
 */
@Injectable()
export class Outbox {
  private readonly written = new Set<() => void>();

  constructor(@Inject(HUB_CONFIG) private readonly config: HubConfig) {}

  /** Called after a transaction that wrote messages commits (the local sender wakes at once). */
  onWritten(listener: () => void): void {
    this.written.add(listener);
  }

  /** Stores the messages in one statement; returns how many were new. */
  async write(tx: Tx, messages: readonly NewMessage[]): Promise<number> {
    if (!messages.length) return 0;
    const column = <K extends keyof NewMessage>(key: K) => messages.map((m) => m[key] ?? null);
    const rows = await tx.query(
      `INSERT INTO outbox (fact, recipient, channel, address, kind, user_id, project_id, subject, body, ics, created_at)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::uuid[], $7::uuid[], $8::text[],
         $9::text[], $10::text[], $11::timestamptz[])
       ON CONFLICT (fact, recipient, channel) DO NOTHING RETURNING id`,
      [
        column('fact'),
        column('recipient'),
        column('channel'),
        column('address'),
        column('kind'),
        column('userId'),
        column('projectId'),
        column('subject'),
        column('body'),
        column('ics'),
        column('at'),
      ],
    );
    const stored = rows.length;
    if (stored) tx.onCommit(() => this.written.forEach((listener) => listener()));
    return stored;
  }

  /**
   * The center named (or changed) its SMTP server: e-mails waiting out a back-off — most of them for
   * want of a server — are due now, and the local sender wakes once this commits (the other
   * instances at their next sweep). Their tries so far still count.
   */
  async emailsDueNow(tx: Tx): Promise<void> {
    const waiting = await tx.query(
      `UPDATE outbox SET next_attempt_at = now() WHERE state = 'pending' AND channel = 'email' AND next_attempt_at > now() RETURNING id`,
    );
    if (waiting.length) tx.onCommit(() => this.written.forEach((listener) => listener()));
  }

  get publicUrl(): string {
    return this.config.notifications.publicUrl;
  }

  smtp(q: Queryable): Promise<SmtpSettings | null> {
    return currentSmtp(q, this.config);
  }
}
