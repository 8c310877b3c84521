import { HttpStatus, Injectable } from '@nestjs/common';
import {
  civilDateOf,
  DISPOSITION_TARGET,
  dispositionErrors,
  followUpErrors,
  IllegalInquiryTransitionError,
  inquirerErrors,
  isInquiryClosed,
  mayActOnInquiry,
  mayReadInquiry,
  nextInquiryStatus,
  promisedReplyDue,
  type FieldProblem,
  type InquiryAction,
  type InquiryDetail,
  type InquiryHistoryAction,
  type InquiryHistoryVerification,
  type InquiryStatus,
  type InquiryView,
  type ResponderCard,
  type SessionUser,
  type TransferTarget,
} from '@hub/shared';
import { CalendarService } from '../calendar/calendar.service';
import { authorize } from '../common/authorize';
import { badRequest, conflict, notFound, ProblemException } from '../common/problem';
import { Database, type Tx } from '../database/database';
import { HubClock } from '../database/hub-clock';
import { NumberingService } from '../notices/numbering.service';
import { departmentRoom, LiveEvents, roleRoom, userRoom } from '../events/live-events';
import { Notifier } from '../notifications/notifier';
import type { DispositionDto, FollowUpDto, RegisterInquiryDto } from './inquiry.dto';
import { InquiryHistory } from './inquiry-history';
import { loadInquiries, loadInquiry, lockInquiry } from './inquiry-records';

const HISTORY_ACTION: Record<DispositionDto['kind'], InquiryHistoryAction> = {
  answer: 'inquiry.answered',
  promise: 'inquiry.promised',
  transfer: 'inquiry.transferred',
  refer: 'inquiry.referred',
  escalate: 'inquiry.escalated',
};

/** A desk lists every open inquiry (a safety bound only) and the latest closed ones. */
const OPEN_LIMIT = 10_000;
const CLOSED_LIMIT = 300;

/** Roles a colleague must have to take a transfer (admin keeps the system; applicants are outside). */
const STAFF_ROLES = ['window', 'leader', 'liaison'];

/**
 * R23/R24 first-inquiry responsibility (首问负责): register, dispose, transfer with acknowledgement
 * and supervision, overdue flags, follow-up, and the link to a green-channel project. Every step
 * is one transaction writing the inquiry and its history entry, pushed live after commit.
 */
@Injectable()
export class InquiriesService {
  constructor(
    private readonly db: Database,
    private readonly clock: HubClock,
    private readonly calendars: CalendarService,
    private readonly numbering: NumberingService,
    private readonly history: InquiryHistory,
    private readonly live: LiveEvents,
    private readonly notifier: Notifier,
  ) {}

  async register(user: SessionUser, dto: RegisterInquiryDto): Promise<InquiryView> {
    authorize(user, 'inquiry.register');
    refuseProblems([...inquirerErrors(dto.inquirer), ...(dto.disposition ? dispositionErrors(dto.disposition, 'disposition.') : [])]);
    return this.db.transaction(async (tx) => {
      const now = await this.clock.now(tx);
      const { settings } = await this.calendars.current();
      const year = Number(civilDateOf(now, settings.timeZone).slice(0, 4));
      const number = `SW-${year}-${String(await this.numbering.next(tx, 'inquiry_number', year)).padStart(4, '0')}`;
      const inquirer = {
        kind: dto.inquirer.kind,
        name: dto.inquirer.name.trim(),
        contactName: dto.inquirer.contactName?.trim() || null,
        contact: dto.inquirer.contact.trim(),
      };
      const row = await tx.one<{ id: string }>(
        `INSERT INTO inquiries (number, channel, inquirer, subject, matter_type, owner_id, owner_department_id, responder_contact, registered_at, status)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'open') RETURNING id`,
        [number, dto.channel, inquirer, dto.subject.trim(), dto.matterType, user.id, user.departmentId, dto.responderContact.trim(), now],
      );
      const registered = (await loadInquiry(tx, row!.id))!;
      await this.record(tx, user, 'inquiry.registered', null, registered, { channel: dto.channel, matterType: dto.matterType });
      // Handled at once, promised, transferred…: the disposition belongs to the same moment (R23).
      return dto.disposition ? this.applyDisposition(tx, user, row!.id, dto.disposition, 'disposition.') : registered;
    });
  }

  async dispose(user: SessionUser, id: string, dto: DispositionDto): Promise<InquiryView> {
    return this.db.transaction((tx) => this.applyDisposition(tx, user, id, dto, ''));
  }

