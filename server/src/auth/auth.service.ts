import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import { hash, verify } from '@node-rs/argon2';
import { passwordProblems, type DeputyGrant, type SessionUser } from '@hub/shared';
import { Database } from '../database/database';
import { invalidFields, ProblemException } from '../common/problem';
import { LiveEvents, sessionRoom, userRoom } from '../events/live-events';
import { LoginThrottle } from './login-throttle';
import { hashSessionToken, MAX_SESSIONS_PER_USER, newSessionToken, SESSION_TTL_MS } from './session-cookie';

interface UserRow {
  id: string;
  username: string;
  display_name: string;
  role: SessionUser['role'];
  department_id: string | null;
  password_hash: string;
  active: boolean;
  must_change_password: boolean;
  deputy_for?: DeputyGrant[];
}

const toSessionUser = (r: UserRow): SessionUser => ({
  id: r.id,
  username: r.username,
  displayName: r.display_name,
  role: r.role,
  departmentId: r.department_id,
  mustChangePassword: r.must_change_password,
  deputyFor: (r.deputy_for ?? []).map((g) => ({ ...g, endsAt: new Date(g.endsAt).toISOString() })),
});

/** R1: the deputy periods in force for the user `u` (a principal switched off grants nothing). */
const DEPUTY_FOR = `(SELECT COALESCE(json_agg(json_build_object('principalId', p.id, 'principalName', p.display_name,
    'departmentId', p.department_id, 'endsAt', d.ends_at) ORDER BY d.starts_at), '[]')
  FROM deputies d JOIN users p ON p.id = d.principal_user_id
  WHERE d.deputy_user_id = u.id AND p.active AND d.starts_at <= hub_now() AND d.ends_at > hub_now()) AS deputy_for`;

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
    // R1: a switched-off account cannot log in, even with the right password.
    if (!row.active)
      throw new ProblemException(HttpStatus.FORBIDDEN, 'Forbidden', 'This account is switched off; ask the administrator', undefined, {
        code: 'account.inactive',
      });
    await this.throttle.recordSuccess(username, address);
    return this.openSession(row.id);
  }

  /** A new session for a user (after a login or the first admin's setup link). */
  async openSession(userId: string): Promise<{ token: string; user: SessionUser }> {
    const token = newSessionToken();
    const ended = await this.db.transaction(async (tx) => {
      // Logins of one user take turns, so the cap below counts every session exactly once.
      await tx.query('SELECT 1 FROM users WHERE id = $1 FOR UPDATE', [userId]);
      await tx.query(`INSERT INTO sessions (token_hash, user_id, expires_at) VALUES ($1, $2, now() + $3 * interval '1 millisecond')`, [
        hashSessionToken(token),
        userId,
        SESSION_TTL_MS,
      ]);
      // At most MAX_SESSIONS_PER_USER per user: the oldest end, and their sockets are cut.
      return tx.query<{ id: string }>(
        `DELETE FROM sessions WHERE user_id = $1 AND id NOT IN (
           SELECT id FROM sessions WHERE user_id = $1 ORDER BY created_at DESC, id LIMIT $2)
         RETURNING id`,
        [userId, MAX_SESSIONS_PER_USER],
      );
    });
    this.live.disconnect(ended.map((s) => sessionRoom(s.id)));
    return { token, user: (await this.userForToken(token))! };
  }

  /** The user's own new password (required after first login or a reset): rules checked, flag cleared. */
  async changePassword(user: SessionUser, currentPassword: string, newPassword: string): Promise<SessionUser> {
    const problems = passwordProblems(user.username, newPassword);
    if (problems.length) throw invalidFields(problems);
    if (newPassword === currentPassword)
      throw invalidFields([{ field: 'newPassword', message: 'newPassword must differ from the current one' }]);
    const row = await this.db.one<UserRow>('SELECT * FROM users WHERE id = $1', [user.id]);
    if (!row || !(await verify(row.password_hash, currentPassword).catch(() => false))) {
      throw invalidFields([{ field: 'currentPassword', code: 'password.wrong', message: 'currentPassword is wrong' }]);
    }
    await this.db.query('UPDATE users SET password_hash = $2, must_change_password = false WHERE id = $1', [
      user.id,
      await hashPassword(newPassword),
    ]);
    return { ...user, mustChangePassword: false };
  }

  async userForToken(token: string | undefined): Promise<SessionUser | null> {
    return (await this.sessionForToken(token))?.user ?? null;
  }

  /** The live session behind a token: its id names the room its sockets are cut through. */
  async sessionForToken(token: string | undefined): Promise<{ id: string; user: SessionUser } | null> {
    if (!token) return null;
    const row = await this.db.one<UserRow & { session_id: string }>(
      `SELECT u.*, ${DEPUTY_FOR}, s.id AS session_id FROM sessions s JOIN users u ON u.id = s.user_id
       WHERE s.token_hash = $1 AND s.expires_at > now() AND u.active`,
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
