import type { SmtpSettings } from '@hub/shared';

/** R27: how messages leave the hub, from the environment (the settings page may override the SMTP server). */
export interface NotificationsConfig {
  /** HUB_SMTP_HOST/PORT/SECURE/USER/FROM; null host: no e-mail until the settings page names a server. */
  smtp: SmtpSettings | null;
  /** HUB_SMTP_PASSWORD: read from the environment only, never stored in the database or logged. */
  smtpPassword: string | null;
  /** HUB_SMS_WEBHOOK_URL set: the webhook adapter; otherwise the log adapter (development). */
  sms: SmsWebhookConfig | null;
  /** HUB_PUBLIC_URL: the hub's address as people reach it, for links in messages (status page, meeting room). */
  publicUrl: string;
  /** HUB_NOTIFY_MAX_ATTEMPTS: tries before a message is given up on record (default 8). */
  maxAttempts: number;
  /** HUB_NOTIFY_RETRY_MS: first wait after a failed try, doubling up to 15 minutes (default 5000). */
  retryFirstMs: number;
  retryMaxMs: number;
  /** Backstop interval of the sender (other instances' messages, retries coming due). */
  sweepMs: number;
}

export interface SmsWebhookConfig {
  url: string;
  /** HUB_SMS_WEBHOOK_SECRET: the HMAC-SHA256 key of the X-Hub-Signature header. */
  secret: string;
  /** HUB_SMS_TEMPLATE: the JSON body with {to}, {text} and {id} placeholders (JSON-escaped when filled). */
  template: string;
}

export const DEFAULT_SMS_TEMPLATE = '{"to":"{to}","text":"{text}","id":"{id}"}';

export function loadNotificationsConfig(env: NodeJS.ProcessEnv, problem: (message: string) => Error): NotificationsConfig {
  const int = (name: string, fallback: number) => {
    const value = env[name];
    if (value === undefined || value === '') return fallback;
    const n = Number(value);
    if (!Number.isInteger(n) || n < 0) throw problem(`${name} must be a non-negative integer, got "${value}"`);
    return n;
  };
  const host = env['HUB_SMTP_HOST']?.trim();
  const secure = env['HUB_SMTP_SECURE'] === '1' || env['HUB_SMTP_SECURE'] === 'true';
  const smsUrl = env['HUB_SMS_WEBHOOK_URL']?.trim();
  if (smsUrl && !env['HUB_SMS_WEBHOOK_SECRET'])
    throw problem('HUB_SMS_WEBHOOK_SECRET is required with HUB_SMS_WEBHOOK_URL: the gateway checks each request by its signature');
  return {
    smtp: host
      ? {
          host,
          port: int('HUB_SMTP_PORT', secure ? 465 : 587),
          secure,
          user: env['HUB_SMTP_USER'] ?? '',
          from: env['HUB_SMTP_FROM'] ?? `green-channel-hub@${host}`,
        }
      : null,
    smtpPassword: env['HUB_SMTP_PASSWORD'] || null,
    sms: smsUrl ? { url: smsUrl, secret: env['HUB_SMS_WEBHOOK_SECRET']!, template: env['HUB_SMS_TEMPLATE'] || DEFAULT_SMS_TEMPLATE } : null,
    publicUrl: (env['HUB_PUBLIC_URL'] || `http://localhost:${env['PORT'] || 3000}`).replace(/\/+$/, ''),
    maxAttempts: Math.max(1, int('HUB_NOTIFY_MAX_ATTEMPTS', 8)),
    retryFirstMs: int('HUB_NOTIFY_RETRY_MS', 5000),
    retryMaxMs: 15 * 60_000,
    sweepMs: int('HUB_NOTIFY_SWEEP_MS', 2000),
  };
}
