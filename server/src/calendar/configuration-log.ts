import { Injectable } from '@nestjs/common';
import type { ConfigurationAction, ConfigurationChange, SessionUser } from '@hub/shared';
import type { Tx } from '../database/database';
import { DeadlineSignals } from '../events/deadline-signals';
import type { Queryable } from '../database/database';
import { BOARD_ROOM, LiveEvents } from '../events/live-events';
import { CALENDAR_LOCK } from './calendar.service';

interface ChangeRow {
  id: string;
  at: Date;
  actor_id: string;
  actor_name: string;
  subject: ConfigurationChange['subject'];
  action: ConfigurationAction;
  target: string | null;
  before: unknown;
  after: unknown;
  recomputed: number;
}

export interface NewConfigurationChange {
  actor: SessionUser;
  at: Date;
  subject: ConfigurationChange['subject'];
  action: ConfigurationAction;
  target: string | null;
  before: unknown;
  after: unknown;
  recomputed: number;
}

/** Calendar and settings changes run one at a time, and never while a deadline is being computed. */
export const lockCalendarForChange = (tx: Tx) => tx.query('SELECT pg_advisory_xact_lock($1)', [CALENDAR_LOCK]);

const SELECT = `SELECT c.*, u.display_name AS actor_name FROM configuration_changes c JOIN users u ON u.id = c.actor_id`;

const toChange = (r: ChangeRow): ConfigurationChange => ({
  id: r.id,
  at: r.at.toISOString(),
  actor: { id: r.actor_id, displayName: r.actor_name },
  subject: r.subject,
  action: r.action,
  target: r.target,
  before: r.before,
  after: r.after,
  recomputed: r.recomputed,
});

/**
 * Every calendar and settings change on record (append-only), in the change's own transaction:
 * it bumps the calendar version every instance checks, and after commit tells this instance's
 * engine to re-plan and every board to reload its calendar.
 */
@Injectable()
export class ConfigurationLog {
  constructor(
    private readonly live: LiveEvents,
    private readonly signals: DeadlineSignals,
  ) {}

  async record(tx: Tx, change: NewConfigurationChange): Promise<ConfigurationChange> {
    const bumped = await tx.one<{ version: string }>('UPDATE calendar_version SET version = version + 1 RETURNING version');
    const version = Number(bumped!.version);
    tx.onCommit(() => {
      this.signals.deadlinesChanged();
      this.live.emitTo([BOARD_ROOM], 'calendar:changed', { version });
    });
    return insertConfigurationChange(tx, change);
  }

  async list(q: Queryable, limit = 200): Promise<ConfigurationChange[]> {
    return (await q.query<ChangeRow>(`${SELECT} ORDER BY c.at DESC, c.id LIMIT $1`, [limit])).map(toChange);
  }
}

/** The change on record, in the caller's transaction (R1: departments and people changes use it alone). */
export async function insertConfigurationChange(tx: Tx, change: NewConfigurationChange): Promise<ConfigurationChange> {
  const inserted = await tx.one<{ id: string }>(
    `INSERT INTO configuration_changes (at, actor_id, subject, action, target, before, after, recomputed)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [
      change.at,
      change.actor.id,
      change.subject,
      change.action,
      change.target,
      jsonb(change.before),
      jsonb(change.after),
      change.recomputed,
    ],
  );
  const [row] = await tx.query<ChangeRow>(`${SELECT} WHERE c.id = $1`, [inserted!.id]);
  return toChange(row!);
}

const jsonb = (value: unknown) => (value === undefined || value === null ? null : JSON.stringify(value));
