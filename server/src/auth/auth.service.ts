import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import { hash, verify } from '@node-rs/argon2';
import type { SessionUser } from '@hub/shared';
import { Database } from '../database/database';
import { ProblemException } from '../common/problem';
import { LiveEvents, sessionRoom, userRoom } from '../realtime/live-events';
import { LoginThrottle } from './login-throttle';
import { hashSessionToken, MAX_SESSIONS_PER_USER, newSessionToken, SESSION_TTL_MS } from './session-cookie';

interface UserRow {
  id: string;
  username: string;
  display_name: string;
  role: SessionUser['role'];
  department_id: string | null;
  password_hash: string;
}

const toSessionUser = (r: UserRow): SessionUser => ({
  id: r.id,
  username: r.username,
  displayName: r.display_name,
  role: r.role,
  departmentId: r.department_id,
});

/** Argon2id with the library's defaults (m=19 MiB, t=2, p=1: OWASP's minimum). */
export const hashPassword = (password: string) => hash(password);

@Injectable()
export class AuthService {
  private readonly log = new Logger('Auth');
  /** Verified against when the user does not exist, so both failures take as long. */
  private readonly decoy = hashPassword('no such user');

  constructor(
    private readonly db: Database,
    private readonly throttle: LoginThrottle,
    private readonly live: LiveEvents,
  ) {}

  async login(username: string, password: string, address: string): Promise<{ token: string; user: SessionUser }> {
    await this.throttle.assertAllowed(username, address);
    const row = await this.db.one<UserRow>('SELECT * FROM users WHERE username = $1', [username]);
    const ok = await verify(row?.password_hash ?? (await this.decoy), password).catch(() => false);
    if (!row || !ok) {
      this.log.warn({ msg: 'login refused', username, address });
      await this.throttle.recordFailure(username, address);
      throw new ProblemException(HttpStatus.UNAUTHORIZED, 'Unauthorized', 'Wrong username or password');
    }
    await this.throttle.recordSuccess(username, address);
    const token = newSessionToken();
    const ended = await this.db.transaction(async (tx) => {
      // Logins of one user take turns, so the cap below counts every session exactly once.
      await tx.query('SELECT 1 FROM users WHERE id = $1 FOR UPDATE', [row.id]);
      await tx.query(`INSERT INTO sessions (token_hash, user_id, expires_at) VALUES ($1, $2, now() + $3 * interval '1 millisecond')`, [
        hashSessionToken(token),
        row.id,
        SESSION_TTL_MS,
      ]);
      // At most MAX_SESSIONS_PER_USER per user: the oldest end, and their sockets are cut.
      return tx.query<{ id: string }>(
        `DELETE FROM sessions WHERE user_id = $1 AND id NOT IN (
           SELECT id FROM sessions WHERE user_id = $1 ORDER BY created_at DESC, id LIMIT $2)
         RETURNING id`,
        [row.id, MAX_SESSIONS_PER_USER],
      );
    });
    this.live.disconnect(ended.map((s) => sessionRoom(s.id)));
    return { token, user: toSessionUser(row) };
  }

  async userForToken(token: string | undefined): Promise<SessionUser | null> {
    return (await this.sessionForToken(token))?.user ?? null;
  }

  /** The live session behind a token: its id names the room its sockets are cut through. */
  async sessionForToken(token: string | undefined): Promise<{ id: string; user: SessionUser } | null> {
    if (!token) return null;
    const row = await this.db.one<UserRow & { session_id: string }>(
      `SELECT u.*, s.id AS session_id FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1 AND s.expires_at > now()`,
      [hashSessionToken(token)],
    );
    return row ? { id: row.session_id, user: toSessionUser(row) } : null;
  }

  /** Which of these sessions are still live (neither ended nor expired). */
  async liveSessions(ids: string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await this.db.query<{ id: string }>('SELECT id FROM sessions WHERE id = ANY($1::uuid[]) AND expires_at > now()', [ids]);
    return new Set(rows.map((r) => r.id));
  }

  /** Ends the session and cuts its sockets on every instance. */
  async logout(token: string | undefined): Promise<void> {
    if (!token) return;
    const ended = await this.db.query<{ id: string }>('DELETE FROM sessions WHERE token_hash = $1 RETURNING id', [hashSessionToken(token)]);
    this.live.disconnect(ended.map((s) => sessionRoom(s.id)));
  }

  /**
   * Deactivation: ends every session of the user and cuts all its sockets on every instance.
   * User administration calls this when it deactivates (or removes) an account.
   */
  async endSessionsOfUser(userId: string): Promise<number> {
    const ended = await this.db.query<{ id: string }>('DELETE FROM sessions WHERE user_id = $1 RETURNING id', [userId]);
    this.live.disconnect([userRoom(userId)]);
    return ended.length;
  }
}
