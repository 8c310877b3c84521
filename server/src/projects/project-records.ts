import {
  projectLifeState,
  type ApprovalItemView,
  type BoardProject,
  type ClockStoppingProcedure,
  type DeemedCause,
  type OpinionKind,
  type ExplanationKind,
  type ProjectPaperwork,
  type ProjectView,
} from '@hub/shared';
import { loadPaperwork, NO_PAPERWORK } from '../materials/material-records';
import type { Queryable } from '../database/database';
import { STANDING_PERMITS } from '../notices/standing-permit';

interface ItemRow {
  id: string;
  project_id: string;
  department_id: string;
  is_lead: boolean;
  status: ApprovalItemView['status'];
  accepted_at: Date | null;
  due_at: Date | null;
  provisional: boolean;
  deadline_version: number;
  decided_at: Date | null;
  basis: string | null;
  notice_number: string | null;
  pe_id: string | null;
  pe_text: string | null;
  pe_filed_at: Date | null;
  pe_meeting_id: string | null;
  pe_kind: ExplanationKind | null;
  pe_ruling_due_at: Date | null;
  deemed_cause: DeemedCause | null;
  sp_id: string | null;
  sp_kind: ClockStoppingProcedure | null;
  sp_starts_at: Date | null;
  op_kind: OpinionKind | null;
  op_basis: string | null;
  op_given_at: Date | null;
  op_meeting_id: string | null;
  op_meeting_title: string | null;
}

