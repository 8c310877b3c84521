import type {
  CardActor,
  CloseOutcome,
  MeetingKind,
  MeetingOpinion,
  MeetingStatus,
  MeetingSummary,
  MeetingView,
  OpinionKind,
  Rectification,
} from '@hub/shared';
import { OPINION_VERSIONS_SHOWN, rollCall, type ExcuseState, type Invitation } from '@hub/shared';
import type { Queryable } from '../database/database';

export interface MeetingRow {
  id: string;
  project_id: string;
  kind: MeetingKind;
  title: string;
  starts_at: Date;
  ends_at: Date;
  place: string | null;
  online: boolean;
  agenda: string;
  status: MeetingStatus;
  convened_by: string;
  convener_name: string;
  convener_role: CardActor['role'];
  convener_department_id: string | null;
  opened_at: Date | null;
  closed_at: Date | null;
  conclusion: string | null;
  findings: string | null;
  close_proposed_at: Date | null;
  project_code: string;
  project_name: string;
}

interface InviteeRow {
  meeting_id: string;
  department_id: string;
  present_at: Date | null;
  present_how: 'joined' | 'marked' | null;
  outcome: CloseOutcome | null;
  invited_at: Date;
  notice_given: boolean;
  late_excuse: string | null;
  notice_number: string | null;
}

const MEETING_SELECT = `SELECT m.*, u.display_name AS convener_name, u.role AS convener_role, p.code AS project_code, p.name AS project_name
  FROM meetings m JOIN users u ON u.id = m.convened_by JOIN projects p ON p.id = m.project_id`;

export async function loadMeetingRow(
  q: Queryable,
  id: string,
  lock: '' | 'FOR SHARE OF m' | 'FOR UPDATE OF m' = '',
): Promise<MeetingRow | undefined> {
  return (await q.query<MeetingRow>(`${MEETING_SELECT} WHERE m.id = $1 ${lock}`, [id]))[0];
}

export async function loadInvitations(q: Queryable, meetingIds: string[]): Promise<InviteeRow[]> {
  return q.query<InviteeRow>(
    // R17: the notice of a deemed consent this meeting gave the department (at the close, or at a later ruling).
    `SELECT mi.*, dn.number AS notice_number FROM meeting_invitees mi JOIN departments d ON d.id = mi.department_id
     LEFT JOIN LATERAL (
       SELECT n.number FROM deemed_consents dc JOIN approval_items ai ON ai.id = dc.item_id JOIN notices n ON n.id = dc.notice_id
       WHERE dc.meeting_id = mi.meeting_id AND ai.department_id = mi.department_id ORDER BY dc.fired_at DESC LIMIT 1
     ) dn ON true
     WHERE mi.meeting_id = ANY($1) ORDER BY d.code`,
    [meetingIds],
  );
}

/**
 * R15/R16: per department, the state of its meeting excuses for THIS meeting filed before its start
 * (accepted wins, then pending). An excuse for another meeting, or a deadline explanation, counts not.
 */
export async function loadExcuses(q: Queryable, meetingId: string): Promise<Map<string, ExcuseState>> {
  const rows = await q.query<{ department_id: string; status: ExcuseState }>(
    `SELECT i.department_id, e.status FROM written_explanations e JOIN approval_items i ON i.id = e.item_id JOIN meetings m ON m.id = e.meeting_id
     WHERE e.meeting_id = $1 AND e.filed_at < m.starts_at`,
    [meetingId],
  );
  const rank: Record<ExcuseState, number> = { accepted: 3, pending: 2, rejected: 1 };
  const excuses = new Map<string, ExcuseState>();
  for (const r of rows) {
    const known = excuses.get(r.department_id);
    if (!known || rank[r.status] > rank[known]) excuses.set(r.department_id, r.status);
  }
  return excuses;
}

export const toInvitation = (i: InviteeRow): Invitation => ({
  departmentId: i.department_id,
  presentAt: i.present_at,
  presentHow: i.present_how,
  outcome: i.outcome,
  noticeGiven: i.notice_given,
  lateExcuse: i.late_excuse,
  noticeNumber: i.notice_number,
});

function toSummary(m: MeetingRow, invitees: InviteeRow[]): MeetingSummary {
  const mine = invitees.filter((i) => i.meeting_id === m.id);
  return {
    id: m.id,
    projectId: m.project_id,
    kind: m.kind,
    title: m.title,
    startsAt: m.starts_at.toISOString(),
    endsAt: m.ends_at.toISOString(),
    place: m.place,
    online: m.online,
    status: m.status,
    invitedDepartmentIds: mine.map((i) => i.department_id),
    presentDepartmentIds: mine.filter((i) => i.present_at).map((i) => i.department_id),
    convenedBy: { id: m.convened_by, displayName: m.convener_name, role: m.convener_role },
    closedAt: m.closed_at?.toISOString() ?? null,
  };
}

