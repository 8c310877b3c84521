import { HttpStatus, Injectable } from '@nestjs/common';
import {
  isLatePickup,
  materialsComplete,
  materialsGate,
  NOTICE_TITLES,
  missingMaterials,
  pickupProblems,
  receiptProblems,
  type FieldError,
  type IssuedReceipt,
  type MaterialView,
  type NoticeSummary,
  type OneTimeNotificationContent,
  type PickupContent,
  type ProjectMaterialsView,
  type ProjectPaperwork,
  type ReceiptContent,
  type SessionUser,
} from '@hub/shared';
import { AccessCodes } from './access-codes';
import { CalendarService } from '../calendar/calendar.service';
import { authorize } from '../common/authorize';
import { badRequest, conflict, notFound, ProblemException } from '../common/problem';
import { Database, type Queryable, type Tx } from '../database/database';
import { HubClock } from '../database/hub-clock';
import { MegaService } from '../mega/mega.service';
import { NoticesService } from '../notices/notices.service';
import { loadFilesSettings, loadMaterialFiles, mayReadFiles } from './material-files.service';
import { assertMainMaterialsComplete, loadItemRefs, loadMaterial, loadMaterials, loadPaperwork, type ItemRef } from './material-records';
import type {
  AddMaterialDto,
  IssueOneTimeNotificationDto,
  IssueReceiptDto,
  MaterialRulingDto,
  RecordPickupDto,
  RecordReceivedDto,
} from './materials.dto';
import { ProjectSteps } from '../card/project-steps';
import { HAS_STANDING_PERMIT, STANDING_PERMITS } from '../notices/standing-permit';

/** The card reads as the center writes (R5): 主件/辅件. */
const KIND_WORDS = { main: '主件', secondary: '辅件' } as const;

/** R7 Decision: the procedure the one-time notification states, from 第二篇 二、四. */
const PROCEDURE = [
  '业主向重点项目接待受理窗口提出申请，中心审定后加盖“绿色通道专用章”，确定主审部门和参审部门，设立《重点项目跟踪服务卡》全程跟踪。',
  '窗口一次性告知申报材料，收取材料并出具收件回执；主件齐全即可先予受理，辅件边办、边补、边改。',
  '各审批部门并联审批：由主审部门或中心组织召开协调会、联审会议或联合踏勘，集中审议，当场形成意见。',
  '各部门在承诺时限内作出决定；未在时限内办结，又无合理解释和书面说明的，视为默认许可，由中心印发《超时默许通知书》。',
  '申报材料全部补齐后，由窗口出具行政许可决定；申请人凭收件回执取件，窗口登记《取件登记表》。',
];

/** The checklist (R7), supplementing while processing (R8), the one-time notification, receipts and pickups (R9). */
@Injectable()
export class MaterialsService {
  constructor(
    private readonly db: Database,
    private readonly clock: HubClock,
    private readonly calendars: CalendarService,
    private readonly notices: NoticesService,
    private readonly steps: ProjectSteps,
    private readonly mega: MegaService,
    private readonly access: AccessCodes,
  ) {}

  async view(user: SessionUser, projectId: string): Promise<ProjectMaterialsView> {
    authorize(user, 'project.read');
    if (!(await this.db.one('SELECT 1 FROM projects WHERE id = $1', [projectId]))) throw notFound('Project');
    const view = await this.checklist(projectId);
    // R28: the checklist is read by all staff; its files only by those who may read the project's files.
    return { ...view, files: (await mayReadFiles(this.db, user, projectId)) ? await loadMaterialFiles(this.db, projectId) : [] };
  }