interface ProjectRow {
  id: string;
  code: string;
  name: string;
  owner: ProjectView['owner'];
  category: ProjectView['category'];
  preconditions: ProjectView['preconditions'];
  investment_amount: string;
  investment_currency: ProjectView['totalInvestment']['currency'];
  report_to_higher: boolean;
  mega: boolean;
  status: ProjectView['status'];
  registered_at: Date;
  seal_number: string | null;
  sealed_at: Date | null;
  sealed_by: string | null;
  sealed_by_name: string | null;
  lead_department_id: string | null;
  admission_override_reason: string | null;
  admission_refused_at: Date | null;
  admission_refused_by: string | null;
  admission_refused_by_name: string | null;
  admission_refusal_reason: string | null;
  national_code: string | null;
  refused: boolean;
  withdrawn: boolean;
  /** R17: items with their permit decision issued. */
  permitted_items: string[];
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toItemView(r: ItemRow): ApprovalItemView {
  return {
    id: r.id,
    projectId: r.project_id,
    departmentId: r.department_id,
    isLead: r.is_lead,
    status: r.status,
    acceptedAt: iso(r.accepted_at),
    dueAt: iso(r.due_at),
    provisional: r.provisional,
    deadlineVersion: r.deadline_version,
    decidedAt: iso(r.decided_at),
    basis: r.basis,
    noticeNumber: r.notice_number,
    deemedCause: r.status === 'deemed_consent' ? r.deemed_cause : null,
    pendingExplanation:
      r.pe_id && r.pe_filed_at && r.pe_kind && r.pe_ruling_due_at
        ? {
            id: r.pe_id,
            kind: r.pe_kind,
            text: r.pe_text ?? '',
            filedAt: r.pe_filed_at.toISOString(),
            meetingId: r.pe_meeting_id,
            rulingDueAt: r.pe_ruling_due_at.toISOString(),
          }
        : null,
    paused: r.sp_id && r.sp_kind && r.sp_starts_at ? { procedureId: r.sp_id, kind: r.sp_kind, since: r.sp_starts_at.toISOString() } : null,
    opposed:
      r.op_kind === 'disagree' && r.op_basis && r.op_given_at && r.op_meeting_id
        ? { meetingId: r.op_meeting_id, meetingTitle: r.op_meeting_title ?? '', basis: r.op_basis, givenAt: r.op_given_at.toISOString() }
        : null,
  };
}

/**
 * Items with their pending written explanation (R16) and open special procedure (R10a), if any: at
 * most one of each per item (unique indexes); and the department's latest opinion in a meeting of
 * the project (R18: "disagree" shows the item opposed until it is decided).
 */
const ITEM_SELECT = `SELECT i.*, e.id AS pe_id, e.text AS pe_text, e.filed_at AS pe_filed_at, e.meeting_id AS pe_meeting_id,
         e.kind AS pe_kind, e.ruling_due_at AS pe_ruling_due_at, dc.cause AS deemed_cause,
         sp.id AS sp_id, sp.kind AS sp_kind, sp.starts_at AS sp_starts_at,
         op.kind AS op_kind, op.basis AS op_basis, op.given_at AS op_given_at, op.meeting_id AS op_meeting_id, op.title AS op_meeting_title
  FROM approval_items i LEFT JOIN written_explanations e ON e.item_id = i.id AND e.status = 'pending'
  LEFT JOIN special_procedures sp ON sp.item_id = i.id AND sp.ends_at IS NULL
  LEFT JOIN LATERAL (SELECT o.kind, o.basis, o.given_at, o.meeting_id, m.title FROM meeting_opinions o JOIN meetings m ON m.id = o.meeting_id
                     WHERE m.project_id = i.project_id AND o.department_id = i.department_id
                     ORDER BY o.given_at DESC, o.version DESC LIMIT 1) op ON true
  LEFT JOIN deemed_consents dc ON dc.item_id = i.id AND dc.deadline_version = i.deadline_version`;

const ITEM_ORDER = 'ORDER BY i.is_lead DESC, d.code';

export async function loadItems(q: Queryable, projectIds: string[] | null): Promise<ApprovalItemView[]> {
  const rows = await q.query<ItemRow>(
    `${ITEM_SELECT} JOIN departments d ON d.id = i.department_id
     ${projectIds ? 'WHERE i.project_id = ANY($1)' : ''} ${ITEM_ORDER}`,
    projectIds ? [projectIds] : [],
  );
  return rows.map(toItemView);
}

export async function loadItem(q: Queryable, id: string, lock = false): Promise<ApprovalItemView | undefined> {
  const rows = await q.query<ItemRow>(`${ITEM_SELECT} WHERE i.id = $1 ${lock ? 'FOR UPDATE OF i' : ''}`, [id]);
  return rows[0] && toItemView(rows[0]);
}

/** Items by id, in no particular order (a batch of deemed consents, R14). */
export async function loadItemsById(q: Queryable, ids: readonly string[]): Promise<ApprovalItemView[]> {
  return (await q.query<ItemRow>(`${ITEM_SELECT} WHERE i.id = ANY($1::uuid[])`, [ids])).map(toItemView);
}

/** The item of a department in a project (one per pair, R4), optionally locked. */
export async function loadItemOf(
  q: Queryable,
  projectId: string,
  departmentId: string,
  lock = false,
): Promise<ApprovalItemView | undefined> {
  const rows = await q.query<ItemRow>(`${ITEM_SELECT} WHERE i.project_id = $1 AND i.department_id = $2 ${lock ? 'FOR UPDATE OF i' : ''}`, [
    projectId,
    departmentId,
  ]);
  return rows[0] && toItemView(rows[0]);
}

async function loadProjectRows(q: Queryable, ids: string[] | null): Promise<ProjectRow[]> {
  return q.query<ProjectRow>(
    `SELECT p.*, p.investment_amount::text AS investment_amount, u.display_name AS sealed_by_name, r.display_name AS admission_refused_by_name,
            p.admission_refused_at IS NOT NULL AS refused,
            EXISTS (SELECT 1 FROM project_withdrawals w WHERE w.project_id = p.id) AS withdrawn,
            ARRAY(SELECT pm.item_id FROM (${STANDING_PERMITS}) pm JOIN approval_items pi ON pi.id = pm.item_id WHERE pi.project_id = p.id) AS permitted_items
     FROM projects p LEFT JOIN users u ON u.id = p.sealed_by LEFT JOIN users r ON r.id = p.admission_refused_by
     ${ids ? 'WHERE p.id = ANY($1)' : ''} ORDER BY p.registered_at, p.code`,
    ids ? [ids] : [],
  );
}

/** A board project as built now: it always carries its life state and national code (R4a). */
export type CurrentBoardProject = BoardProject & Required<Pick<BoardProject, 'life' | 'nationalCode'>>;

function toBoardProject(r: ProjectRow, allItems: ApprovalItemView[], paperwork: Map<string, ProjectPaperwork>): CurrentBoardProject {
  const items = allItems.filter((i) => i.projectId === r.id);
  const permitted = new Set(r.permitted_items);
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    category: r.category,
    mega: r.mega,
    status: r.status,
    registeredAt: r.registered_at.toISOString(),
    leadDepartmentId: r.lead_department_id,
    items,
    paperwork: paperwork.get(r.id) ?? NO_PAPERWORK,
    // R4a: computed from the facts by the one pure rule, never stored.
    life: projectLifeState({
      admitted: r.status === 'in_channel',
      refused: r.refused,
      withdrawn: r.withdrawn,
      items: items.map((i) => ({ status: i.status, permitted: permitted.has(i.id) })),
    }),
    nationalCode: r.national_code,
  };
}

/** Board rows for the given projects (all when ids is null), items included. */
export async function loadBoardProjects(q: Queryable, ids: string[] | null): Promise<CurrentBoardProject[]> {
  const rows = await loadProjectRows(q, ids);
  const items = await loadItems(q, ids);
  const paperwork = await loadPaperwork(q, ids);
  return rows.map((r) => toBoardProject(r, items, paperwork));
}

/** What one registration writes (R3); its code is already numbered. */
export interface NewProject {
  code: string;
  registeredBy: string;
  name: string;
  owner: ProjectView['owner'];
  category: ProjectView['category'];
  preconditions: ProjectView['preconditions'];
  totalInvestment: ProjectView['totalInvestment'];
  reportToHigherAuthority: boolean;
  mega: boolean;
  nationalCode: string | null;
}

