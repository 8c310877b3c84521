import type { ItemStatus } from '../domain/approval/item-status';
import type { CalendarSettings } from '../domain/calendar/calendar-data';
import type { CalendarResponse } from './calendar-response';
import type { BoardProject } from './card';
import type { DeemedCause } from './deadlines';

// ---------- settings (R10, R14a, R22) ----------

/** Every per-center setting an admin keeps (R10 deadlines, R14a warning, R22 circulation). */
export interface HubSettings extends CalendarSettings {
  /** R22: deemed consents in one calendar quarter that flag a department, default 3. */
  circulationThreshold: number;
}

export type UpdateSettingsRequest = HubSettings;

export const CONFIGURATION_ACTIONS = [
  'day_set',
  'day_cleared',
  'year_published',
  'year_imported',
  'settings_changed',
  // R1: departments, people and deputies
  'department_created',
  'department_updated',
  'department_deactivated',
  'user_created',
  'user_password_reset',
  'user_deactivated',
  'people_imported',
  'deputy_named',
  'user_reactivated',
  'deputy_ended',
  // R27: the admin sets a person's e-mail and mobile
  'user_contact_changed',
] as const;
export type ConfigurationAction = (typeof CONFIGURATION_ACTIONS)[number];

/** One change of the calendar or the settings, on record for good (append-only). */
export interface ConfigurationChange {
  id: string;
  at: string;
  actor: { id: string; displayName: string };
  subject: 'calendar' | 'settings' | 'departments' | 'users' | 'deputies';
  action: ConfigurationAction;
  /** The year or date concerned, e.g. "2027" or "2027-01-04"; a department code or username; null for settings. */
  target: string | null;
  before: unknown;
  after: unknown;
  /** R11: running deadlines this change moved (or whose provisional flag it changed). */
  recomputed: number;
}

// ---------- calendar administration (R11) ----------

export interface SetCalendarDayRequest {
  kind: 'holiday' | 'workday';
  name: string;
}

export interface ImportCalendarRequest {
  format: 'ics' | 'json';
  year: number;
  /** The file's text (UTF-8). */
  content: string;
}

/** R11: one running deadline a calendar change moved, as its card records it. */
export interface RecomputedDeadline {
  itemId: string;
  projectId: string;
  departmentId: string;
  fromDueAt: string;
  toDueAt: string;
  provisional: boolean;
}

export interface CalendarChangeResult {
  calendar: CalendarResponse;
  change: ConfigurationChange;
  recomputed: RecomputedDeadline[];
}

/** Pushed to every board after the calendar or the settings changed: reload them. */
export interface CalendarChangedEvent {
  version: number;
}

// ---------- alerts (R14a) ----------

/**
 * R14a warning; R16 explanation filed and ruling overdue (every leader); R6 forwarding overdue (window,
 * tracker); R15a/R27 meeting or inspection invitation (each invited department's liaisons); R14/R15
 * deemed consent (the department's liaisons and every leader).
 */
export const ALERT_KINDS = [
  'deadline_warning',
  'explanation_filed',
  'ruling_overdue',
  'forwarding_overdue',
  'meeting_invited',
  'deemed_consent',
] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

/**
 * One alert in a person's inbox. deadline_warning (R14a): an item with a working day or less left,
 * to its department's liaisons and the window. explanation_filed / ruling_overdue (R16): to every
 * leader, dueAt is the ruling's due instant. forwarding_overdue (R6): to the window and the tracker,
 * dueAt is the forward deadline; no item. meeting_invited (R15a): to the invited departments' liaisons,
 * dueAt is the meeting's start. deemed_consent (R14/R15/R17): to the department's liaisons
 * and every leader, dueAt is the instant it took effect.
 */
export interface AlertView {
  id: string;
  kind: AlertKind;
  createdAt: string;
  readAt: string | null;
  projectId: string;
  projectCode: string;
  projectName: string;
  itemId: string | null;
  departmentId: string | null;
  /** R16: the explanation an explanation_filed / ruling_overdue alert is about. */
  explanationId: string | null;
  /** R15a: the meeting a meeting_invited alert is about. */
  meetingId: string | null;
  dueAt: string;
  deadlineVersion: number | null;
  /** Working days left when the warning was given (0 on the due day); deadline_warning only. */
  workingDaysLeft: number | null;
  /** Set in the transaction that settled what the alert is about (item decided, explanation ruled, project forwarded). */
  handledAt: string | null;
  /** deemed_consent only: why (R17: timeout, absence from a meeting or inspection, explanation rejected). */
  deemedCause: DeemedCause | null;
}

export interface AlertInbox {
  alerts: AlertView[];
  unread: number;
}

/** GET /api/alerts/leader-projects (issue 14): the projects a leader's inbox is about, as of a stream position. */
export interface LeaderInboxProjects {
  position: number;
  projects: BoardProject[];
}

// ---------- accountability (R21) and circulation (R22) ----------

/** One department's record over a period (R21); the totals row has departmentId null. */
export interface AccountabilityRow {
  departmentId: string | null;
  /** Items accepted in the period (their clock started). */
  accepted: number;
  /** Items whose outcome took effect in the period: approved, rejected or deemed consent. */
  handled: number;
  approved: number;
  rejected: number;
  /** Decided by the department itself before its due instant. */
  onTime: number;
  /** onTime / handled, 0…1; null when nothing was handled. */
  onTimeRate: number | null;
  /** Median working hours from acceptance to outcome (R11 working days only); null when none. */
  medianWorkingHours: number | null;
  deemedConsents: number;
  /** Deemed consents by cause (timeout, meeting_absence, inspection_absence, …). */
  deemedByCause: Record<string, number>;
  /** Meetings and inspections the department was invited to and did not attend (R15). */
  absences: number;
  /** Of those, excused by an accepted written explanation (R16). */
  excusedAbsences: number;
  /** Deadlines extended by a leader (R12); an accepted explanation counts under explanationsAccepted only. */
  extensions: number;
  /** Force-majeure delays (R13). */
  delays: number;
  explanationsFiled: number;
  explanationsAccepted: number;
  explanationsRejected: number;
}

export interface AccountabilityReport {
  /** Civil dates in the center's zone, inclusive. */
  from: string;
  to: string;
  generatedAt: string;
  /** Every cause in the table, known ones first (one column each). */
  causes: string[];
  rows: AccountabilityRow[];
  totals: AccountabilityRow;
  /** R16/R21: written explanations whose ruling fell due in the period and was not made in time — against the center, not a department. */
  centerRulingsOverdue: number;
}

/** GET /api/accountability/items (issue 14): the items behind one figure of the record. */
export interface AccountabilityItemsBehind {
  from: string;
  to: string;
  /** A count column's key: accepted, handled, onTime, deemedConsents, deemed.<cause>, absences, extensions, … */
  figure: string;
  /** null: the totals row. */
  departmentId: string | null;
  items: { itemId: string; projectId: string; projectCode: string; projectName: string; departmentId: string; status: ItemStatus }[];
}

export interface CirculationDepartment {
  departmentId: string;
  deemedConsents: number;
  deemedByCause: Record<string, number>;
  /** R22: at or over the threshold in this quarter. */
  flagged: boolean;
  /** The circulation report issued for it this quarter, if any (at most one). */
  report: { id: string; number: string; issuedAt: string } | null;
}

export interface CirculationStanding {
  year: number;
  quarter: number;
  from: string;
  to: string;
  threshold: number;
  departments: CirculationDepartment[];
}

export interface IssueCirculationRequest {
  departmentId: string;
  year: number;
  quarter: number;
  /** The leader's own words, added to the standard text. */
  remarks?: string;
}
