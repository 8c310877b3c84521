import { Injectable } from '@nestjs/common';
import { deadlineRuleOf, decisionBasisError, dueInstant, nextItemStatus, type ApprovalItemView, type SessionUser } from '@hub/shared';
import { CalendarService } from '../calendar/calendar.service';
import { CardService } from '../card/card.service';
import { authorize } from '../common/authorize';
import { badRequest, conflict, notFound } from '../common/problem';
import { Database, type Tx } from '../database/database';
import { HubClock } from '../database/hub-clock';
import { DeadlineSignals } from '../deadlines/deadline-signals';
import { NoticesService } from '../notices/notices.service';
import { assertMainMaterialsComplete } from '../materials/material-records';
import { loadItem } from '../projects/project-records';
import type { DecisionDto } from './decision.dto';

/** One department's approval item: acceptance starts its clock (R10), a decision or deemed consent ends it (R14). */
@Injectable()
export class ApprovalsService {
  constructor(
    private readonly db: Database,
    private readonly clock: HubClock,
    private readonly calendars: CalendarService,
    private readonly card: CardService,
    private readonly notices: NoticesService,
    private readonly signals: DeadlineSignals,
  ) {}

  async accept(user: SessionUser, id: string): Promise<ApprovalItemView> {
    return this.db.transaction(async (tx) => {
      const before = await this.lockedItem(tx, id);
      authorize(user, 'item.accept', { departmentId: before.departmentId });
      const status = nextItemStatus(before.status, 'accept');
      await assertMainMaterialsComplete(tx, id); // R8: secondary materials may follow, main ones may not
      const now = await this.clock.now(tx);
      // In the transaction: a calendar change (R11) never slips between computing and storing it.
      const { calendar, settings } = await this.calendars.current(tx);
      const due = dueInstant(now, calendar, settings);
      // R10/R11: the rule it was computed by stays with it, so a calendar change recomputes it faithfully.
      await tx.query(
        `UPDATE approval_items SET status = $2, accepted_at = $3, accepted_by = $4, due_at = $5, provisional = $6,
                deadline_version = deadline_version + 1, due_rule = $7 WHERE id = $1`,
        [id, status, now, user.id, due.dueAt, due.provisional, JSON.stringify(deadlineRuleOf(settings))],
      );
      const after = (await loadItem(tx, id))!;
      await this.record(tx, user, 'item.accepted', before, after, { dueAt: after.dueAt! });
      tx.onCommit(() => this.signals.deadlinesChanged());
      return after;
    });
  }

  async decide(user: SessionUser, id: string, dto: DecisionDto): Promise<ApprovalItemView> {
    return this.db.transaction(async (tx) => {
      const before = await this.lockedItem(tx, id);
      authorize(user, 'item.decide', { departmentId: before.departmentId });
      const basisError = decisionBasisError(dto.outcome, dto.basis);
      if (basisError) throw badRequest('basis', basisError);
      const status = nextItemStatus(before.status, dto.outcome === 'approved' ? 'approve' : 'reject');
      const now = await this.clock.now(tx);
      // R14: at the due instant consent is already deemed; a late decision cannot replace it.
      if (before.dueAt && now >= new Date(before.dueAt)) {
        this.signals.deadlinesChanged();
        throw conflict('The deadline has passed: the department is deemed to consent (R14)');
      }
      const basis = dto.basis?.trim() || null;
      await tx.query(`UPDATE approval_items SET status = $2, decided_at = $3, decided_by = $4, basis = $5 WHERE id = $1`, [id, status, now, user.id, basis]);
      const after = (await loadItem(tx, id))!;
      await this.record(tx, user, status === 'approved' ? 'item.approved' : 'item.rejected', before, after, basis ? { basis } : {});
      return after;
    });
  }

  /**
   * R14/R17: marks a running item deemed to consent, with its numbered notice, inside the engine's
   * transaction. The (item, deadline version) key of deemed_consents makes a second firing impossible.
   */
  async deemConsent(tx: Tx, before: ApprovalItemView, firedAt: Date): Promise<ApprovalItemView> {
    const status = nextItemStatus(before.status, 'deem_consent');
    const { settings } = await this.calendars.current();
    const dueAt = new Date(before.dueAt!);
    const notice = await this.notices.issue(tx, {
      kind: 'timeout_implied_consent',
      projectId: before.projectId,
      itemId: before.id,
      issuedAt: firedAt,
      timeZone: settings.timeZone,
      content: { title: '超时默许通知书', itemId: before.id, departmentId: before.departmentId, dueAt: before.dueAt, acceptedAt: before.acceptedAt },
    });
    await tx.query(
      `INSERT INTO deemed_consents (item_id, deadline_version, cause, due_at, fired_at, notice_id) VALUES ($1, $2, 'timeout', $3, $4, $5)`,
      [before.id, before.deadlineVersion, dueAt, firedAt, notice.id],
    );
    // The decision takes effect at the due instant, whenever the hub got to it.
    await tx.query(`UPDATE approval_items SET status = $2, decided_at = $3, notice_number = $4 WHERE id = $1`, [before.id, status, dueAt, notice.number]);
    const after = (await loadItem(tx, before.id))!;
    const lateMs = firedAt.getTime() - dueAt.getTime();
    await this.record(tx, null, 'item.deemed_consent', before, after, {
      cause: 'timeout',
      noticeNumber: notice.number,
      dueAt: before.dueAt!,
      lateMs: String(lateMs),
    });
    return after;
  }

  private async lockedItem(tx: Tx, id: string): Promise<ApprovalItemView> {
    const item = await loadItem(tx, id, true);
    if (!item) throw notFound('Approval item');
    return item;
  }

  private record(
    tx: Tx,
    actor: SessionUser | null,
    action: 'item.accepted' | 'item.approved' | 'item.rejected' | 'item.deemed_consent',
    before: ApprovalItemView,
    after: ApprovalItemView,
    detail: Record<string, string>,
  ) {
    return this.card.append(tx, { projectId: after.projectId, actor, action, before: { kind: 'item', item: before }, after: { kind: 'item', item: after }, detail });
  }
}
