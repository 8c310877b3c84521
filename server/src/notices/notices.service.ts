import { Injectable } from '@nestjs/common';
import {
  civilDateOf,
  documentLayout,
  formatNoticeNumber,
  NOTICE_TITLES,
  type NoticeEnvelope,
  type NoticeKind,
  type NoticeSummary,
  type NoticeView,
  type SessionUser,
  type DocumentLanguage,
} from '@hub/shared';
import { CardService } from '../card/card.service';
import { contentHash } from '../card/hash-chain';
import { authorize } from '../common/authorize';
import { notFound } from '../common/problem';
import { Database, type Queryable, type Tx } from '../database/database';
import { loadNotice, loadNotices } from './notice-records';
import { NumberingService } from './numbering.service';
import { PdfRenderer } from './pdf-renderer';

export type { NoticeKind };

/** The numbered, immutable documents of R17 (and R7, R9), with their official number prefixes. */
export const NOTICE_PREFIX: Readonly<Record<NoticeKind, string>> = {
  timeout_implied_consent: '绿通默许', // 超时默许通知书
  delayed_approval: '绿通延时', // 延时审批通知书 (R13)
  one_time_notification: '绿通告知', // 一次性告知书 (R7)
  circulation_report: '绿通通报', // 通报 (R22)
  permit_decision: '绿通许可', // 行政许可决定书 (R17)
  receipt: '绿通收件', // 收件回执 (R9)
  pickup_register: '绿通取件', // 取件登记表 (R9)
  extension_notice: '绿通延期', // 延期通知 (R12)
  correction_notice: '绿通更正', // 更正通知书 (R17)
  completion_notice: '绿通办结', // 办结通知书 (R4a)
};

export interface IssuedNotice {
  id: string;
  number: string;
}

/** An issued document with the hash the card entry recording it cites (R5/R17). */
export interface CitableNotice extends IssuedNotice {
  contentHash: string;
}

export interface NoticeRequest {
  kind: NoticeKind;
  /** null only for a document about a department (R22: a circulation report). */
  projectId: string | null;
  itemId: string | null;
  /** The department a document without an item names (R22: a circulation report); an item's own otherwise. */
  departmentId?: string | null;
  issuedAt: Date;
  timeZone: string;
  /** The kind's own fields (see the *Content contracts); the hub stamps the envelope around them. */
  content: Record<string, unknown>;
  /** null when the hub itself issues (deemed consent). */
  issuedBy?: SessionUser | null;
  /** R17: the document this one corrects. */
  corrects?: { id: string; number: string } | null;
}

@Injectable()
export class NoticesService {
  constructor(
    private readonly db: Database,
    private readonly numbering: NumberingService,
    private readonly card: CardService,
    private readonly renderer: PdfRenderer,
  ) {}

  /**
   * Issues a document inside the caller's transaction: the next gapless number of its kind and
   * year, the project (and department) as they are now, and a hash of it all. The row can never
   * change afterwards (trigger), so the document always prints as it was issued. A project's
   * document is cited, with that hash, by the next entry on the project's card in the same
   * transaction (R5/R17), so verifying the card recomputes it; a document about a department only
   * (R22) is covered by the signed checkpoint instead.
   */
  async issue(tx: Tx, notice: NoticeRequest): Promise<IssuedNotice> {
    const [issued] = await this.issueMany(tx, [notice]);
    if (notice.projectId !== null) this.card.cite(tx, notice.projectId, issued);
    return issued;
  }

