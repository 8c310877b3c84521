import { Injectable } from '@nestjs/common';
import {
  actingFor,
  type CardAction,
  type CardActor,
  type CardEntry,
  type CardState,
  type CardVerification,
  type CitedNotice,
  type SessionUser,
} from '@hub/shared';
import { Database, type Tx } from '../database/database';
import type { Queryable } from '../database/database';
import { LiveEvents } from '../events/live-events';
import { citedNoticeIds, recomputeCard, type CardHead, type StoredNotice } from './card-integrity';
import { chainHash, GENESIS_HASH } from './hash-chain';

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

export interface CardRow {
  position: string;
  project_id: string;
  seq: number;
  at: Date;
  actor: CardActor | null;
  action: CardAction;
  before: CardState | null;
  after: CardState;
  detail: Record<string, string>;
  notices: CitedNotice[] | null;
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
  /** R17: numbered notices this entry cites besides those cited for its project (cite). */
  notices?: readonly CitedNotice[];
}

/**
 * The tracking card (R5): append-only, hash-chained per project, and the hub's event stream (R25).
 * Each append also moves the project's head in `card_heads`, outside the chain, in the same
 * transaction: a card that ends anywhere else (its last entry deleted, or re-chained after an
 * edit) fails verification. Someone who can rewrite the database can rewrite that head too; what
 * they cannot forge is a signed checkpoint kept elsewhere (CardCheckpoints).
 */
@Injectable()
export class CardService {
  /** Notices issued in a transaction and not yet cited by an entry of their project (R17). */
  private readonly uncited = new WeakMap<Tx, { projectId: string; notice: CitedNotice }[]>();

  /** Work done in the transaction of every batch of entries (R27: the applicant's messages go out with the step). */
  private readonly observers: ((tx: Tx, entries: readonly CardEntry[]) => Promise<void>)[] = [];

  constructor(
    private readonly db: Database,
    private readonly live: LiveEvents,
  ) {}

  observe(observer: (tx: Tx, entries: readonly CardEntry[]) => Promise<void>): void {
    this.observers.push(observer);
  }

  /**
   * R17: the next entry appended to the project's card in this transaction cites the notice and
   * its content hash. A transaction that issues a project's notice without recording a step on
   * that card is refused at commit.
   */
  cite(tx: Tx, projectId: string, notice: CitedNotice): void {
    let pending = this.uncited.get(tx);
    if (!pending) {
      const list: { projectId: string; notice: CitedNotice }[] = [];
      tx.beforeCommit(() => {
        if (list.length)
          throw new Error(`${list.map((p) => p.notice.number).join(', ')} issued without an entry on its project's card (R5/R17)`);
      });
      this.uncited.set(tx, list);
      pending = list;
    }
    pending.push({ projectId, notice });
  }

  /** Appends inside the caller's transaction; pushed live only once that transaction commits. */
  async append(tx: Tx, entry: NewCardEntry): Promise<CardEntry> {
    return (await this.appendMany(tx, [entry]))[0]!;
  }

