import type { NoticeContent, NoticeKind, NoticeSummary, NoticeView } from '@hub/shared';
import type { Queryable } from '../database/database';

interface NoticeRow {
  id: string;
  kind: NoticeKind;
  number: string;
  project_id: string | null;
  item_id: string | null;
  issued_at: Date;
  corrects_id: string | null;
  corrects_number: string | null;
  superseded_by_id: string | null;
  superseded_by_number: string | null;
  content: NoticeContent;
  content_hash: string;
}

/** R17: with the document it corrects, and the first document that superseded it (a correction notice or a re-issue). */
const SELECT = `SELECT n.*, c.number AS corrects_number, s.id AS superseded_by_id, s.number AS superseded_by_number
  FROM notices n LEFT JOIN notices c ON c.id = n.corrects_id
  LEFT JOIN LATERAL (SELECT id, number FROM notices x WHERE x.corrects_id = n.id ORDER BY x.issued_at, x.id LIMIT 1) s ON true`;

function toSummary(r: NoticeRow): NoticeSummary {
  return {
    id: r.id,
    kind: r.kind,
    number: r.number,
    projectId: r.project_id,
    itemId: r.item_id,
    issuedAt: r.issued_at.toISOString(),
    corrects: r.corrects_id && r.corrects_number ? { id: r.corrects_id, number: r.corrects_number } : null,
    supersededBy: r.superseded_by_id && r.superseded_by_number ? { id: r.superseded_by_id, number: r.superseded_by_number } : null,
  };
}

export async function loadNotices(q: Queryable, projectId: string, kind?: NoticeKind): Promise<NoticeSummary[]> {
  const rows = await q.query<NoticeRow>(
    `${SELECT} WHERE n.project_id = $1 ${kind ? 'AND n.kind = $2' : ''} ORDER BY n.issued_at, n.kind, n.serial`,
    kind ? [projectId, kind] : [projectId],
  );
  return rows.map(toSummary);
}

export async function loadNotice(q: Queryable, id: string): Promise<Omit<NoticeView, 'hashValid'> | undefined> {
  const [row] = await q.query<NoticeRow>(`${SELECT} WHERE n.id = $1`, [id]);
  return row && { ...toSummary(row), content: row.content, contentHash: row.content_hash };
}