  /**
   * Issues documents in the order given, numbered in that order, in three statements however many
   * (a batch of deemed consents, R14/R17). Not cited yet: the caller cites each (CardService.cite)
   * just before the card entry that records it, as a project's next entry takes all its citations.
   */
  async issueMany(tx: Tx, notices: readonly NoticeRequest[]): Promise<CitableNotice[]> {
    const years = notices.map((n) => Number(civilDateOf(n.issuedAt, n.timeZone).slice(0, 4)));
    const counts = new Map<string, { kind: NoticeKind; year: number; count: number; next: number }>();
    notices.forEach((n, i) => {
      const key = `${n.kind}:${years[i]}`;
      const range = counts.get(key) ?? { kind: n.kind, year: years[i], count: 0, next: 0 };
      range.count++;
      counts.set(key, range);
    });
    for (const range of counts.values()) range.next = await this.numbering.take(tx, range.kind, range.year, range.count);
    const serials = notices.map((n, i) => counts.get(`${n.kind}:${years[i]}`)!.next++);
    // R22: a circulation report names a department and no project; every other kind has its project.
    const about = await tx.query<{
      project: NonNullable<NoticeEnvelope['project']> | null;
      department: { code: string; name: string } | null;
    }>(
      `SELECT CASE WHEN p.id IS NULL THEN NULL ELSE jsonb_build_object('code', p.code, 'name', p.name, 'owner', p.owner) END AS project,
              CASE WHEN d.id IS NULL THEN NULL ELSE jsonb_build_object('code', d.code, 'name', d.name) END AS department
       FROM unnest($1::uuid[], $2::uuid[], $3::uuid[]) WITH ORDINALITY AS r(project_id, item_id, department_id, ord)
       LEFT JOIN projects p ON p.id = r.project_id
       LEFT JOIN departments d ON d.id = COALESCE((SELECT department_id FROM approval_items WHERE id = r.item_id), r.department_id)
       ORDER BY r.ord`,
      [notices.map((n) => n.projectId), notices.map((n) => n.itemId), notices.map((n) => n.departmentId ?? null)],
    );
    const rows = notices.map((notice, i) => {
      const { project, department } = about[i]!;
      if (notice.projectId !== null && !project) throw notFound('Project');
      const number = formatNoticeNumber(NOTICE_PREFIX[notice.kind], years[i], serials[i]);
      const envelope: NoticeEnvelope = {
        kind: notice.kind,
        title: NOTICE_TITLES[notice.kind],
        number,
        issuedAt: notice.issuedAt.toISOString(),
        timeZone: notice.timeZone,
        project: project && { code: project.code, name: project.name, owner: project.owner },
        department,
        issuer: notice.issuedBy ? { displayName: notice.issuedBy.displayName } : null,
        corrects: notice.corrects ?? null,
      };
      const content = { ...notice.content, ...envelope };
      return { notice, number, serial: serials[i], year: years[i], content, hash: contentHash(content) };
    });
    const ids = await tx.query<{ id: string; number: string }>(
      `INSERT INTO notices (kind, year, serial, number, project_id, item_id, issued_at, content, content_hash, corrects_id, issued_by)
       SELECT * FROM unnest($1::text[], $2::int[], $3::int[], $4::text[], $5::uuid[], $6::uuid[], $7::timestamptz[], $8::jsonb[], $9::text[],
                            $10::uuid[], $11::uuid[])
       RETURNING id, number`,
      [
        rows.map((r) => r.notice.kind),
        rows.map((r) => r.year),
        rows.map((r) => r.serial),
        rows.map((r) => r.number),
        rows.map((r) => r.notice.projectId),
        rows.map((r) => r.notice.itemId),
        rows.map((r) => r.notice.issuedAt.toISOString()),
        rows.map((r) => JSON.stringify(r.content)),
        rows.map((r) => r.hash),
        rows.map((r) => r.notice.corrects?.id ?? null),
        rows.map((r) => r.notice.issuedBy?.id ?? null),
      ],
    );
    const idOf = new Map(ids.map((r) => [r.number, r.id]));
    return rows.map((r) => ({ id: idOf.get(r.number)!, number: r.number, contentHash: r.hash }));
  }

  /** The newest document of a kind of the project, read in `q` (R7: the one-time notification in force). */
  async latest(q: Queryable, projectId: string, kind: NoticeKind): Promise<NoticeSummary | undefined> {
    return (await loadNotices(q, projectId, kind)).at(-1);
  }

  /** A document as stored, read in `q` (the caller's transaction). */
  stored(q: Queryable, id: string): Promise<Omit<NoticeView, 'hashValid'> | undefined> {
    return loadNotice(q, id);
  }

  /** R17: every document of a project, oldest first. */
  async listForProject(user: SessionUser, projectId: string): Promise<NoticeSummary[]> {
    authorize(user, 'notice.read');
    if (!(await this.db.one('SELECT 1 FROM projects WHERE id = $1', [projectId]))) throw notFound('Project');
    return loadNotices(this.db, projectId);
  }

  async view(user: SessionUser, id: string): Promise<NoticeView> {
    authorize(user, 'notice.read');
    const notice = await loadNotice(this.db, id);
    if (!notice) throw notFound('Document');
    return { ...notice, hashValid: contentHash(notice.content) === notice.contentHash };
  }

  /** The printable PDF, drawn from the stored content only (the same layout as the HTML sheet). */
  async pdf(
    user: SessionUser,
    id: string,
    lang: DocumentLanguage = 'zh',
  ): Promise<{ pdf: Buffer; filename: string; asciiFilename: string }> {
    const notice = await this.view(user, id);
    // A stored document never changes (trigger): drawn once per document and language, in a worker thread.
    const pdf = await this.renderer.render(`${notice.id}:${notice.contentHash}:${lang}`, documentLayout(notice.content, {}, lang));
    const number = notice.content.number;
    return { pdf, filename: `${number}.pdf`, asciiFilename: `${notice.kind}-${notice.issuedAt.slice(0, 10)}-${notice.id.slice(0, 8)}.pdf` };
  }
}