  /**
   * Appends entries in their order, whatever their number, in the same three statements: the
   * stream lock, one read of where the stream and each card end, one insert of the entries with
   * their cards' heads (a claim of 25 deemed consents took 125 before; a card with several entries
   * in the batch takes one more statement per further entry). Each entry cites the notices cited
   * for its project in this transaction so far, then its own.
   */
  async appendMany(tx: Tx, entries: readonly NewCardEntry[]): Promise<CardEntry[]> {
    if (!entries.length) return [];
    await tx.query('SELECT pg_advisory_xact_lock($1)', [STREAM_LOCK]);
    // Read after the lock, in one statement: where the stream ends, the entries' instant, where each card ends.
    const head = await tx.one<{ position: string; at: Date; ends: { project_id: string; seq: number; hash: string }[] | null }>(
      `SELECT (SELECT COALESCE(MAX(position), 0) + 1 FROM card_entries) AS position, date_trunc('milliseconds', hub_now()) AS at,
              (SELECT json_agg(json_build_object('project_id', e.project_id, 'seq', e.seq, 'hash', e.hash)) FROM unnest($1::uuid[]) AS p(id)
                 CROSS JOIN LATERAL (SELECT project_id, seq, hash FROM card_entries WHERE project_id = p.id ORDER BY seq DESC LIMIT 1) e) AS ends`,
      [[...new Set(entries.map((e) => e.projectId))]],
    );
    const last = new Map((head!.ends ?? []).map((r) => [r.project_id, { seq: r.seq, hash: r.hash }]));
    const cards = entries.map((entry, n) => {
      const previous = last.get(entry.projectId);
      const notices = [...this.takeCitations(tx, entry.projectId), ...(entry.notices ?? [])];
      const unsigned: Omit<CardEntry, 'hash'> = {
        position: Number(head!.position) + n,
        projectId: entry.projectId,
        seq: (previous?.seq ?? 0) + 1,
        at: head!.at.toISOString(),
        actor: entry.actor && cardActor(entry.actor, entry.after),
        action: entry.action,
        before: entry.before,
        after: entry.after,
        detail: entry.detail ?? {},
        ...(notices.length ? { notices } : {}),
        prevHash: previous?.hash ?? GENESIS_HASH,
      };
      const card: CardEntry = { ...unsigned, hash: entryHash(unsigned) };
      last.set(card.projectId, { seq: card.seq, hash: card.hash });
      return card;
    });
    // A head moves one entry at a time (the database refuses a jump): the first entry of each card
    // in the batch, then the second of those with two, and so on. The first round is written in
    // the entries' own statement: one statement in the usual case.
    const turns = new Map<string, number>();
    const rounds: CardEntry[][] = [];
    for (const card of cards) {
      const turn = turns.get(card.projectId) ?? 0;
      turns.set(card.projectId, turn + 1);
      (rounds[turn] ??= []).push(card);
    }
    const heads = (from: number) =>
      `INSERT INTO card_heads (project_id, seq, hash) SELECT * FROM unnest($${from}::uuid[], $${from + 1}::int[], $${from + 2}::text[])
       ON CONFLICT (project_id) DO UPDATE SET seq = EXCLUDED.seq, hash = EXCLUDED.hash`;
    const headParams = (round: CardEntry[]) => [round.map((c) => c.projectId), round.map((c) => c.seq), round.map((c) => c.hash)];
    const [first, ...later] = rounds;
    await tx.query(
      `WITH entries AS (
         INSERT INTO card_entries (position, project_id, seq, at, actor, action, before, after, detail, notices, prev_hash, hash)
         SELECT * FROM unnest($1::bigint[], $2::uuid[], $3::int[], $4::timestamptz[], $5::jsonb[], $6::text[], $7::jsonb[],
           $8::jsonb[], $9::jsonb[], $10::jsonb[], $11::text[], $12::text[]))
       ${heads(13)}`,
      [
        cards.map((c) => c.position),
        cards.map((c) => c.projectId),
        cards.map((c) => c.seq),
        cards.map((c) => c.at),
        cards.map((c) => json(c.actor)),
        cards.map((c) => c.action),
        cards.map((c) => json(c.before)),
        cards.map((c) => json(c.after)),
        cards.map((c) => json(c.detail)),
        cards.map((c) => json(c.notices ?? null)),
        cards.map((c) => c.prevHash),
        cards.map((c) => c.hash),
        ...headParams(first!),
      ],
    );
    for (const round of later) await tx.query(heads(1), headParams(round));
    for (const observer of this.observers) await observer(tx, cards);
    tx.onCommit(() => {
      for (const card of cards) this.live.publish(card);
    });
    return cards;
  }

  private takeCitations(tx: Tx, projectId: string): CitedNotice[] {
    const pending = this.uncited.get(tx) ?? [];
    const taken = pending.filter((p) => p.projectId === projectId);
    pending.splice(0, pending.length, ...pending.filter((p) => p.projectId !== projectId));
    return taken.map((p) => p.notice);
  }

  async list(projectId: string): Promise<CardEntry[]> {
    return loadCard(this.db, projectId);
  }

  /** Entries after a stream position, in order (replay for clients that missed pushes). */
  async after(position: number, limit: number): Promise<CardEntry[]> {
    const rows = await this.db.query<CardRow>('SELECT * FROM card_entries WHERE position > $1 ORDER BY position LIMIT $2', [
      position,
      limit,
    ]);
    return rows.map(toEntry);
  }

  /** The newest entries across all projects, newest first (the wall display's ticker). */
  async latest(limit: number): Promise<CardEntry[]> {
    const rows = await this.db.query<CardRow>('SELECT * FROM card_entries ORDER BY position DESC LIMIT $1', [limit]);
    return rows.map(toEntry);
  }

  /**
   * R5/R17: recompute the card from its stored entries: a changed, removed or reordered entry, a
   * rewritten notice, a deleted last entry or a re-chained card breaks it (see recomputeCard).
   */
  async verify(projectId: string): Promise<CardVerification> {
    return this.db.transaction(async (tx) => {
      // One snapshot: an entry appended meanwhile must not look like a head the chain misses.
      await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const entries = await loadCard(tx, projectId);
      const head = await tx.one<CardHead>('SELECT seq, hash FROM card_heads WHERE project_id = $1', [projectId]);
      return recomputeCard(entries, await loadCitedNotices(tx, entries), head ?? null);
    });
  }
}

async function loadCard(q: Queryable, projectId: string): Promise<CardEntry[]> {
  return (await q.query<CardRow>('SELECT * FROM card_entries WHERE project_id = $1 ORDER BY seq', [projectId])).map(toEntry);
}

/** The stored notices the entries cite, by id. */
export async function loadCitedNotices(q: Queryable, entries: readonly CardEntry[]): Promise<Map<string, StoredNotice>> {
  const ids = citedNoticeIds(entries);
  if (!ids.length) return new Map();
  const rows = await q.query<{ id: string; project_id: string | null; content: object }>(
    'SELECT id, project_id, content FROM notices WHERE id = ANY($1::uuid[])',
    [ids],
  );
  return new Map(rows.map((r) => [r.id, { projectId: r.project_id, content: r.content }]));
}

export function entryHash(entry: Omit<CardEntry, 'hash'>): string {
  return chainHash(entry);
}

const json = (value: unknown) => (value === null ? null : JSON.stringify(value));

export function toEntry(r: CardRow): CardEntry {
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
    // Absent, not null, on entries without notices: the hash of entries written before citations existed stays the same.
    ...(r.notices ? { notices: r.notices } : {}),
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}
