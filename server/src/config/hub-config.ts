import { createPrivateKey } from 'node:crypto';
import { isIP } from 'node:net';
import { DEFAULT_MEETING_LAPSE_MS, DEFAULT_MEETING_TIMING } from '@hub/shared';
import { loadNotificationsConfig, type NotificationsConfig } from './notifications-config';

/** Everything the hub reads from its environment, parsed once at start. */
export interface HubConfig {
  databaseUrl: string;
  port: number;
  host: string;
  /** HUB_TEST_CLOCK=1: exposes POST /api/test/clock. Never set in production. */
  testClock: boolean;
  /** Load demo departments, users and projects when the database has no users. */
  demoData: boolean;
  /** Built Angular client to serve, or null. */
  clientDir: string | null;
  /** Origins allowed besides the server's own (Socket.IO handshake, state-changing requests). */
  allowedOrigins: string[];
  /**
   * Proxies (addresses or CIDRs, HUB_TRUSTED_PROXIES) whose X-Forwarded-For/-Proto are believed;
   * none by default, so a client cannot choose the address its failed logins are counted under.
   */
  trustedProxies: string[];
  /** Set the Secure flag on the session cookie (behind TLS). */
  secureCookies: boolean;
  /** Socket.IO fan-out through Redis instead of PostgreSQL when set. */
  redisUrl: string | null;
  /** Backstop interval of the deadline engine's sweep. */
  deadlineSweepMs: number;
  /** A meeting never closed lapses this long after its scheduled end, without R15 (HUB_MEETING_LAPSE_HOURS, default 24). */
  meetingLapseMs: number;
  /** R15a: minimum notice of a meeting in working days, and the grace after its start (on time). */
  meetingNoticeWorkingDays: number;
  meetingGraceMs: number;
  logJson: boolean;
  /**
   * HUB_CHECKPOINT_KEY: Ed25519 private key (PEM) signing card checkpoints (R5), kept out of the
   * database. Required, except with the test clock (null: a key made for this process only).
   */
  checkpointKey: string | null;
  /** R28: where material files are kept by content hash (HUB_FILES_DIR, default ./.data/files). */
  filesDir: string;
  /** R27: SMTP, the SMS gateway, links in messages, retries (HUB_SMTP_*, HUB_SMS_*, HUB_PUBLIC_URL, HUB_NOTIFY_*). */
  notifications: NotificationsConfig;
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): HubConfig {
  const databaseUrl = env['DATABASE_URL'];
  if (!databaseUrl) throw new ConfigError('DATABASE_URL is required (npm start provides an embedded PostgreSQL)');
  return {
    databaseUrl,
    port: intOr(env['PORT'], 3000, 'PORT'),
    host: env['HOST'] ?? '0.0.0.0',
    testClock: env['HUB_TEST_CLOCK'] === '1',
    demoData: env['HUB_DEMO_DATA'] === '1',
    clientDir: env['HUB_CLIENT_DIR'] ?? null,
    allowedOrigins: (env['HUB_ALLOWED_ORIGINS'] ?? '')
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean),
    trustedProxies: trustedProxies(env['HUB_TRUSTED_PROXIES']),
    secureCookies: env['HUB_SECURE_COOKIES'] === '1',
    redisUrl: env['REDIS_URL'] || null,
    deadlineSweepMs: intOr(env['HUB_DEADLINE_SWEEP_MS'], 1000, 'HUB_DEADLINE_SWEEP_MS'),
    meetingLapseMs: intOr(env['HUB_MEETING_LAPSE_HOURS'], DEFAULT_MEETING_LAPSE_MS / 3_600_000, 'HUB_MEETING_LAPSE_HOURS') * 3_600_000,
    meetingNoticeWorkingDays: intOr(
      env['HUB_MEETING_NOTICE_WORKING_DAYS'],
      DEFAULT_MEETING_TIMING.noticeWorkingDays,
      'HUB_MEETING_NOTICE_WORKING_DAYS',
    ),
    meetingGraceMs: intOr(env['HUB_MEETING_GRACE_MINUTES'], DEFAULT_MEETING_TIMING.graceMs / 60_000, 'HUB_MEETING_GRACE_MINUTES') * 60_000,
    logJson: env['HUB_LOG_JSON'] === '1',
    checkpointKey: checkpointKey(env['HUB_CHECKPOINT_KEY'], env['HUB_TEST_CLOCK'] === '1'),
    filesDir: env['HUB_FILES_DIR'] || './.data/files',
    notifications: loadNotificationsConfig(env, (message) => new ConfigError(message)),
  };
}

function trustedProxies(value: string | undefined): string[] {
  const entries = (value ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  for (const entry of entries) {
    const [address, prefix, ...rest] = entry.split('/');
    const family = isIP(address ?? '');
    const bits = family === 4 ? 32 : 128;
    const prefixOk = prefix === undefined || (/^\d+$/.test(prefix) && Number(prefix) <= bits);
    if (!family || !prefixOk || rest.length > 0) throw new ConfigError(`HUB_TRUSTED_PROXIES: "${entry}" is not an address or CIDR`);
  }
  return entries;
}

export const CHECKPOINT_KEY_HELP = 'generate one with `openssl genpkey -algorithm ed25519` and keep it outside the database';

function checkpointKey(value: string | undefined, testClock: boolean): string | null {
  if (!value) {
    if (testClock) return null;
    throw new ConfigError(
      `HUB_CHECKPOINT_KEY is required: the Ed25519 private key (PEM) that signs card checkpoints (R5); ${CHECKPOINT_KEY_HELP}`,
    );
  }
  const pem = value.replace(/\\n/g, '\n'); // a PEM written on one line with \n escapes (.env files)
  let type: string | undefined;
  try {
    type = createPrivateKey(pem).asymmetricKeyType;
  } catch {
    throw new ConfigError(`HUB_CHECKPOINT_KEY is not a private key in PEM format; ${CHECKPOINT_KEY_HELP}`);
  }
  if (type !== 'ed25519') throw new ConfigError(`HUB_CHECKPOINT_KEY must be an Ed25519 key, got ${type}; ${CHECKPOINT_KEY_HELP}`);
  return pem;
}

function intOr(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new ConfigError(`${name} must be a non-negative integer, got "${value}"`);
  return n;
}

export const HUB_CONFIG = Symbol('HUB_CONFIG');
