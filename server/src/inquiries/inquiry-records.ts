import type { InquiryStatus, InquiryView, Role, Satisfaction } from '@hub/shared';
import { notFound } from '../common/problem';
import type { Tx } from '../database/database';
import type { Queryable } from '../database/database';

interface InquiryRow {
  id: string;
  number: string;
  channel: InquiryView['channel'];
  inquirer: InquiryView['inquirer'];
  subject: string;
  matter_type: InquiryView['matterType'];
  owner_id: string;
  owner_name: string;
  owner_role: Role;
  owner_department_id: string | null;
  responder_contact: string;
  registered_at: Date;
  status: InquiryStatus;
  handler_user_id: string | null;
  handler_name: string | null;
  handler_department_id: string | null;
  transferred_at: Date | null;
  transferred_by_name: string | null;
  acknowledged_at: Date | null;
  promised_at: Date | null;
  promised_by_name: string | null;
  promised_working_days: number | null;
  promised_due_date: string | null;
  promised_due_at: Date | null;
  promised_provisional: boolean | null;
  overdue_flagged_at: Date | null;
  escalated_at: Date | null;
  escalated_by_name: string | null;
  escalation_reason: string | null;
  reminded_at: Date | null;
  reminded_by_name: string | null;
  reminder_note: string | null;
  closed_at: Date | null;
  closed_by_name: string | null;
  answer: string | null;
  referred_to: string | null;
  referred_contact: string | null;
  followed_up_at: Date | null;
  followed_up_by_name: string | null;
  satisfaction: Satisfaction | null;
  follow_up_comment: string | null;
  project_id: string | null;
  project_code: string | null;
}

/** The display name of the user a column points at, e.g. closed_by → closed_by_name. */
const nameOf = (column: string, alias = `${column}_name`) => `(SELECT display_name FROM users WHERE id = i.${column}) AS ${alias}`;

/** Columns listed one by one: a civil date must come back as text, not as a Date in server-local time. */
const SELECT = `
  SELECT i.id, i.number, i.channel, i.inquirer, i.subject, i.matter_type,
         i.owner_id, o.display_name AS owner_name, o.role AS owner_role, i.owner_department_id, i.responder_contact, i.registered_at,
         i.status, i.handler_user_id, ${nameOf('handler_user_id', 'handler_name')}, i.handler_department_id,
         i.transferred_at, ${nameOf('transferred_by')}, i.acknowledged_at,
         i.promised_at, ${nameOf('promised_by')}, i.promised_working_days, to_char(i.promised_due_date, 'YYYY-MM-DD') AS promised_due_date,
         i.promised_due_at, i.promised_provisional, i.overdue_flagged_at,
         i.escalated_at, ${nameOf('escalated_by')}, i.escalation_reason,
         i.reminded_at, ${nameOf('reminded_by')}, i.reminder_note,
         i.closed_at, ${nameOf('closed_by')}, i.answer, i.referred_to, i.referred_contact,
         i.followed_up_at, ${nameOf('followed_up_by')}, i.satisfaction, i.follow_up_comment,
         i.project_id, p.code AS project_code
  FROM inquiries i JOIN users o ON o.id = i.owner_id LEFT JOIN projects p ON p.id = i.project_id`;

const iso = (d: Date) => d.toISOString();

function toView(r: InquiryRow): InquiryView {
  return {
    id: r.id,
    number: r.number,
    channel: r.channel,
    inquirer: r.inquirer,
    subject: r.subject,
    matterType: r.matter_type,
    responder: {
      id: r.owner_id,
      displayName: r.owner_name,
      role: r.owner_role,
      departmentId: r.owner_department_id,
      contact: r.responder_contact,
    },
    registeredAt: iso(r.registered_at),
    status: r.status,
    handler:
      r.transferred_at && (r.handler_user_id || r.handler_department_id)
        ? {
            userId: r.handler_user_id,
            displayName: r.handler_name,
            departmentId: r.handler_department_id,
            transferredAt: iso(r.transferred_at),
            transferredBy: r.transferred_by_name ?? '',
            acknowledgedAt: r.acknowledged_at && iso(r.acknowledged_at),
          }
        : null,
    promise:
      r.promised_at && r.promised_due_at && r.promised_due_date
        ? {
            promisedAt: iso(r.promised_at),
            promisedBy: r.promised_by_name ?? '',
            workingDays: r.promised_working_days ?? 0,
            dueDate: r.promised_due_date,
            dueAt: iso(r.promised_due_at),
            provisional: r.promised_provisional ?? false,
          }
        : null,
    overdueFlaggedAt: r.overdue_flagged_at && iso(r.overdue_flagged_at),
    escalation: r.escalated_at ? { at: iso(r.escalated_at), by: r.escalated_by_name ?? '', reason: r.escalation_reason ?? '' } : null,
    lastReminder: r.reminded_at ? { at: iso(r.reminded_at), by: r.reminded_by_name ?? '', note: r.reminder_note ?? '' } : null,
    closure: r.closed_at
      ? {
          at: iso(r.closed_at),
          by: r.closed_by_name ?? '',
          answer: r.answer,
          referredTo: r.referred_to,
          referredContact: r.referred_contact,
        }
      : null,
    followUp:
      r.followed_up_at && r.satisfaction
        ? { at: iso(r.followed_up_at), by: r.followed_up_by_name ?? '', satisfaction: r.satisfaction, comment: r.follow_up_comment }
        : null,
    project: r.project_id && r.project_code ? { id: r.project_id, code: r.project_code } : null,
  };
}

/** Inquiries matching `where` (over alias i), newest first. */
export async function loadInquiries(q: Queryable, where: string, params: unknown[], limit = 500): Promise<InquiryView[]> {
  const rows = await q.query<InquiryRow>(
    `${SELECT} WHERE ${where} ORDER BY i.registered_at DESC, i.number DESC LIMIT ${Number(limit)}`,
    params,
  );
  return rows.map(toView);
}

export async function loadInquiry(q: Queryable, id: string): Promise<InquiryView | undefined> {
  return (await loadInquiries(q, 'i.id = $1', [id], 1))[0];
}

/** Locks the inquiry row for the rest of the transaction: its steps (and history seq) happen one at a time. */
export async function lockInquiry(tx: Tx, id: string): Promise<InquiryView> {
  if (!(await tx.one('SELECT 1 FROM inquiries WHERE id = $1 FOR UPDATE', [id]))) throw notFound('Inquiry');
  return (await loadInquiry(tx, id))!;
}
