import { Logger } from '@nestjs/common';
import { createHmac } from 'node:crypto';
import { createTransport } from 'nodemailer';
import type { SmtpSettings } from '@hub/shared';
import type { SmsWebhookConfig } from '../config/notifications-config';

/** One claimed outbox row, as a channel sends it. */
export interface OutgoingMessage {
  id: string;
  channel: 'email' | 'sms';
  address: string;
  subject: string;
  body: string;
  ics: string | null;
}

/** A try that failed; `permanent`: trying again cannot help (the server refused the message), give up now. */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
  }
}

/** Each step of a send may take this long; the sender's lease on a row is longer than all of them. */
export const SEND_TIMEOUT_MS = 20_000;

/**
 * E-mail through the center's SMTP server (nodemailer). The Message-ID is the outbox row's id, the
 * same on every try, so a receiving system can tell a repeat. A 5xx answer (sender or recipient
 * refused, message rejected) is permanent; a 4xx answer or a connection problem is tried again.
 */
export async function sendEmail(smtp: SmtpSettings | null, password: string | null, message: OutgoingMessage): Promise<void> {
  if (!smtp) throw new DeliveryError('no SMTP server configured (HUB_SMTP_HOST or the settings page)', false);
  const transport = createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    auth: smtp.user ? { user: smtp.user, pass: password ?? '' } : undefined,
    connectionTimeout: SEND_TIMEOUT_MS,
    greetingTimeout: SEND_TIMEOUT_MS,
    socketTimeout: SEND_TIMEOUT_MS,
    // A test or internal server on loopback may offer STARTTLS with a self-made certificate.
    tls: { rejectUnauthorized: !isLoopback(smtp.host) },
  });
  try {
    await transport.sendMail({
      from: smtp.from,
      to: message.address,
      subject: message.subject,
      text: message.body,
      messageId: `<${message.id}@green-channel-hub>`,
      ...(message.ics ? { icalEvent: { method: 'REQUEST', filename: 'invitation.ics', content: message.ics } } : {}),
    });
  } catch (error) {
    const { responseCode, response, message: text } = error as { responseCode?: number; response?: string; message?: string };
    const permanent = responseCode !== undefined && responseCode >= 500;
    throw new DeliveryError(responseCode ? `SMTP ${responseCode}: ${response ?? text}` : `SMTP: ${text ?? String(error)}`, permanent);
  } finally {
    transport.close();
  }
}

const isLoopback = (host: string) => host === 'localhost' || host === '::1' || host.startsWith('127.');

/** The SMS body the gateway receives: the template with {to}, {text} and {id} filled JSON-escaped. */
export function smsBody(template: string, message: OutgoingMessage): string {
  const escape = (value: string) => JSON.stringify(value).slice(1, -1);
  const text = message.subject ? `${message.subject}：${message.body}` : message.body;
  return template.replace(/\{(to|text|id)\}/g, (_, key: 'to' | 'text' | 'id') =>
    escape(key === 'to' ? message.address : key === 'text' ? text : message.id),
  );
}

/** HMAC-SHA256 of the body with the shared secret, hex, as the X-Hub-Signature header carries it. */
export const smsSignature = (secret: string, body: string) => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

/**
 * SMS through the center's gateway: an HTTP POST any provider's relay can sit behind, signed, with
 * the outbox id as idempotency key. 2xx: sent; 5xx or no answer: try again; 4xx: the gateway
 * refused this message, permanently.
 */
export async function sendSmsWebhook(config: SmsWebhookConfig, message: OutgoingMessage): Promise<void> {
  const body = smsBody(config.template, message);
  let res: Response;
  try {
    res = await fetch(config.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-hub-signature': smsSignature(config.secret, body), 'idempotency-key': message.id },
      body,
      signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
    });
  } catch (error) {
    throw new DeliveryError(`SMS gateway: ${(error as Error).message}`, false);
  }
  const answer = (await res.text().catch(() => '')).slice(0, 200);
  if (res.ok) return;
  throw new DeliveryError(`SMS gateway ${res.status}: ${answer}`, res.status >= 400 && res.status < 500);
}

/** Development: the SMS is written to the log instead of sent. */
export function sendSmsToLog(log: Logger, message: OutgoingMessage): void {
  log.log(`SMS (log adapter, not sent) to ${message.address}: ${message.subject} ${message.body}`);
}
