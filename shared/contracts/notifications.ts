import { ALERT_KINDS, type AlertKind } from './leaders';

// ---------- notifications (R27) ----------

/** Where a person wants one kind of alert: in the hub only, or also by e-mail or SMS. */
export const NOTIFICATION_CHANNELS = ['hub', 'email', 'sms'] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];

/**
 * R27: every alert kind can reach its person outside the hub; so can an inquiry whose promised reply
 * is overdue (R24: flagged to its responder and to leaders, pushed live on the inquiry register).
 */
export const NOTIFICATION_KINDS = [...ALERT_KINDS, 'inquiry_overdue'] as const;
export type NotificationKind = AlertKind | 'inquiry_overdue';

/**
 * R15a: an invitation goes by e-mail where the person has an address ("and e-mail where
 * configured"); every other kind stays in the hub until the person chooses otherwise.
 */
export const DEFAULT_NOTIFICATION_CHANNELS: Record<NotificationKind, NotificationChannel> = {
  deadline_warning: 'hub',
  explanation_filed: 'hub',
  ruling_overdue: 'hub',
  forwarding_overdue: 'hub',
  meeting_invited: 'email',
  deemed_consent: 'hub',
  inquiry_overdue: 'hub',
};

/** "My notifications": the person's own addresses and a channel per kind. */
export interface MyNotifications {
  email: string | null;
  mobile: string | null;
  channels: Record<NotificationKind, NotificationChannel>;
}

export type UpdateMyNotificationsRequest = MyNotifications;

export const OUTBOX_STATES = ['pending', 'sending', 'sent', 'failed'] as const;
export type OutboxState = (typeof OUTBOX_STATES)[number];

/** One outgoing message as the admin's list shows it (R27: delivered, retrying, or given up on record). */
export interface OutboxMessageView {
  id: string;
  /** An alert kind, or applicant.<step> for a message to a project's applicant. */
  kind: string;
  channel: 'email' | 'sms';
  address: string;
  /** The person (display name), or null for the applicant. */
  recipientName: string | null;
  projectCode: string | null;
  subject: string;
  state: OutboxState;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
  nextAttemptAt: string | null;
}

/** The center's SMTP server (the password only ever comes from HUB_SMTP_PASSWORD). */
export interface SmtpSettings {
  host: string;
  port: number;
  /** Implicit TLS (smtps, usually 465); otherwise STARTTLS when the server offers it. */
  secure: boolean;
  user: string;
  from: string;
}

export interface SmtpSettingsView extends SmtpSettings {
  /** Whether HUB_SMTP_PASSWORD is set (never its value). */
  passwordSet: boolean;
}

/** R27: a mainland mobile number (11 digits, 1[3-9]…), optionally with +86. */
export const MOBILE_PATTERN = /^(\+86)?1[3-9]\d{9}$/;
/** A plain e-mail address: something@domain.tld, no spaces. */
export const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
