import { Inject, Injectable, Logger } from '@nestjs/common';
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import type { CardCheckpoint, CheckpointVerification } from '@hub/shared';
import { HUB_CONFIG, type HubConfig } from '../config/hub-config';
import { Database } from '../database/database';
import { canonicalJson } from './canonical-json';

/**
 * R5 against truncation: a hash chain cannot show that its newest entries were cut off. A signed
 * checkpoint of every card's head, exported and kept where the application cannot rewrite it,
 * can: verifying it later finds a head that is gone (truncated) or changed (rewritten).
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
      this.log.warn('HUB_CHECKPOINT_KEY not set: checkpoints are signed with a key that lives only as long as this process');
      this.privateKey = generateKeyPairSync('ed25519').privateKey;
    }
    this.publicKey = createPublicKey(this.privateKey);
    this.keyId = createHash('sha256').update(this.publicKey.export({ type: 'spki', format: 'der' })).digest('hex').slice(0, 16);
  }

  async create(): Promise<CardCheckpoint> {
    return this.db.transaction(async (tx) => {
      await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const head = await tx.one<{ position: string; at: Date }>(`SELECT COALESCE(MAX(position), 0) AS position, date_trunc('milliseconds', hub_now()) AS at FROM card_entries`);
      const heads = await tx.query<{ projectId: string; seq: number; hash: string }>(
        `SELECT DISTINCT ON (project_id) project_id AS "projectId", seq, hash FROM card_entries ORDER BY project_id, seq DESC`,
      );
      const body = { position: Number(head!.position), at: head!.at.toISOString(), heads };
      return { ...body, keyId: this.keyId, signature: sign(null, Buffer.from(canonicalJson(body)), this.privateKey).toString('base64') };
    });
  }

  async verify(checkpoint: CardCheckpoint): Promise<CheckpointVerification> {
    const { position, at, heads } = checkpoint;
    const signatureValid =
      checkpoint.keyId === this.keyId && verify(null, Buffer.from(canonicalJson({ position, at, heads })), this.publicKey, Buffer.from(checkpoint.signature, 'base64'));
    const problems: CheckpointVerification['problems'] = [];
    const now = await this.db.one<{ position: string }>('SELECT COALESCE(MAX(position), 0) AS position FROM card_entries');
    if (Number(now!.position) < position) problems.push({ projectId: null, problem: 'truncated' });
    const current = await this.db.query<{ projectId: string; seq: number; hash: string; last: number }>(
      `SELECT h.project_id AS "projectId", h.seq, c.hash, (SELECT MAX(seq) FROM card_entries l WHERE l.project_id = h.project_id) AS last
       FROM unnest($1::uuid[], $2::int[]) WITH ORDINALITY AS h(project_id, seq, ord)
       LEFT JOIN card_entries c ON c.project_id = h.project_id AND c.seq = h.seq
       ORDER BY h.ord`,
      [heads.map((h) => h.projectId), heads.map((h) => h.seq)],
    );
    for (const [i, head] of heads.entries()) {
      const found = current[i];
      if (!found || found.last === null) problems.push({ projectId: head.projectId, problem: 'project_missing' });
      else if (found.hash === null) problems.push({ projectId: head.projectId, problem: 'truncated' });
      else if (found.hash !== head.hash) problems.push({ projectId: head.projectId, problem: 'rewritten' });
    }
    return { signatureValid, valid: signatureValid && problems.length === 0, problems };
  }
}
