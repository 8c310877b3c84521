import { Injectable } from '@nestjs/common';
import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import type { BoardProject, SessionUser } from '@hub/shared';
import { authorize } from '../common/authorize';
import { Database, type Tx } from '../database/database';
import { HubClock } from '../database/hub-clock';
import { ProjectSteps } from '../card/project-steps';

// No 0/O or 1/I: read aloud at a counter and typed from paper.
const ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
const LENGTH = 10; // 32^10 = 2^50, with lookups throttled like logins

/** Upper case, no spaces or dashes: "k7qm2-xpab9" and "K7QM2XPAB9" are the same code. */
export const normaliseAccessCode = (code: string) => code.toUpperCase().replace(/[\s-]/g, '');

const hashOf = (projectId: string, code: string) =>
  createHash('sha256')
    .update(`${projectId}:${normaliseAccessCode(code)}`)
    .digest('hex');

/**
 * R1: the applicant's access code. Random, shown once (on the receipt), kept only as a hash with
 * the window contact who gave it; a new one replaces the old (a lost code is re-issued, not read back).
 */
@Injectable()
export class AccessCodes {
  constructor(
    private readonly db: Database,
    private readonly clock: HubClock,
    private readonly steps: ProjectSteps,
  ) {}

  /** On a project's first receipt: a code, or null when the project has one already. */
  async issueIfNone(tx: Tx, projectId: string, user: SessionUser): Promise<string | null> {
    if (await tx.one('SELECT 1 FROM project_access WHERE project_id = $1', [projectId])) return null;
    return this.store(tx, projectId, user);
  }

  /** The window replaces a lost code; the card records that it happened, never the code. */
  async reissue(user: SessionUser, projectId: string): Promise<{ projectCode: string; accessCode: string }> {
    authorize(user, 'notice.issue');
    return this.db.transaction(async (tx) => {
      const before: BoardProject = await this.steps.lock(tx, projectId);
      const accessCode = await this.store(tx, projectId, user);
      await this.steps.recordStep(tx, before, { actor: user, action: 'access.issued', detail: { windowContact: user.displayName } });
      return { projectCode: before.code, accessCode };
    });
  }

  /** Whether the code opens this project, in constant time. */
  matches(projectId: string, storedHash: string, code: string): boolean {
    const given = Buffer.from(hashOf(projectId, code), 'hex');
    const stored = Buffer.from(storedHash, 'hex');
    return given.length === stored.length && timingSafeEqual(given, stored);
  }

  private async store(tx: Tx, projectId: string, user: SessionUser): Promise<string> {
    const raw = Array.from({ length: LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
    const code = `${raw.slice(0, 5)}-${raw.slice(5)}`;
    await tx.query(
      `INSERT INTO project_access (project_id, code_hash, window_contact, issued_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (project_id) DO UPDATE SET code_hash = EXCLUDED.code_hash, window_contact = EXCLUDED.window_contact, issued_at = EXCLUDED.issued_at`,
      [projectId, hashOf(projectId, code), user.id, await this.clock.now(tx)],
    );
    return code;
  }
}
