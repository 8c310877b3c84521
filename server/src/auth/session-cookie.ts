import { createHash, randomBytes } from 'node:crypto';

export const SESSION_COOKIE = 'hub_session';
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;
/** Sessions one user may hold; a login beyond it ends the oldest (and cuts its sockets). */
export const MAX_SESSIONS_PER_USER = 20;
/** Sockets one session may hold across instances; a handshake beyond it is refused (the newest). */
export const MAX_SOCKETS_PER_SESSION = 10;
/** How often each instance checks that its sockets' sessions are still live (expiry, ends missed). */
export const SESSION_CHECK_MS = 2000;

export const newSessionToken = () => randomBytes(32).toString('base64url');
/** Only a hash of the token is stored: a read of the sessions table opens no session. */
export const hashSessionToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** Reads one cookie from a raw Cookie header (the Socket.IO handshake has no cookie-parser). */
export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}
