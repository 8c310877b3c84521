import { Injectable } from '@nestjs/common';
import { actingFor, type CardAction, type CardActor, type CardEntry, type CardState, type CardVerification, type SessionUser } from '@hub/shared';
import { Database, type Tx } from '../database/database';
import { LiveEvents } from '../realtime/live-events';
import { chainHash, GENESIS_HASH, verifyChain } from './hash-chain';

/** R1: who acted, and for whom when a deputy acts in its period (an item's department decides whose). */
function cardActor(user: SessionUser, after: CardState): CardActor {
  const principal = actingFor(user, after.kind === 'item' ? after.item.departmentId : null);
  return {
    id: user.id,
    displayName: user.displayName,
    role: user.role,
    ...(principal ? { onBehalfOf: { id: principal.principalId, displayName: principal.principalName } } : {}),
  };
}

/** Held to commit by every appender: stream positions are assigned and committed in one order (R25). */
const STREAM_LOCK = 7_345_001;

interface CardRow {
  position: string;
  project_id: string;
  seq: number;
  at: Date;
  actor: CardActor | null;
  action: CardAction;
  before: CardState | null;
  after: CardState;
  detail: Record<string, string>;
  prev_hash: string;
  hash: string;
}

export interface NewCardEntry {
  projectId: string;
  actor: SessionUser | null;
  action: CardAction;
  before: CardState | null;
  after: CardState;
  detail?: Record<string, string>;
}

/** The tracking card (R5): append-only, hash-chained per project, and the hub's event stream (R25). */
@Injectable()
export class CardService {
  constructor(
    private readonly db: Database,
    private readonly live: LiveEvents,
  ) {}

  /** Appends inside the caller's transaction; pushed live only once that transaction commits. */
  async append(tx: Tx, entry: NewCardEntry): Promise<CardEntry> {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [STREAM_LOCK]);
    const head = await tx.one<{ position: string; at: Date }>(
      `SELECT COALESCE(MAX(position), 0) + 1 AS position, date_trunc('milliseconds', hub_now()) AS at FROM card_entries`,
    );
    const last = await tx.one<{ seq: number; hash: string }>(
      'SELECT seq, hash FROM card_entries WHERE project_id = $1 ORDER BY seq DESC LIMIT 1',
      [entry.projectId],
    );
    const unsigned: Omit<CardEntry, 'hash'> = {
      position: Number(head!.position),
      projectId: entry.projectId,
      seq: (last?.seq ?? 0) + 1,
      at: head!.at.toISOString(),
      actor: entry.actor && cardActor(entry.actor, entry.after),
      action: entry.action,
      before: entry.before,
      after: entry.after,
      detail: entry.detail ?? {},
      prevHash: last?.hash ?? GENESIS_HASH,
    };
    const card: CardEntry = { ...unsigned, hash: entryHash(unsigned) };
    await tx.query(
      `INSERT INTO card_entries (position, project_id, seq, at, actor, action, before, after, detail, prev_hash, hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [card.position, card.projectId, card.seq, card.at, json(card.actor), card.action, json(card.before), json(card.after), json(card.detail), card.prevHash, card.hash],
    );
    tx.onCommit(() => this.live.publish(card));
    return card;
  }

  async list(projectId: string): Promise<CardEntry[]> {
    const rows = await this.db.query<CardRow>('SELECT * FROM card_entries WHERE project_id = $1 ORDER BY seq', [projectId]);
    return rows.map(toEntry);
  }

  /** Entries after a stream position, in order (replay for clients that missed pushes). */
  async after(position: number, limit: number): Promise<CardEntry[]> {
    const rows = await this.db.query<CardRow>('SELECT * FROM card_entries WHERE position > $1 ORDER BY position LIMIT $2', [position, limit]);
    return rows.map(toEntry);
  }

  /** The newest entries across all projects, newest first (the wall display's ticker). */
  async latest(limit: number): Promise<CardEntry[]> {
    const rows = await this.db.query<CardRow>('SELECT * FROM card_entries ORDER BY position DESC LIMIT $1', [limit]);
    return rows.map(toEntry);
  }

  /** R5: recompute the chain; a changed, removed or reordered entry breaks it. */
  async verify(projectId: string): Promise<CardVerification> {
    return verifyChain(await this.list(projectId));
  }
}

export function entryHash(entry: Omit<CardEntry, 'hash'>): string {
  return chainHash(entry);
}

const json = (value: unknown) => (value === null ? null : JSON.stringify(value));

function toEntry(r: CardRow): CardEntry {
  return {
    position: Number(r.position),
    projectId: r.project_id,
    seq: r.seq,
    at: r.at.toISOString(),
    actor: r.actor,
    action: r.action,
    before: r.before,
    after: r.after,
    detail: r.detail,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}