  async acknowledge(user: SessionUser, id: string): Promise<InquiryView> {
    return this.step(user, id, 'acknowledge', async (tx, before) => {
      const status = this.transition(before.status, 'acknowledged');
      // A department's transfer is taken over by the liaison who acknowledges it: from now on a named person holds it.
      await tx.query(
        `UPDATE inquiries SET status = $2, acknowledged_at = $3, handler_user_id = COALESCE(handler_user_id, $4) WHERE id = $1`,
        [id, status, await this.clock.now(tx), user.id],
      );
      return { action: 'inquiry.acknowledged', detail: {} };
    });
  }

  /** 督办: the first responder (or a leader) keeps supervising until the inquiry is closed. */
  async remind(user: SessionUser, id: string, note: string): Promise<InquiryView> {
    return this.step(user, id, 'remind', async (tx, before) => {
      if (isInquiryClosed(before.status))
        throw conflict(`Inquiry ${before.number} is closed ("${before.status}"): nothing to supervise`, 'inquiry.closed');
      await tx.query(`UPDATE inquiries SET reminded_at = $2, reminded_by = $3, reminder_note = $4 WHERE id = $1`, [
        id,
        await this.clock.now(tx),
        user.id,
        note.trim(),
      ]);
      return { action: 'inquiry.reminded', detail: { note: note.trim() } };
    });
  }

  /** R24 回访: once the inquiry is closed, the inquirer's view of the result, once. */
  async followUp(user: SessionUser, id: string, dto: FollowUpDto): Promise<InquiryView> {
    return this.step(user, id, 'follow_up', async (tx, before) => {
      refuseProblems(followUpErrors(dto));
      if (!isInquiryClosed(before.status))
        throw conflict(
          `Inquiry ${before.number} is "${before.status}": follow up once it is answered or referred`,
          'inquiry.state_forbids',
        );
      if (before.followUp) throw conflict(`Inquiry ${before.number} was already followed up`, 'inquiry.already_followed_up');
      const comment = dto.comment?.trim() || null;
      await tx.query(
        `UPDATE inquiries SET followed_up_at = $2, followed_up_by = $3, satisfaction = $4, follow_up_comment = $5 WHERE id = $1`,
        [id, await this.clock.now(tx), user.id, dto.satisfaction, comment],
      );
      return { action: 'inquiry.followed_up', detail: { satisfaction: dto.satisfaction, ...(comment ? { comment } : {}) } };
    });
  }

  /** The inquiry became a green-channel project registration: the link is kept, once. */
  async linkProject(user: SessionUser, id: string, projectId: string): Promise<InquiryView> {
    return this.step(user, id, 'link_project', async (tx, before) => {
      const project = await tx.one<{ code: string }>('SELECT code FROM projects WHERE id = $1', [projectId]);
      if (!project) throw badRequest('projectId', `no project ${projectId}`, 'reference.unknown');
      if (before.project)
        throw conflict(`Inquiry ${before.number} already became project ${before.project.code}`, 'inquiry.already_linked');
      await tx.query('UPDATE inquiries SET project_id = $2 WHERE id = $1', [id, projectId]);
      return { action: 'inquiry.project_linked', detail: { projectId, projectCode: project.code } };
    });
  }

  /** R24: the hub flags a promise whose day has ended; called by the watch with the row claimed. */
  async flagOverdue(tx: Tx, id: string): Promise<void> {
    const before = await lockInquiry(tx, id);
    const now = await this.clock.now(tx);
    await tx.query('UPDATE inquiries SET overdue_flagged_at = $2 WHERE id = $1', [id, now]);
    const after = (await loadInquiry(tx, id))!;
    await this.record(tx, null, 'inquiry.overdue', before, after, { dueAt: before.promise!.dueAt, dueDate: before.promise!.dueDate });
    await this.notifier.inquiryOverdue(tx, after, now); // R27: the messages commit with the flag, or not at all
  }

  /** Every open inquiry this user may read (none may drop off a desk), and the latest closed ones. */
  async list(user: SessionUser): Promise<InquiryView[]> {
    authorize(user, 'inquiry.read');
    // Narrowed in SQL for liaisons, then exactly by the shared rule.
    const readable = '($1 OR i.owner_id = $2 OR i.handler_user_id = $2 OR i.handler_department_id = $3)';
    const params = [user.role === 'leader' || user.role === 'window', user.id, user.departmentId];
    const open = await loadInquiries(this.db, `${readable} AND i.closed_at IS NULL`, params, OPEN_LIMIT);
    const closed = await loadInquiries(this.db, `${readable} AND i.closed_at IS NOT NULL`, params, CLOSED_LIMIT);
    return [...open, ...closed]
      .filter((inquiry) => mayReadInquiry(user, parties(inquiry)))
      .sort((a, b) => b.registeredAt.localeCompare(a.registeredAt) || b.number.localeCompare(a.number));
  }