export async function loadSummaries(q: Queryable, where: string, params: unknown[]): Promise<MeetingSummary[]> {
  const rows = await q.query<MeetingRow>(`${MEETING_SELECT} ${where} ORDER BY m.starts_at, m.id`, params);
  if (rows.length === 0) return [];
  const invitees = await loadInvitations(
    q,
    rows.map((r) => r.id),
  );
  return rows.map((r) => toSummary(r, invitees));
}

export async function loadSummary(q: Queryable, id: string): Promise<MeetingSummary | undefined> {
  return (await loadSummaries(q, 'WHERE m.id = $1', [id]))[0];
}

interface OpinionRow {
  department_id: string;
  version: number;
  kind: OpinionKind;
  conditions: string | null;
  basis: string | null;
  given_by: string;
  given_by_name: string;
  given_at: Date;
}

export async function loadMeetingView(q: Queryable, id: string, graceMs: number): Promise<MeetingView | undefined> {
  // The position first: read outside one snapshot, the parts below can only be newer than it,
  // never older, so a client keeping the view with the highest asOf never keeps a stale roll.
  const asOf = await q.query<{ position: string | null }>(
    `SELECT MAX(c.position) AS position FROM card_entries c JOIN meetings m ON m.project_id = c.project_id WHERE m.id = $1`,
    [id],
  );
  const m = await loadMeetingRow(q, id);
  if (!m) return undefined;
  const invitees = await loadInvitations(q, [id]);
  const excuses = await loadExcuses(q, id);
  // R18 Decision: a bounded history — each department's last few versions, read newest first down
  // the primary key, so a department that changed its opinion a thousand times costs the same.
  const opinions = await q.query<OpinionRow>(
    `SELECT o.*, u.display_name AS given_by_name FROM meeting_invitees mi
     CROSS JOIN LATERAL (SELECT * FROM meeting_opinions o WHERE o.meeting_id = mi.meeting_id AND o.department_id = mi.department_id
                         ORDER BY o.version DESC LIMIT $2) o
     JOIN users u ON u.id = o.given_by
     WHERE mi.meeting_id = $1 ORDER BY o.given_at, o.department_id, o.version`,
    [id, OPINION_VERSIONS_SHOWN],
  );
  const undecided = await q.query<{ department_id: string }>(
    `SELECT i.department_id FROM meeting_invitees mi JOIN meetings m ON m.id = mi.meeting_id
     JOIN approval_items i ON i.project_id = m.project_id AND i.department_id = mi.department_id
     WHERE mi.meeting_id = $1 AND i.status IN ('awaiting_acceptance','in_review') ORDER BY i.department_id`,
    [id],
  );
  const rectifications = await q.query<{
    id: string;
    department_id: string | null;
    request: string;
    requested_at: Date;
    done_at: Date | null;
  }>(`SELECT id, department_id, request, requested_at, done_at FROM rectifications WHERE meeting_id = $1 ORDER BY requested_at, id`, [id]);
  const history: MeetingOpinion[] = opinions.map((o) => ({
    departmentId: o.department_id,
    version: o.version,
    kind: o.kind,
    conditions: o.conditions,
    basis: o.basis,
    givenBy: { id: o.given_by, displayName: o.given_by_name, role: 'liaison' },
    givenAt: o.given_at.toISOString(),
  }));
  const latest = new Map<string, MeetingOpinion>();
  for (const o of history) if ((latest.get(o.departmentId)?.version ?? 0) < o.version) latest.set(o.departmentId, o);
  const invitations: Invitation[] = invitees.map(toInvitation);
  const rects: Rectification[] = rectifications.map((r) => ({
    id: r.id,
    departmentId: r.department_id,
    request: r.request,
    requestedAt: r.requested_at.toISOString(),
    done: r.done_at !== null,
    doneAt: r.done_at?.toISOString() ?? null,
  }));
  return {
    ...toSummary(m, invitees),
    projectCode: m.project_code,
    projectName: m.project_name,
    agenda: m.agenda,
    conclusion: m.conclusion,
    findings: m.findings,
    openedAt: m.opened_at?.toISOString() ?? null,
    roll: rollCall({ status: m.status, startsAt: m.starts_at }, invitations, excuses, graceMs),
    opinions: [...latest.values()],
    opinionHistory: history,
    undecidedDepartmentIds: undecided.map((u) => u.department_id),
    rectifications: rects,
    convenerDepartmentId: m.convener_department_id,
    closableFrom: new Date(m.starts_at.getTime() + graceMs).toISOString(),
    graceMinutes: Math.round(graceMs / 60_000),
    closeProposedAt: m.close_proposed_at?.toISOString() ?? null,
    asOf: Number(asOf[0]?.position ?? 0),
  };
}
