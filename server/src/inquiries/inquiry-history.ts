import { Injectable } from '@nestjs/common';
import type {
  CardActor,
  InquiryHistoryAction,
  InquiryHistoryEntry,
  InquiryHistoryVerification,
  InquiryStatus,
  SessionUser,
} from '@hub/shared';
import { chainAfter, verifyChain } from '../card/hash-chain';
import { Database, type Tx } from '../database/database';
import { HubClock } from '../database/hub-clock';

interface EntryRow {
  inquiry_id: string;
  seq: number;
  at: Date;
  actor: CardActor | null;
  action: InquiryHistoryAction;
  before: InquiryStatus | null;
  after: InquiryStatus;
  detail: Record<string, string>;
  prev_hash: string;
  hash: string;
}

export interface NewHistoryEntry {
  inquiryId: string;
  actor: SessionUser | null;
  action: InquiryHistoryAction;
  before: InquiryStatus | null;
  after: InquiryStatus;
  detail: Record<string, string>;
}

/**
 * Each inquiry's own history (R23, "like a tracking card", R5): append-only (trigger), hash-chained
 * per inquiry, verifiable. Appenders hold the inquiry's row lock, so seq is taken one at a time.
 */
@Injectable()
export class InquiryHistory {
  constructor(
    private readonly db: Database,
    private readonly clock: HubClock,
  ) {}

  async append(tx: Tx, entry: NewHistoryEntry): Promise<InquiryHistoryEntry> {
    const last = await tx.one<{ seq: number; hash: string }>(
      'SELECT seq, hash FROM inquiry_entries WHERE inquiry_id = $1 ORDER BY seq DESC LIMIT 1',
      [entry.inquiryId],
    );
    const recorded: InquiryHistoryEntry = chainAfter(last, {
      inquiryId: entry.inquiryId,
      at: (await this.clock.now(tx)).toISOString(),
      actor: entry.actor && { id: entry.actor.id, displayName: entry.actor.displayName, role: entry.actor.role },
      action: entry.action,
      before: entry.before,
      after: entry.after,
      detail: entry.detail,
    });
    await tx.query(
      `INSERT INTO inquiry_entries (inquiry_id, seq, at, actor, action, before, after, detail, prev_hash, hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        recorded.inquiryId,
        recorded.seq,
        recorded.at,
        recorded.actor && JSON.stringify(recorded.actor),
        recorded.action,
        recorded.before,
        recorded.after,
        JSON.stringify(recorded.detail),
        recorded.prevHash,
        recorded.hash,
      ],
    );
    return recorded;
  }

  async list(inquiryId: string): Promise<InquiryHistoryEntry[]> {
    const rows = await this.db.query<EntryRow>('SELECT * FROM inquiry_entries WHERE inquiry_id = $1 ORDER BY seq', [inquiryId]);
    return rows.map((r) => ({
      inquiryId: r.inquiry_id,
      seq: r.seq,
      at: r.at.toISOString(),
      actor: r.actor,
      action: r.action,
      before: r.before,
      after: r.after,
      detail: r.detail,
      prevHash: r.prev_hash,
      hash: r.hash,
    }));
  }

  async verify(inquiryId: string): Promise<InquiryHistoryVerification> {
    return verifyChain(await this.list(inquiryId));
  }
}
