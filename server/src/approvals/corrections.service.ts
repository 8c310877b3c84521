import { Injectable } from '@nestjs/common';
import {
  calendarLastYear,
  civilDateOf,
  correctionError,
  NOTICE_TITLES,
  type CorrectionContent,
  type NoticeView,
  type SessionUser,
} from '@hub/shared';
import { CalendarService } from '../calendar/calendar.service';
import { authorize } from '../common/authorize';
import { notFound, refusedBy, ruleRefusal } from '../common/problem';
import { Database, type Tx } from '../database/database';
import { HubClock } from '../database/hub-clock';
import { DeadlineSignals } from '../events/deadline-signals';
import { ProjectSteps } from '../card/project-steps';
import { NoticesService } from '../notices/notices.service';
import { ApprovalsService } from './approvals.service';
import type { CorrectNoticeDto } from './correction.dto';
import { STANDING_PERMITS } from '../notices/standing-permit';

/**
 * R17: a document, once issued, is never changed — a leader corrects it by a numbered correction
 * notice (更正通知书) citing it and the reason, and the original is shown as superseded. Correcting a
 * Timeout Implied Consent Notice revokes the deemed consent: the item returns to review under a new
 * deadline version with the due instant the leader sets. Exactly once, across instances: the document
 * row is locked, one correction per document (unique index), one revocation per deemed consent (key).
 */
@Injectable()
export class CorrectionsService {
  constructor(
    private readonly db: Database,
    private readonly clock: HubClock,
    private readonly calendars: CalendarService,
    private readonly notices: NoticesService,
    private readonly signals: DeadlineSignals,
    private readonly steps: ProjectSteps,
    private readonly approvals: ApprovalsService,
  ) {}

  async correct(user: SessionUser, noticeId: string, dto: CorrectNoticeDto): Promise<NoticeView> {
    authorize(user, 'notice.correct');
    const id = await this.db.transaction(async (tx) => {
      const locked = await tx.one<{ item_id: string | null; project_id: string | null }>(
        'SELECT item_id, project_id FROM notices WHERE id = $1',
        [noticeId],
      );
      if (!locked) throw notFound('Document');
      // A deemed consent's notice: the item first (as every deciding path locks it); any other
      // document: its project (as every paperwork step does). Then the document itself.
      const revoking =
        (await tx.one<{ kind: string }>('SELECT kind FROM notices WHERE id = $1', [noticeId]))!.kind === 'timeout_implied_consent';
      const itemBefore = revoking && locked.item_id ? await this.approvals.lockedItem(tx, locked.item_id) : undefined;
      const projectBefore = !revoking && locked.project_id ? await this.steps.lock(tx, locked.project_id) : undefined;
      // R4a: a revocation reopens the item's clock, which a withdrawal has stopped for good (FOR SHARE:
      // a withdrawal either committed before, or waits and then stops the reopened item).
      if (revoking && locked.project_id) {
        const project = await tx.one<{ withdrawn: boolean }>(
          'SELECT EXISTS (SELECT 1 FROM project_withdrawals w WHERE w.project_id = p.id) AS withdrawn FROM projects p WHERE p.id = $1 FOR SHARE',
          [locked.project_id],
        );
        if (project?.withdrawn) throw refusedBy('R4a', 'project', 'The project is withdrawn: no deemed consent is reopened', true);
      }
      await tx.query('SELECT 1 FROM notices WHERE id = $1 FOR UPDATE', [noticeId]);
      const document = (await this.notices.stored(tx, noticeId))!;
      const now = await this.clock.now(tx);
      const { calendar, settings, data } = await this.calendars.current(tx);
      const newDueAt = dto.newDueAt ? new Date(dto.newDueAt) : null;
      const standingPermit =
        document.kind === 'timeout_implied_consent' && locked.item_id
          ? ((
              await tx.one<{ number: string }>(
                `SELECT n.number FROM (${STANDING_PERMITS}) pm JOIN notices n ON n.id = pm.notice_id WHERE pm.item_id = $1`,
                [locked.item_id],
              )
            )?.number ?? null)
          : null;
      const refusal = correctionError(
        { kind: document.kind, number: document.number, supersededBy: document.supersededBy?.number ?? null },
        { reason: dto.reason, newDueAt },
        itemBefore ? { status: itemBefore.status, noticeNumber: itemBefore.noticeNumber, standingPermit } : null,
        { now, timeZone: settings.timeZone, lastKnownYear: calendarLastYear(data) },
      );
      if (refusal) throw ruleRefusal(refusal);
      const reason = dto.reason.trim();
      const revocation =
        document.kind === 'timeout_implied_consent' && itemBefore && newDueAt
          ? { itemId: itemBefore.id, newDueAt: newDueAt.toISOString() }
          : null;
      const content: CorrectionContent = {
        corrected: {
          id: document.id,
          number: document.number,
          kind: document.kind,
          title: NOTICE_TITLES[document.kind],
          issuedAt: document.issuedAt,
        },
        reason,
        revocation,
      };
      const issued = await this.notices.issue(tx, {
        kind: 'correction_notice',
        projectId: document.projectId,
        itemId: document.itemId,
        departmentId: document.content.department ? await this.departmentOf(tx, document.content.department.code) : null,
        issuedAt: now,
        timeZone: settings.timeZone,
        content: { ...content },
        issuedBy: user,
        corrects: { id: document.id, number: document.number },
      });
      const detail = { corrects: document.number, noticeNumber: issued.number, reason };
      if (revocation && itemBefore && newDueAt) {
        const provisional = calendar.yearStatus(Number(civilDateOf(newDueAt, settings.timeZone).slice(0, 4))) === 'provisional';
        await tx.query(
          `INSERT INTO deemed_consent_revocations (item_id, deadline_version, correction_notice_id, reason, new_due_at, revoked_by, revoked_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7)`,
          [itemBefore.id, itemBefore.deadlineVersion, issued.id, reason, newDueAt, user.id, now],
        );
        await tx.query(
          `UPDATE approval_items SET status = 'in_review', decided_at = NULL, notice_number = NULL, due_at = $2, provisional = $3, deadline_version = deadline_version + 1 WHERE id = $1`,
          [itemBefore.id, newDueAt, provisional],
        );
        const after = (await this.approvals.item(tx, itemBefore.id))!;
        await this.steps.recordStep(
          tx,
          { item: itemBefore, after },
          { actor: user, action: 'item.consent_revoked', detail: { ...detail, dueAt: after.dueAt! } },
        );
        tx.onCommit(() => this.signals.deadlinesChanged());
      } else if (projectBefore) {
        await this.steps.recordStep(tx, projectBefore, {
          actor: user,
          action: 'document.corrected',
          detail: { document: NOTICE_TITLES[document.kind], ...detail },
        });
      }
      return issued.id;
    });
    return this.notices.view(user, id);
  }

  private async departmentOf(tx: Tx, code: string): Promise<string | null> {
    return (await tx.one<{ id: string }>('SELECT id FROM departments WHERE code = $1', [code]))?.id ?? null;
  }
}
