import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import {
  contactProblems,
  DEFAULT_NOTIFICATION_CHANNELS,
  normalizeContact,
  NOTIFICATION_CHANNELS,
  NOTIFICATION_KINDS,
  type MyNotifications,
  type NotificationChannel,
  type OutboxMessageView,
  type OutboxState,
  type SessionUser,
  type SmtpSettingsView,
} from '@hub/shared';
import { ConfigurationLog } from '../calendar/configuration-log';
import { authorize } from '../common/authorize';
import { ProblemException, refusedBy } from '../common/problem';
import { HUB_CONFIG, type HubConfig } from '../config/hub-config';
import { Database } from '../database/database';
import { HubClock } from '../database/hub-clock';
import type { SmtpSettingsDto, UpdateMyNotificationsDto } from './notifications.dto';
import { currentSmtp, Outbox } from './outbox';

/** The admin's list: this many newest messages. */
const RECENT = 200;

interface OutboxRow {
  id: string;
  kind: string;
  channel: 'email' | 'sms';
  address: string;
  recipient_name: string | null;
  project_code: string | null;
  subject: string;
  state: OutboxState;
  attempts: number;
  last_error: string | null;
  created_at: Date;
  sent_at: Date | null;
  next_attempt_at: Date;
}

/** R27: each person's own channels and addresses; the admin's SMTP server and list of messages. */
@Injectable()
export class NotificationsService {
  constructor(
    private readonly db: Database,
    private readonly clock: HubClock,
    private readonly log: ConfigurationLog,
    private readonly outbox: Outbox,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
  ) {}

  async mine(user: SessionUser): Promise<MyNotifications> {
    this.staffOnly(user);
    const row = await this.db.one<{ email: string | null; mobile: string | null }>('SELECT email, mobile FROM users WHERE id = $1', [
      user.id,
    ]);
    const chosen = await this.db.query<{ kind: string; channel: NotificationChannel }>(
      'SELECT kind, channel FROM notification_preferences WHERE user_id = $1',
      [user.id],
    );
    const channels = { ...DEFAULT_NOTIFICATION_CHANNELS };
    for (const c of chosen) if (c.kind in channels) channels[c.kind as keyof typeof channels] = c.channel;
    return { email: row?.email ?? null, mobile: row?.mobile ?? null, channels };
  }

  /** Replaces the person's own addresses and choices; a channel without its address is refused (R27), nothing stored. */
  async updateMine(user: SessionUser, dto: UpdateMyNotificationsDto): Promise<MyNotifications> {
    this.staffOnly(user);
    const { email, mobile } = normalizeContact(dto);
    const [bad] = contactProblems({ email, mobile });
    if (bad) throw refusedBy('R27', bad.field, bad.message, false, bad.code);
    for (const [kind, channel] of Object.entries(dto.channels ?? {})) {
      if (!(NOTIFICATION_KINDS as readonly string[]).includes(kind)) throw refusedBy('R27', `channels.${kind}`, `No alert of kind ${kind}`);
      if (!(NOTIFICATION_CHANNELS as readonly string[]).includes(channel))
        throw refusedBy('R27', `channels.${kind}`, `Channel must be one of ${NOTIFICATION_CHANNELS.join(', ')}`);
      if (channel === 'email' && !email)
        throw refusedBy('R27', `channels.${kind}`, 'Give an e-mail address to receive this by e-mail', false, 'channel.needs_email');
      if (channel === 'sms' && !mobile)
        throw refusedBy('R27', `channels.${kind}`, 'Give a mobile number to receive this by SMS', false, 'channel.needs_mobile');
    }
    await this.db.transaction(async (tx) => {
      await tx.query('UPDATE users SET email = $2, mobile = $3 WHERE id = $1', [user.id, email, mobile]);
      await tx.query('DELETE FROM notification_preferences WHERE user_id = $1', [user.id]);
      for (const [kind, channel] of Object.entries(dto.channels ?? {})) {
        await tx.query('INSERT INTO notification_preferences (user_id, kind, channel) VALUES ($1, $2, $3)', [user.id, kind, channel]);
      }
    });
    return this.mine(user);
  }

  /** R27: the newest messages with their delivery state, for the admin. */
  async recent(user: SessionUser): Promise<OutboxMessageView[]> {
    authorize(user, 'settings.edit');
    const rows = await this.db.query<OutboxRow>(
      `SELECT o.id, o.kind, o.channel, o.address, u.display_name AS recipient_name, p.code AS project_code, o.subject, o.state, o.attempts,
              o.last_error, o.created_at, o.sent_at, o.next_attempt_at
       FROM outbox o LEFT JOIN users u ON u.id = o.user_id LEFT JOIN projects p ON p.id = o.project_id
       ORDER BY o.created_at DESC, o.id LIMIT $1`,
      [RECENT],
    );
    return rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      channel: r.channel,
      address: r.address,
      recipientName: r.recipient_name,
      projectCode: r.project_code,
      subject: r.subject,
      state: r.state,
      attempts: r.attempts,
      lastError: r.last_error,
      createdAt: r.created_at.toISOString(),
      sentAt: r.sent_at?.toISOString() ?? null,
      nextAttemptAt: r.state === 'pending' ? r.next_attempt_at.toISOString() : null,
    }));
  }

  async smtp(user: SessionUser): Promise<SmtpSettingsView> {
    authorize(user, 'settings.edit');
    const smtp = await currentSmtp(this.db, this.config);
    return {
      host: '',
      port: 587,
      secure: false,
      user: '',
      from: '',
      ...smtp,
      passwordSet: this.config.notifications.smtpPassword !== null,
    };
  }

  /** The admin names the SMTP server (an empty host falls back to the environment); on record. The password stays in the environment. */
  async updateSmtp(user: SessionUser, dto: SmtpSettingsDto): Promise<SmtpSettingsView> {
    authorize(user, 'settings.edit');
    const next = { host: dto.host.trim(), port: dto.port, secure: dto.secure, user: dto.user.trim(), from: dto.from.trim() };
    if (next.host && !next.from)
      throw new ProblemException(HttpStatus.BAD_REQUEST, 'Invalid request', 'Give the sender address', [
        { field: 'from', message: 'Give the sender address' },
      ]);
    await this.db.transaction(async (tx) => {
      const before = (await tx.one<{ value: unknown }>(`SELECT value FROM settings WHERE key = 'smtp' FOR UPDATE`))?.value ?? null;
      await tx.query(`INSERT INTO settings (key, value) VALUES ('smtp', $1) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`, [
        JSON.stringify(next),
      ]);
      await this.log.record(tx, {
        actor: user,
        at: await this.clock.now(tx),
        subject: 'settings',
        action: 'settings_changed',
        target: 'smtp',
        before,
        after: next,
        recomputed: 0,
      });
      await this.outbox.emailsDueNow(tx);
    });
    return this.smtp(user);
  }

  /** R1: the applicant has no inbox; "my notifications" is for the center's people. */
  private staffOnly(user: SessionUser): void {
    if (user.role === 'applicant')
      throw new ProblemException(HttpStatus.FORBIDDEN, 'Forbidden', 'The applicant is told at its registered contact');
  }
}
