import { Injectable, Logger } from '@nestjs/common';
import { passwordProblems } from '@hub/shared';
import { hashPassword } from '../auth/auth.service';
import { hashSessionToken, newSessionToken } from '../auth/session-cookie';
import { invalidFields } from '../common/problem';
import { ConfigError } from '../config/hub-config';
import { Database, type Tx } from '../database/database';
import { oneTimePassword } from './one-time-password';

export const FIRST_ADMIN_USERNAME = 'admin';
export const SETUP_LINK_TTL_MS = 24 * 3_600_000;

export type FirstStart =
  | { kind: 'ready' }
  /** HUB_ADMIN_PASSWORD set: the admin logs in with it once, then must choose its own. */
  | { kind: 'admin_created' }
  /** No initial password: a one-time setup link (token in clear here only; the database keeps its hash). */
  | { kind: 'setup_link'; token: string };

/**
 * R1: a hub on an empty database (no demo data) creates nothing but one admin, who then sets the
 * center up through the screens. The admin must choose a new password before anything else.
 */
@Injectable()
export class FirstStartService {
  private readonly log = new Logger('FirstStart');

  constructor(private readonly db: Database) {}

  async prepare(initialPassword: string | undefined): Promise<FirstStart> {
    if (initialPassword !== undefined && initialPassword.length < 10)
      throw new ConfigError('HUB_ADMIN_PASSWORD must be at least 10 characters');
    // The hash is unusable as a login when no password was given: only the setup link opens the account.
    const passwordHash = await hashPassword(initialPassword ?? oneTimePassword());
    return this.db.transaction(async (tx) => {
      await tx.query('LOCK TABLE users IN EXCLUSIVE MODE'); // two instances starting together create one admin
      if (!(await tx.one('SELECT 1 FROM users LIMIT 1'))) {
        const admin = await tx.one<{ id: string }>(
          `INSERT INTO users (username, display_name, role, department_id, password_hash, must_change_password)
           VALUES ($1, '系统管理员', 'admin', NULL, $2, true) RETURNING id`,
          [FIRST_ADMIN_USERNAME, passwordHash],
        );
        if (initialPassword !== undefined) return { kind: 'admin_created' };
        return { kind: 'setup_link', token: await issueToken(tx, admin!.id) };
      }
      // A restart before the setup link was used: the old link is void, a fresh one is printed.
      const waiting = await tx.one<{ user_id: string }>(
        `SELECT t.user_id FROM setup_tokens t JOIN users u ON u.id = t.user_id
         WHERE u.active AND u.must_change_password AND t.used_at IS NULL LIMIT 1`,
      );
      if (!waiting || initialPassword !== undefined) return { kind: 'ready' };
      await tx.query('UPDATE setup_tokens SET used_at = hub_now() WHERE user_id = $1 AND used_at IS NULL', [waiting.user_id]);
      return { kind: 'setup_link', token: await issueToken(tx, waiting.user_id) };
    });
  }

  /** The setup link, used once before it expires: sets the admin's own password. */
  async useSetupLink(token: string, newPassword: string): Promise<void> {
    const problems = passwordProblems(FIRST_ADMIN_USERNAME, newPassword);
    if (problems.length) throw invalidFields(problems);
    const passwordHash = await hashPassword(newPassword);
    await this.db.transaction(async (tx) => {
      const row = await tx.one<{ user_id: string; username: string }>(
        `SELECT t.user_id, u.username FROM setup_tokens t JOIN users u ON u.id = t.user_id
         WHERE t.token_hash = $1 AND t.used_at IS NULL AND t.expires_at > hub_now() AND u.active FOR UPDATE OF t`,
        [hashSessionToken(token)],
      );
      if (!row)
        throw invalidFields([{ field: 'token', code: 'setup_link.invalid', message: 'this setup link is used, expired or unknown' }]);
      await tx.query('UPDATE setup_tokens SET used_at = hub_now() WHERE token_hash = $1', [hashSessionToken(token)]);
      await tx.query('UPDATE users SET password_hash = $2, must_change_password = false WHERE id = $1', [row.user_id, passwordHash]);
    });
    this.log.log('the first admin set its password through the setup link');
  }
}

async function issueToken(tx: Tx, userId: string): Promise<string> {
  const token = newSessionToken();
  await tx.query(`INSERT INTO setup_tokens (token_hash, user_id, expires_at) VALUES ($1, $2, hub_now() + $3 * interval '1 millisecond')`, [
    hashSessionToken(token),
    userId,
    SETUP_LINK_TTL_MS,
  ]);
  return token;
}