  async detail(user: SessionUser, id: string): Promise<InquiryDetail> {
    const inquiry = await this.readable(user, id);
    return { ...inquiry, history: await this.history.list(id) };
  }

  async verify(user: SessionUser, id: string): Promise<InquiryHistoryVerification> {
    await this.readable(user, id);
    return this.history.verify(id);
  }

  async responderCard(user: SessionUser): Promise<ResponderCard> {
    authorize(user, 'inquiry.register');
    const last = await this.db.one<{ responder_contact: string }>(
      'SELECT responder_contact FROM inquiries WHERE owner_id = $1 ORDER BY registered_at DESC LIMIT 1',
      [user.id],
    );
    return {
      id: user.id,
      displayName: user.displayName,
      role: user.role,
      departmentId: user.departmentId,
      lastContact: last?.responder_contact ?? null,
    };
  }

  async transferTargets(user: SessionUser): Promise<TransferTarget[]> {
    authorize(user, 'inquiry.act');
    return this.db.query<TransferTarget>(
      `SELECT id, display_name AS "displayName", role, department_id AS "departmentId"
       FROM users WHERE role = ANY($1) AND id <> $2 ORDER BY role, display_name`,
      [STAFF_ROLES, user.id],
    );
  }

  private async readable(user: SessionUser, id: string): Promise<InquiryView> {
    authorize(user, 'inquiry.read');
    const inquiry = await loadInquiry(this.db, id);
    if (!inquiry) throw notFound('Inquiry');
    if (!mayReadInquiry(user, parties(inquiry))) throw forbidden(user, 'read', inquiry);
    return inquiry;
  }

  /** R23: one disposition inside the caller's transaction; field names carry `prefix`. */
  private async applyDisposition(tx: Tx, user: SessionUser, id: string, d: DispositionDto, prefix: string): Promise<InquiryView> {
    const before = await lockInquiry(tx, id);
    this.authorizeOn(user, before, d.kind);
    const status = this.transition(before.status, DISPOSITION_TARGET[d.kind]);
    refuseProblems(dispositionErrors(d, prefix));
    const now = await this.clock.now(tx);
    const note = d.note?.trim() || undefined;
    const detail: Record<string, string> = note ? { note } : {};
    switch (d.kind) {
      case 'answer': {
        const answer = d.answer!.trim();
        await tx.query(`UPDATE inquiries SET status = $2, closed_at = $3, closed_by = $4, answer = $5 WHERE id = $1`, [
          id,
          status,
          now,
          user.id,
          answer,
        ]);
        detail['answer'] = answer;
        break;
      }
      case 'promise': {
        // R24: the promise was made to the inquirer; a second one would move the goalposts.
        if (before.promise)
          throw conflict(`Inquiry ${before.number} already has a reply promised by ${before.promise.dueDate}`, 'inquiry.already_promised');
        const { calendar, settings } = await this.calendars.current();
        const due = promisedReplyDue(now, d.workingDays!, calendar, settings);
        await tx.query(
          `UPDATE inquiries SET status = $2, promised_at = $3, promised_by = $4, promised_working_days = $5,
                  promised_due_date = $6, promised_due_at = $7, promised_provisional = $8 WHERE id = $1`,
          [id, status, now, user.id, d.workingDays, due.dueDate, due.dueAt, due.provisional],
        );
        Object.assign(detail, { workingDays: String(d.workingDays), dueDate: due.dueDate, dueAt: due.dueAt.toISOString() });
        break;
      }
      case 'transfer': {
        const target = await this.transferTarget(tx, user, d, prefix);
        await tx.query(
          `UPDATE inquiries SET status = $2, handler_user_id = $3, handler_department_id = $4, transferred_at = $5, transferred_by = $6,
                  acknowledged_at = NULL WHERE id = $1`,
          [id, status, target.userId, target.departmentId, now, user.id],
        );
        Object.assign(detail, target.detail);
        break;
      }
      case 'refer': {
        const referredTo = d.referredTo!.trim();
        const referredContact = d.referredContact!.trim();
        await tx.query(
          `UPDATE inquiries SET status = $2, closed_at = $3, closed_by = $4, referred_to = $5, referred_contact = $6 WHERE id = $1`,
          [id, status, now, user.id, referredTo, referredContact],
        );
        Object.assign(detail, { referredTo, referredContact });
        break;
      }
      case 'escalate':
        await tx.query(`UPDATE inquiries SET status = $2, escalated_at = $3, escalated_by = $4, escalation_reason = $5 WHERE id = $1`, [
          id,
          status,
          now,
          user.id,
          note,
        ]);
        break;
    }
    const after = (await loadInquiry(tx, id))!;
    await this.record(tx, user, HISTORY_ACTION[d.kind], before, after, detail);
    return after;
  }

