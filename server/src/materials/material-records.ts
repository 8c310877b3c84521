import {
  describeMissing,
  materialsGate,
  type ItemStatus,
  type MaterialKind,
  type MaterialStatus,
  type MaterialView,
  type ProjectPaperwork,
} from '@hub/shared';
import { refusedBy } from '../common/problem';
import type { Tx } from '../database/database';
import type { Queryable } from '../database/database';

interface MaterialRow {
  id: string;
  project_id: string;
  item_id: string;
  department_id: string;
  name: string;
  kind: MaterialKind;
  copies: number;
  received: number;
  status: MaterialStatus;
  after_notice: string | null;
  reason: string | null;
  ruled_by_name: string | null;
  ruled_at: Date | null;
  ruling_reason: string | null;
}

const SELECT = `SELECT m.*, i.department_id, u.display_name AS ruled_by_name
  FROM material_requirements m JOIN approval_items i ON i.id = m.item_id LEFT JOIN users u ON u.id = m.ruled_by`;

function toView(r: MaterialRow): MaterialView {
  return {
    id: r.id,
    projectId: r.project_id,
    itemId: r.item_id,
    departmentId: r.department_id,
    name: r.name,
    kind: r.kind,
    copies: r.copies,
    received: r.received,
    status: r.status,
    afterNotice: r.after_notice,
    reason: r.reason,
    ruling: r.ruled_at
      ? { approved: r.status === 'required', by: r.ruled_by_name ?? '', at: r.ruled_at.toISOString(), reason: r.ruling_reason }
      : null,
  };
}

/** A project's materials, item by item in checklist order. */
export async function loadMaterials(q: Queryable, where: { projectId: string } | { itemId: string }): Promise<MaterialView[]> {
  const [column, value] = 'projectId' in where ? ['m.project_id', where.projectId] : ['m.item_id', where.itemId];
  const rows = await q.query<MaterialRow>(`${SELECT} WHERE ${column} = $1 ORDER BY m.added_at, m.name`, [value]);
  return rows.map(toView);
}

export async function loadMaterial(q: Queryable, id: string, lock = false): Promise<MaterialView | undefined> {
  const [row] = await q.query<MaterialRow>(`${SELECT} WHERE m.id = $1 ${lock ? 'FOR UPDATE OF m' : ''}`, [id]);
  return row && toView(row);
}

/**
 * R8 at acceptance: with a checklist recorded, its main materials must all be in (secondary ones
 * may follow). An item without a checklist has nothing missing.
 */
export async function assertMainMaterialsComplete(tx: Tx, itemId: string): Promise<void> {
  const gate = materialsGate(await loadMaterials(tx, { itemId }));
  if (gate.mayAccept) return;
  // R8 Decision: an empty checklist is not complete — at least one main material, every one received.
  if (!gate.missingMain.length)
    throw refusedBy(
      'R8',
      'materials',
      'The checklist lists no main material: nothing was checked, so the main materials are not complete (R8)',
      true,
      'materials.checklist_missing',
    );
  const missing = describeMissing(gate.missingMain);
  throw refusedBy('R8', 'materials', `Main materials are missing (R8): ${missing}`, true, 'materials.incomplete', { missing });
}

/** R6–R9: the paperwork summary the board shows and the card records, per project. */
export async function loadPaperwork(q: Queryable, projectIds: string[] | null): Promise<Map<string, ProjectPaperwork>> {
  const filter = (column: string) => (projectIds ? `AND ${column} = ANY($1)` : '');
  const params = projectIds ? [projectIds] : [];
  const missing = await q.query<{ project_id: string; kind: MaterialKind; missing: number }>(
    `SELECT project_id, kind, SUM(copies - received)::int AS missing FROM material_requirements
       WHERE status = 'required' AND received < copies ${filter('project_id')} GROUP BY project_id, kind`,
    params,
  );
  const documents = await q.query<{ project_id: string; documents: number }>(
    `SELECT project_id, COUNT(*)::int AS documents FROM notices WHERE true ${filter('project_id')} GROUP BY project_id`,
    params,
  );
  const forwarding = await q.query<{
    id: string;
    complete_at: Date | null;
    due_at: Date | null;
    forwarded_at: Date | null;
    forwarded_to: string | null;
    tracker_id: string | null;
    tracker_name: string | null;
  }>(
    `SELECT p.id, f.complete_at, f.due_at, f.forwarded_at, f.forwarded_to, f.tracker_id, u.display_name AS tracker_name
       FROM projects p LEFT JOIN mega_forwarding f ON f.project_id = p.id LEFT JOIN users u ON u.id = f.tracker_id
       WHERE p.mega AND p.report_to_higher ${filter('p.id')}`,
    params,
  );
  const result = new Map<string, ProjectPaperwork>();
  const of = (id: string) => {
    let paperwork = result.get(id);
    if (!paperwork) result.set(id, (paperwork = { missingMain: 0, missingSecondary: 0, documents: 0, forwarding: null }));
    return paperwork;
  };
  for (const m of missing) of(m.project_id)[m.kind === 'main' ? 'missingMain' : 'missingSecondary'] = m.missing;
  for (const d of documents) of(d.project_id).documents = d.documents;
  for (const f of forwarding) {
    of(f.id).forwarding = {
      completeAt: f.complete_at?.toISOString() ?? null,
      dueAt: f.due_at?.toISOString() ?? null,
      forwardedAt: f.forwarded_at?.toISOString() ?? null,
      forwardedTo: f.forwarded_to,
      tracker: f.tracker_id ? { id: f.tracker_id, displayName: f.tracker_name ?? '' } : null,
    };
  }
  return result;
}

export const NO_PAPERWORK: ProjectPaperwork = { missingMain: 0, missingSecondary: 0, documents: 0, forwarding: null };

export interface ItemRef {
  id: string;
  projectId: string;
  departmentId: string;
  departmentName: string;
  isLead: boolean;
  status: ItemStatus;
  noticeNumber: string | null;
}

export async function loadItemRefs(q: Queryable, where: { projectId: string } | { itemId: string }): Promise<ItemRef[]> {
  const column = 'projectId' in where ? 'i.project_id' : 'i.id';
  return q.query<ItemRef>(
    `SELECT i.id, i.project_id AS "projectId", i.department_id AS "departmentId", d.name AS "departmentName",
            i.is_lead AS "isLead", i.status, i.notice_number AS "noticeNumber"
     FROM approval_items i JOIN departments d ON d.id = i.department_id
     WHERE ${column} = $1 ORDER BY i.is_lead DESC, d.code`,
    ['projectId' in where ? where.projectId : where.itemId],
  );
}
