import { Inject, Injectable, Logger } from '@nestjs/common';
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import type { CardCheckpoint, CardEntry, CheckpointProblem, CheckpointVerification } from '@hub/shared';
import { HUB_CONFIG, type HubConfig } from '../config/hub-config';
import { Database, type Tx } from '../database/database';
import { canonicalJson } from './canonical-json';
import { recomputeCard } from './card-integrity';
import { loadCitedNotices, toEntry, type CardRow } from './card.service';
import { contentHash } from './hash-chain';

/** Cards recomputed per query when verifying a checkpoint (bounds memory on a large hub). */
const PROJECTS_PER_BATCH = 200;

/**
 * R5 against truncation and re-chaining: a hash chain cannot show that its newest entries were cut
 * off, nor that someone with the database recomputed it after an edit. A signed checkpoint of every
 * card's head (and of every document on no card, R22), exported and kept where the application
 * cannot rewrite it, can: verifying it later recomputes every chain it covers from the stored
 * entries and every cited notice from its stored content, and finds a head that is gone
 * (truncated) or that the stored entries no longer hash to (rewritten). The signing key (Ed25519)
 * is never in the database (HUB_CHECKPOINT_KEY, or ./.data/checkpoint-key for the embedded default).
 */
@Injectable()
export class CardCheckpoints {
  private readonly log = new Logger('CardCheckpoints');
  private readonly privateKey: KeyObject;
  private readonly publicKey: KeyObject;
  private readonly keyId: string;

  constructor(
    private readonly db: Database,
    @Inject(HUB_CONFIG) config: HubConfig,
  ) {
    if (config.checkpointKey) {
      this.privateKey = createPrivateKey(config.checkpointKey);
    } else {
      // Only in test-clock mode (loadConfig requires the key otherwise).
      this.log.warn('HUB_CHECKPOINT_KEY not set: checkpoints are signed with a key that lives only as long as this process');
      this.privateKey = generateKeyPairSync('ed25519').privateKey;
    }
    this.publicKey = createPublicKey(this.privateKey);
    this.keyId = createHash('sha256')
      .update(this.publicKey.export({ type: 'spki', format: 'der' }))
      .digest('hex')
      .slice(0, 16);
  }

  async create(): Promise<CardCheckpoint> {
    return this.db.transaction(async (tx) => {
      await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const head = await tx.one<{ position: string; at: Date }>(
        `SELECT COALESCE(MAX(position), 0) AS position, date_trunc('milliseconds', hub_now()) AS at FROM card_entries`,
      );
      const heads = await tx.query<{ projectId: string; seq: number; hash: string }>(
        `SELECT DISTINCT ON (project_id) project_id AS "projectId", seq, hash FROM card_entries ORDER BY project_id, seq DESC`,
      );
      const documents = await tx.query<{ id: string; contentHash: string }>(
        `SELECT id, content_hash AS "contentHash" FROM notices WHERE project_id IS NULL ORDER BY id`,
      );
      const body = { position: Number(head!.position), at: head!.at.toISOString(), heads, documents };
      return { ...body, keyId: this.keyId, signature: sign(null, Buffer.from(canonicalJson(body)), this.privateKey).toString('base64') };
    });
  }

  async verify(checkpoint: CardCheckpoint): Promise<CheckpointVerification> {
    const { position, at, heads, documents } = checkpoint;
    const signatureValid =
      checkpoint.keyId === this.keyId &&
      verify(
        null,
        Buffer.from(canonicalJson({ position, at, heads, documents })),
        this.publicKey,
        Buffer.from(checkpoint.signature, 'base64'),
      );
    const problems = await this.db.transaction(async (tx) => {
      await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const found: CheckpointProblem[] = [];
      const now = await tx.one<{ position: string }>('SELECT COALESCE(MAX(position), 0) AS position FROM card_entries');
      if (Number(now!.position) < position) found.push({ projectId: null, problem: 'truncated' });
      for (let i = 0; i < heads.length; i += PROJECTS_PER_BATCH)
        found.push(...(await this.recomputeHeads(tx, heads.slice(i, i + PROJECTS_PER_BATCH))));
      found.push(...(await this.recomputeDocuments(tx, documents ?? [])));
      return found;
    });
    return { signatureValid, valid: signatureValid && problems.length === 0, problems };
  }

  /** Recomputes each card up to its signed head from the stored entries, never trusting a stored hash. */
  private async recomputeHeads(tx: Tx, heads: CardCheckpoint['heads']): Promise<CheckpointProblem[]> {
    const rows = await tx.query<CardRow>(
      `SELECT c.* FROM card_entries c JOIN unnest($1::uuid[], $2::int[]) AS h(project_id, seq) ON c.project_id = h.project_id AND c.seq <= h.seq
       ORDER BY c.project_id, c.seq`,
      [heads.map((h) => h.projectId), heads.map((h) => h.seq)],
    );
    const entries = rows.map(toEntry);
    const notices = await loadCitedNotices(tx, entries);
    const byProject = new Map<string, CardEntry[]>();
    for (const entry of entries) {
      const card = byProject.get(entry.projectId);
      if (card) card.push(entry);
      else byProject.set(entry.projectId, [entry]);
    }
    const problems: CheckpointProblem[] = [];
    for (const head of heads) {
      const card = byProject.get(head.projectId) ?? [];
      const result = recomputeCard(card, notices, head);
      if (result.valid) continue;
      if (card.length === 0) problems.push({ projectId: head.projectId, problem: 'project_missing' });
      else if (result.problem === 'notice')
        problems.push({
          projectId: head.projectId,
          noticeId: result.noticeId,
          problem: notices.has(result.noticeId!) ? 'notice_rewritten' : 'notice_missing',
        });
      else if (card.length < head.seq && result.problem === 'head') problems.push({ projectId: head.projectId, problem: 'truncated' });
      else problems.push({ projectId: head.projectId, problem: 'rewritten' });
    }
    return problems;
  }

  /** Documents on no card (R22): recomputed from their stored content against the signed hash. */
  private async recomputeDocuments(tx: Tx, documents: NonNullable<CardCheckpoint['documents']>): Promise<CheckpointProblem[]> {
    if (!documents.length) return [];
    const rows = await tx.query<{ id: string; content: object }>('SELECT id, content FROM notices WHERE id = ANY($1::uuid[])', [
      documents.map((d) => d.id),
    ]);
    const stored = new Map(rows.map((r) => [r.id, r.content]));
    return documents.flatMap((d): CheckpointProblem[] => {
      const content = stored.get(d.id);
      if (!content) return [{ projectId: null, noticeId: d.id, problem: 'notice_missing' }];
      return contentHash(content) === d.contentHash ? [] : [{ projectId: null, noticeId: d.id, problem: 'notice_rewritten' }];
    });
  }
}