  /** A named staff colleague (not oneself) or a department of the center. */
  private async transferTarget(tx: Tx, user: SessionUser, d: DispositionDto, prefix: string) {
    if (d.toUserId) {
      const colleague = await tx.one<{ display_name: string; role: string; department_id: string | null }>(
        'SELECT display_name, role, department_id FROM users WHERE id = $1',
        [d.toUserId],
      );
      if (!colleague || !STAFF_ROLES.includes(colleague.role))
        throw badRequest(`${prefix}toUserId`, `no colleague ${d.toUserId} who can take an inquiry`, 'reference.unknown');
      if (d.toUserId === user.id)
        throw badRequest(`${prefix}toUserId`, 'an inquiry is transferred to someone else', 'inquiry.transfer_to_self');
      const detail: Record<string, string> = { toUserId: d.toUserId, toUserName: colleague.display_name };
      if (colleague.department_id) detail['toDepartmentId'] = colleague.department_id;
      return { userId: d.toUserId, departmentId: colleague.department_id, detail };
    }
    const department = await tx.one<{ name: string }>('SELECT name FROM departments WHERE id = $1', [d.toDepartmentId]);
    if (!department) throw badRequest(`${prefix}toDepartmentId`, `no department ${d.toDepartmentId}`, 'reference.unknown');
    return {
      userId: null,
      departmentId: d.toDepartmentId!,
      detail: { toDepartmentId: d.toDepartmentId!, toDepartmentName: department.name },
    };
  }

  /** A step that is not a disposition: lock, check who acts, change, record. */
  private async step(
    user: SessionUser,
    id: string,
    action: InquiryAction,
    change: (tx: Tx, before: InquiryView) => Promise<{ action: InquiryHistoryAction; detail: Record<string, string> }>,
  ): Promise<InquiryView> {
    return this.db.transaction(async (tx) => {
      const before = await lockInquiry(tx, id);
      this.authorizeOn(user, before, action);
      const { action: recorded, detail } = await change(tx, before);
      const after = (await loadInquiry(tx, id))!;
      await this.record(tx, user, recorded, before, after, detail);
      return after;
    });
  }

  /** R2: only the first responder, the transferee or a leader act — and each only as INQUIRY_ACTORS allows. */
  private authorizeOn(user: SessionUser, inquiry: InquiryView, action: InquiryAction): void {
    if (!mayActOnInquiry(user, parties(inquiry), action)) throw forbidden(user, action, inquiry);
  }

  private transition(from: InquiryStatus, to: InquiryStatus): InquiryStatus {
    try {
      return nextInquiryStatus(from, to);
    } catch (error) {
      if (error instanceof IllegalInquiryTransitionError) throw conflict(error.message, 'inquiry.state_forbids');
      throw error;
    }
  }

  /** The history entry, and after commit the push to everyone concerned before and after the step. */
  private async record(
    tx: Tx,
    actor: SessionUser | null,
    action: InquiryHistoryAction,
    before: InquiryView | null,
    after: InquiryView,
    detail: Record<string, string>,
  ): Promise<void> {
    const entry = await this.history.append(tx, {
      inquiryId: after.id,
      actor,
      action,
      before: before?.status ?? null,
      after: after.status,
      detail,
    });
    const rooms = new Set([...roomsFor(after), ...(before ? roomsFor(before) : [])]);
    tx.onCommit(() => this.live.emitTo([...rooms], 'inquiry:changed', { inquiry: after, entry }));
  }
}

const parties = (inquiry: InquiryView) => ({
  ownerId: inquiry.responder.id,
  status: inquiry.status,
  handler: inquiry.handler && { userId: inquiry.handler.userId, departmentId: inquiry.handler.departmentId },
});

/** R2: those who may read it (mayReadInquiry): leaders and the window, its owner and its transferee. */
function roomsFor(inquiry: InquiryView): string[] {
  const rooms = [roleRoom('leader'), roleRoom('window'), userRoom(inquiry.responder.id)];
  if (inquiry.handler?.userId) rooms.push(userRoom(inquiry.handler.userId));
  else if (inquiry.handler?.departmentId) rooms.push(departmentRoom(inquiry.handler.departmentId));
  return rooms;
}

function refuseProblems(problems: FieldProblem[]): void {
  if (problems.length > 0) throw new ProblemException(HttpStatus.BAD_REQUEST, 'Invalid request', 'Some fields are not valid', problems);
}

function forbidden(user: SessionUser, action: string, inquiry: InquiryView): ProblemException {
  return new ProblemException(
    HttpStatus.FORBIDDEN,
    'Forbidden',
    `${user.role} ${user.username} may not ${action} inquiry ${inquiry.number}: only its first responder, its transferee or a leader may act (R2, R23)`,
  );
}
