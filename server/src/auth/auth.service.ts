import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import { hash, verify } from '@node-rs/argon2';
import type { SessionUser } from '@hub/shared';
import { Database } from '../database/database';
import { ProblemException } from '../common/problem';
import { LoginThrottle } from './login-throttle';
import { hashSessionToken, newSessionToken, SESSION_TTL_MS } from './session-cookie';

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
    await this.throttle.recordSuccess(username);
    const token = newSessionToken();
    await this.db.query(
      `INSERT INTO sessions (token_hash, user_id, expires_at) VALUES ($1, $2, now() + $3 * interval '1 millisecond')`,
      [hashSessionToken(token), row.id, SESSION_TTL_MS],
    );
    return { token, user: toSessionUser(row) };
  }

  async userForToken(token: string | undefined): Promise<SessionUser | null> {
    if (!token) return null;
    const row = await this.db.one<UserRow>(
      `SELECT u.* FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1 AND s.expires_at > now()`,
      [hashSessionToken(token)],
    );
    return row ? toSessionUser(row) : null;
  }

  async logout(token: string | undefined): Promise<void> {
    if (token) await this.db.query('DELETE FROM sessions WHERE token_hash = $1', [hashSessionToken(token)]);
  }
}