  /**
   * R7: before the one-time notification the checklist is open; afterwards a department asking
   * for something not on it needs a leader's approval, and the card records the request.
   */
  async add(user: SessionUser, itemId: string, dto: AddMaterialDto): Promise<MaterialView> {
    return this.db.transaction(async (tx) => {
      const [item] = await loadItemRefs(tx, { itemId });
      if (!item) throw notFound('Approval item');
      authorize(user, 'materials.request', { departmentId: item.departmentId });
      const before = await this.steps.lock(tx, item.projectId);
      if (await tx.one(HAS_STANDING_PERMIT, [itemId]))
        throw conflict('The permit for this item is already issued', 'permit.already_issued');
      const name = dto.name.trim();
      if (await tx.one('SELECT 1 FROM material_requirements WHERE item_id = $1 AND name = $2', [itemId, name])) {
        throw badRequest('name', `"${name}" is already on this item's checklist`, 'material.duplicate');
      }
      const notification = await this.notices.latest(tx, item.projectId, 'one_time_notification');
      const reason = dto.reason?.trim() || null;
      if (notification && !reason)
        throw badRequest(
          'reason',
          `Not on the one-time notification ${notification.number}: say why it is needed (R7)`,
          'material.reason_required',
        );
      const now = await this.clock.now(tx);
      const row = await tx.one<{ id: string }>(
        `INSERT INTO material_requirements (project_id, item_id, name, kind, copies, status, after_notice, reason, added_by, added_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
        [
          item.projectId,
          itemId,
          name,
          dto.kind,
          dto.copies,
          notification ? 'requested' : 'required',
          notification?.number ?? null,
          reason,
          user.id,
          now,
        ],
      );
      await this.steps.recordStep(tx, before, {
        actor: user,
        action: notification ? 'material.requested' : 'material.required',
        detail: {
          material: name,
          department: item.departmentName,
          kind: KIND_WORDS[dto.kind],
          copies: String(dto.copies),
          ...(notification ? { afterNotice: notification.number, reason: reason! } : {}),
        },
      });
      await this.changed(tx, user, item.projectId, now);
      return (await loadMaterial(tx, row!.id))!;
    });
  }

  /** R7: a leader approves (it becomes required) or refuses a material asked for after the notification. */
  async rule(user: SessionUser, materialId: string, dto: MaterialRulingDto): Promise<MaterialView> {
    authorize(user, 'materials.rule');
    return this.db.transaction(async (tx) => {
      const material = await this.lockedMaterial(tx, materialId);
      if (material.view.status !== 'requested') throw conflict('Only a material asked for after the one-time notification awaits a ruling');
      const now = await this.clock.now(tx);
      await tx.query(`UPDATE material_requirements SET status = $2, ruled_by = $3, ruled_at = $4, ruling_reason = $5 WHERE id = $1`, [
        materialId,
        dto.approved ? 'required' : 'refused',
        user.id,
        now,
        dto.reason?.trim() || null,
      ]);
      await this.steps.recordStep(tx, material.before, {
        actor: user,
        action: 'material.ruled',
        detail: {
          material: material.view.name,
          ruling: dto.approved ? '批准' : '不批准',
          ...(dto.reason?.trim() ? { reason: dto.reason.trim() } : {}),
        },
      });
      await this.changed(tx, user, material.view.projectId, now);
      return (await loadMaterial(tx, materialId))!;
    });
  }

  /** R8: the window records what arrived (the total received so far). */
  async receive(user: SessionUser, materialId: string, dto: RecordReceivedDto): Promise<MaterialView> {
    authorize(user, 'materials.record');
    return this.db.transaction(async (tx) => {
      const material = await this.lockedMaterial(tx, materialId);
      if (material.view.status === 'refused') throw conflict('A refused material is not collected');
      if (dto.received > material.view.copies)
        throw badRequest('received', `At most ${material.view.copies} copies are required`, 'material.too_many_copies');
      if (dto.received === material.view.received) return material.view;
      const now = await this.clock.now(tx);
      await tx.query('UPDATE material_requirements SET received = $2 WHERE id = $1', [materialId, dto.received]);
      await this.steps.recordStep(tx, material.before, {
        actor: user,
        action: 'material.received',
        detail: {
          material: material.view.name,
          received: `${material.view.received}→${dto.received}/${material.view.copies}`,
        },
      });
      await this.changed(tx, user, material.view.projectId, now);
      return (await loadMaterial(tx, materialId))!;
    });
  }

  /** R7: all materials, departments, procedure, time limits and fees in one numbered document. */
  async issueOneTimeNotification(user: SessionUser, projectId: string, dto: IssueOneTimeNotificationDto): Promise<NoticeSummary> {
    authorize(user, 'notice.issue');
    return this.db.transaction(async (tx) => {
      const before = await this.steps.lock(tx, projectId);
      const items = await loadItemRefs(tx, { projectId });
      if (items.length === 0) throw conflict('The project has no departments yet: admit it first (R4)');
      const materials = (await loadMaterials(tx, { projectId })).filter((m) => m.status === 'required');
      if (materials.length === 0) throw conflict('Record the materials checklist first (R7)', 'materials.checklist_missing');
      const department = (itemId: string) => items.find((i) => i.id === itemId)!.departmentName;
      const { settings } = await this.calendars.current();
      const content: OneTimeNotificationContent = {
        materials: materials.map((m) => ({ department: department(m.itemId), name: m.name, kind: m.kind, copies: m.copies })),
        departments: items.map((i) => ({ name: i.departmentName, lead: i.isLead, workingDays: settings.workingDaysAllowed })),
        procedure: PROCEDURE,
        fees: dto.fees.trim(),
        notes: dto.notes?.trim() || null,
      };
      const previous = await this.notices.latest(tx, projectId, 'one_time_notification');
      return this.issueDocument(tx, user, before, {
        kind: 'one_time_notification',
        itemId: null,
        content: { ...content },
        corrects: previous ? { id: previous.id, number: previous.number } : null,
      });
    });
  }

  /**
   * R9: the receipt with every field the rules name, the materials as received now and those to
   * supplement (told once), and — on a project's first receipt — the applicant's access code (R1).
   */
  async issueReceipt(user: SessionUser, projectId: string, dto: IssueReceiptDto): Promise<IssuedReceipt> {
    authorize(user, 'notice.issue');
    refuseFields(receiptProblems(dto));
    return this.db.transaction(async (tx) => {
      const before = await this.steps.lock(tx, projectId);
      const items = await loadItemRefs(tx, { projectId });
      const department = (itemId: string) => items.find((i) => i.id === itemId)?.departmentName ?? '';
      const materials = await loadMaterials(tx, { projectId });
      const missing = new Map(missingMaterials(materials).map((m) => [m.id, m.copiesMissing]));
      const accessCode = await this.access.issueIfNone(tx, projectId, user);
      const content: ReceiptContent = {
        applicant: dto.applicant,
        receivedOn: dto.receivedOn,
        acceptedOn: dto.acceptedOn,
        notAcceptedReason: dto.notAcceptedReason?.trim() || null,
        promisedCompletionOn: dto.promisedCompletionOn,
        specialProcedures: dto.specialProcedures,
        applicantSignatory: dto.applicantSignatory.trim(),
        received: materials
          .filter((m) => m.received > 0)
          .map((m) => ({ name: m.name, department: department(m.itemId), copies: m.received })),
        toSupplement: materials
          .filter((m) => missing.has(m.id))
          .map((m) => ({ name: m.name, department: department(m.itemId), copies: missing.get(m.id)! })),
        staffName: user.displayName,
        accessCodeIssued: true,
      };
      const notice = await this.issueDocument(
        tx,
        user,
        before,
        { kind: 'receipt', itemId: null, content: { ...content }, corrects: null },
        accessCode ? { accessCode: '已发放（仅打印于第一联）' } : {},
      );
      return { notice, accessCode };
    });
  }

  /** R9: the pickup register: promised and actual dates, and the reason when late. Once per receipt. */
  async recordPickup(user: SessionUser, receiptId: string, dto: RecordPickupDto): Promise<NoticeSummary> {
    authorize(user, 'pickup.record');
    return this.db.transaction(async (tx) => {
      const receipt = await this.notices.stored(tx, receiptId);
      if (!receipt || receipt.kind !== 'receipt' || receipt.projectId === null) throw notFound('Receipt');
      const before = await this.steps.lock(tx, receipt.projectId);
      if (await tx.one('SELECT 1 FROM pickups WHERE receipt_id = $1', [receiptId]))
        throw conflict(`The pickup for ${receipt.number} is already registered`, 'pickup.already_registered');
      const issued = receipt.content as unknown as ReceiptContent;
      refuseFields(pickupProblems(dto, { receivedOn: issued.receivedOn, promisedOn: issued.promisedCompletionOn }));
      const late = isLatePickup(dto.pickedUpOn, issued.promisedCompletionOn);
      const content: PickupContent = {
        receipt: { id: receipt.id, number: receipt.number },
        applicant: issued.applicant,
        promisedOn: issued.promisedCompletionOn,
        pickedUpOn: dto.pickedUpOn,
        lateReason: late ? dto.lateReason!.trim() : null,
        pickerName: dto.pickerName.trim(),
        staffName: user.displayName,
      };
      const notice = await this.issueDocument(
        tx,
        user,
        before,
        { kind: 'pickup_register', itemId: null, content: { ...content }, corrects: null },
        {
          receiptNumber: receipt.number,
          late: late ? '是' : '否',
        },
      );
      await tx.query('INSERT INTO pickups (receipt_id, notice_id) VALUES ($1, $2)', [receiptId, notice.id]);
      return notice;
    });
  }

  /** Numbers, stores and records a document on the card in the caller's transaction. */
  async issueDocument(
    tx: Tx,
    user: SessionUser,
    before: Awaited<ReturnType<ProjectSteps['lock']>>,
    document: {
      kind: NoticeSummary['kind'];
      itemId: string | null;
      content: Record<string, unknown>;
      corrects: { id: string; number: string } | null;
    },
    detail: Record<string, string> = {},
  ): Promise<NoticeSummary> {
    const now = await this.clock.now(tx);
    const { settings } = await this.calendars.current();
    const issued = await this.notices.issue(tx, {
      ...document,
      projectId: before.id,
      issuedAt: now,
      timeZone: settings.timeZone,
      issuedBy: user,
    });
    await this.steps.recordStep(tx, before, {
      actor: user,
      action: 'document.issued',
      detail: {
        document: NOTICE_TITLES[document.kind],
        noticeNumber: issued.number,
        ...(document.corrects ? { corrects: document.corrects.number } : {}),
        ...detail,
      },
    });
    return {
      id: issued.id,
      kind: document.kind,
      number: issued.number,
      projectId: before.id,
      itemId: document.itemId,
      issuedAt: now.toISOString(),
      corrects: document.corrects,
      supersededBy: null,
    };
  }

  /** An item's or a project's materials, read in `q` (the caller's transaction). */
  materials(q: Queryable, where: { projectId: string } | { itemId: string }): Promise<MaterialView[]> {
    return loadMaterials(q, where);
  }

  /** An item's or a project's approval items as the checklist names them, read in `q`. */
  itemRefs(q: Queryable, where: { projectId: string } | { itemId: string }): Promise<ItemRef[]> {
    return loadItemRefs(q, where);
  }

  /** R6–R9: the paperwork summary of projects (every project: null), read in `q`. */
  paperwork(q: Queryable, projectIds: string[] | null): Promise<Map<string, ProjectPaperwork>> {
    return loadPaperwork(q, projectIds);
  }

  /** R8 at acceptance: refused (409) while a main material of the item is missing. */
  assertMainMaterialsComplete(tx: Tx, itemId: string): Promise<void> {
    return assertMainMaterialsComplete(tx, itemId);
  }

  /** R6: after every change of a project's materials, mega learns whether they are complete (its forwarding clock may start). */
  private async changed(tx: Tx, user: SessionUser, projectId: string, now: Date): Promise<void> {
    await this.mega.materialsChanged(tx, user, projectId, now, materialsComplete(await loadMaterials(tx, { projectId })));
  }

  private async lockedMaterial(tx: Tx, id: string) {
    const found = await loadMaterial(tx, id);
    if (!found) throw notFound('Material');
    const before = await this.steps.lock(tx, found.projectId);
    return { view: (await loadMaterial(tx, id, true))!, before };
  }

  /** The project's checklist item by item, with its R8 gate and permit. */
  private async checklist(projectId: string): Promise<ProjectMaterialsView> {
    const items = await loadItemRefs(this.db, { projectId });
    const materials = await loadMaterials(this.db, { projectId });
    const permits = await this.db.query<{ item_id: string; id: string; number: string }>(
      `SELECT p.item_id, n.id, n.number FROM (${STANDING_PERMITS}) p JOIN notices n ON n.id = p.notice_id WHERE n.project_id = $1`,
      [projectId],
    );
    const notification = await this.notices.latest(this.db, projectId, 'one_time_notification');
    const paperwork = (await loadPaperwork(this.db, [projectId])).get(projectId);
    return {
      projectId,
      files: [],
      maxFileBytes: (await loadFilesSettings(this.db)).maxBytes,
      forwarding: paperwork?.forwarding ?? null,
      oneTimeNotification: notification ? { id: notification.id, number: notification.number, issuedAt: notification.issuedAt } : null,
      items: items.map((item) => {
        const own = materials.filter((m) => m.itemId === item.id);
        const permit = permits.find((p) => p.item_id === item.id);
        return {
          itemId: item.id,
          departmentId: item.departmentId,
          isLead: item.isLead,
          status: item.status,
          materials: own,
          gate: materialsGate(own),
          permit: permit ? { id: permit.id, number: permit.number } : null,
        };
      }),
    };
  }
}

/** Rule problems found after validation: a 400 naming every field at fault, nothing changed (R26). */
function refuseFields(problems: FieldError[]): void {
  if (problems.length > 0)
    throw new ProblemException(HttpStatus.BAD_REQUEST, 'Invalid request', problems.map((p) => p.message).join('; '), problems);
}