/**
 * R3: inserts registered projects in one statement, in their order, and returns each as the board
 * and its view read it, from the inserted rows themselves: a project just registered has no items,
 * paperwork, seal, refusal, withdrawal or completion yet, so there is nothing else to read.
 */
export async function insertProjects(
  q: Queryable,
  projects: readonly NewProject[],
  registeredAt: Date,
): Promise<{ board: CurrentBoardProject; view: ProjectView }[]> {
  const rows = await q.query<ProjectRow>(
    `INSERT INTO projects (code, name, owner, category, preconditions, investment_amount, investment_currency,
                           report_to_higher, mega, status, registered_at, registered_by, national_code)
     SELECT code, name, owner, category, preconditions, amount, currency, report, mega, 'registered', $1, registered_by, national
     FROM unnest($2::text[], $3::text[], $4::jsonb[], $5::text[], $6::jsonb[], $7::numeric[], $8::text[], $9::boolean[],
                 $10::boolean[], $11::uuid[], $12::text[])
       AS r(code, name, owner, category, preconditions, amount, currency, report, mega, registered_by, national)
     RETURNING *, investment_amount::text AS investment_amount, NULL::text AS sealed_by_name, NULL::text AS admission_refused_by_name,
               false AS refused, false AS withdrawn, '{}'::uuid[] AS permitted_items`,
    [
      registeredAt,
      projects.map((p) => p.code),
      projects.map((p) => p.name),
      projects.map((p) => JSON.stringify(p.owner)),
      projects.map((p) => p.category),
      projects.map((p) => JSON.stringify(p.preconditions)),
      projects.map((p) => p.totalInvestment.amount),
      projects.map((p) => p.totalInvestment.currency),
      projects.map((p) => p.reportToHigherAuthority),
      projects.map((p) => p.mega),
      projects.map((p) => p.registeredBy),
      projects.map((p) => p.nationalCode),
    ],
  );
  const byCode = new Map(rows.map((row) => [row.code, row]));
  return projects.map(({ code }) => {
    const row = byCode.get(code)!;
    const board = toBoardProject(row, [], new Map());
    return { board, view: projectView(row, board, { withdrawal: null, completion: null }) };
  });
}

export async function loadProjectView(q: Queryable, id: string): Promise<ProjectView | undefined> {
  const [row] = await loadProjectRows(q, [id]);
  if (!row) return undefined;
  return projectView(row, toBoardProject(row, await loadItems(q, [id]), await loadPaperwork(q, [id])), await loadLifeRecords(q, id));
}

function projectView(row: ProjectRow, board: CurrentBoardProject, life: LifeRecords): ProjectView {
  return {
    ...board,
    owner: row.owner,
    preconditions: row.preconditions,
    totalInvestment: { amount: row.investment_amount, currency: row.investment_currency },
    reportToHigherAuthority: row.report_to_higher,
    seal:
      row.seal_number && row.sealed_at && row.sealed_by
        ? {
            number: row.seal_number,
            sealedAt: row.sealed_at.toISOString(),
            sealedBy: { id: row.sealed_by, displayName: row.sealed_by_name ?? '' },
          }
        : null,
    admissionOverrideReason: row.admission_override_reason,
    admissionRefusal:
      row.admission_refused_at && row.admission_refused_by && row.admission_refusal_reason
        ? {
            reason: row.admission_refusal_reason,
            refusedAt: row.admission_refused_at.toISOString(),
            refusedBy: { id: row.admission_refused_by, displayName: row.admission_refused_by_name ?? '' },
          }
        : null,
    ...life,
  };
}

type LifeRecords = Pick<ProjectView, 'withdrawal' | 'completion'>;

/** R4a: the withdrawal and completion of a project, as recorded (a refusal is on the project row, R3). */
export async function loadLifeRecords(q: Queryable, id: string): Promise<LifeRecords> {
  const [row] = await q.query<{
    w_reason: string | null;
    w_on: string | null;
    w_by: string | null;
    w_at: Date | null;
    c_at: Date | null;
    c_notice: string | null;
    c_number: string | null;
  }>(
    `SELECT w.reason AS w_reason, w.requested_on::text AS w_on, wu.display_name AS w_by, w.recorded_at AS w_at,
            c.completed_at AS c_at, c.notice_id AS c_notice, n.number AS c_number
     FROM projects p
     LEFT JOIN project_withdrawals w ON w.project_id = p.id LEFT JOIN users wu ON wu.id = w.recorded_by
     LEFT JOIN project_completions c ON c.project_id = p.id LEFT JOIN notices n ON n.id = c.notice_id
     WHERE p.id = $1`,
    [id],
  );
  return {
    withdrawal:
      row?.w_reason && row.w_on && row.w_at
        ? { reason: row.w_reason, requestedOn: row.w_on, recordedBy: row.w_by ?? '', recordedAt: row.w_at.toISOString() }
        : null,
    completion:
      row?.c_at && row.c_notice && row.c_number
        ? { completedAt: row.c_at.toISOString(), noticeId: row.c_notice, noticeNumber: row.c_number }
        : null,
  };
}
