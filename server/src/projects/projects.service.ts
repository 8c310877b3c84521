import { Injectable } from '@nestjs/common';
import { civilDateOf, isMegaProject, lifeActionError, lifeOf, nationalCodeError, normalizeNationalCode, type BoardProject, type ProjectView, type SessionUser } from '@hub/shared';
import { refuse } from '../approvals/approvals.service';
import { CalendarService } from '../calendar/calendar.service';
import { CardService } from '../card/card.service';
import { authorize } from '../common/authorize';
import { badRequest, conflict, notFound } from '../common/problem';
import { Database, type Tx } from '../database/database';
import { HubClock } from '../database/hub-clock';
import { NumberingService } from '../notices/numbering.service';
import type { AdmitProjectDto, RegisterProjectDto } from './project.dto';
import { uniqueNationalCode } from './project-life.service';
import { loadBoardProjects, loadProjectView } from './project-records';

/** Intake (R3), admission with seal, lead and participants (R4), mega-project flag (R6). */
@Injectable()
export class ProjectsService {
  constructor(
    private readonly db: Database,
    private readonly clock: HubClock,
    private readonly calendars: CalendarService,
    private readonly numbering: NumberingService,
    private readonly card: CardService,
  ) {}

  async register(user: SessionUser, dto: RegisterProjectDto): Promise<ProjectView> {
    authorize(user, 'project.register');
    // R4a: the national project code is optional, in the platform's format, and unique.
    const codeProblem = nationalCodeError(dto.nationalCode);
    if (codeProblem) refuse(codeProblem);
    const id = await uniqueNationalCode(() => this.db.transaction(async (tx) => {
      const { now, year } = await this.today(tx);
      const code = `GC-${year}-${String(await this.numbering.next(tx, 'project_code', year)).padStart(4, '0')}`;
      const row = await tx.one<{ id: string }>(
        `INSERT INTO projects (code, name, owner, category, preconditions, investment_amount, investment_currency,
                               report_to_higher, mega, status, registered_at, registered_by, national_code)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'registered', $10, $11, $12) RETURNING id`,
        [code, dto.name, dto.owner, dto.category, dto.preconditions, dto.totalInvestment.amount, dto.totalInvestment.currency,
         dto.reportToHigherAuthority, isMegaProject(dto.totalInvestment), now, user.id, normalizeNationalCode(dto.nationalCode)],
      );
      const after = await this.boardProject(tx, row!.id);
      await this.card.append(tx, { projectId: row!.id, actor: user, action: 'project.registered', before: null, after: { kind: 'project', project: after } });
      return row!.id;
    }));
    return (await loadProjectView(this.db, id))!;
  }

  async view(user: SessionUser, id: string): Promise<ProjectView> {
    authorize(user, 'project.read');
    const project = await loadProjectView(this.db, id);
    if (!project) throw notFound('Project');
    return project;
  }

  async assertExists(id: string): Promise<void> {
    if (!(await this.db.one('SELECT 1 FROM projects WHERE id = $1', [id]))) throw notFound('Project');
  }

  /** R4: seal, lead and participants; opens one approval item per department. */
  async admit(user: SessionUser, id: string, dto: AdmitProjectDto): Promise<ProjectView> {
    authorize(user, 'project.admit');
    if (dto.participatingDepartmentIds.includes(dto.leadDepartmentId)) {
      throw badRequest('participatingDepartmentIds', 'the lead department cannot also be a participating department');
    }
    const departmentIds = [dto.leadDepartmentId, ...dto.participatingDepartmentIds];
    await this.db.transaction(async (tx) => {
      const project = await tx.one<{ status: string }>('SELECT status FROM projects WHERE id = $1 FOR UPDATE', [id]);
      if (!project) throw notFound('Project');
      if (project.status !== 'registered') throw conflict('The project is already in the green channel');
      // R3/R4a: a refused or withdrawn project is not admitted.
      const life = lifeActionError(lifeOf((await this.boardProject(tx, id))), 'admit');
      if (life) refuse(life);
      // R1: a switched-off department takes no new items (FOR SHARE: not switched off meanwhile).
      const known = await tx.query<{ id: string }>('SELECT id FROM departments WHERE id = ANY($1) AND active FOR SHARE', [departmentIds]);
      const unknown = departmentIds.find((d) => !known.some((k) => k.id === d));
      if (unknown) {
        throw badRequest(unknown === dto.leadDepartmentId ? 'leadDepartmentId' : 'participatingDepartmentIds', `no active department ${unknown}`);
      }
      const before = await this.boardProject(tx, id);
      const { now, year } = await this.today(tx);
      const sealNumber = `绿通〔${year}〕${await this.numbering.next(tx, 'green_channel_seal', year)}号`;
      await tx.query(
        `UPDATE projects SET status = 'in_channel', seal_number = $2, sealed_by = $3, sealed_at = $4, lead_department_id = $5 WHERE id = $1`,
        [id, sealNumber, user.id, now, dto.leadDepartmentId],
      );
      for (const departmentId of departmentIds) {
        await tx.query(
          `INSERT INTO approval_items (project_id, department_id, is_lead, status) VALUES ($1, $2, $3, 'awaiting_acceptance')`,
          [id, departmentId, departmentId === dto.leadDepartmentId],
        );
      }
      const after = await this.boardProject(tx, id);
      await this.card.append(tx, {
        projectId: id,
        actor: user,
        action: 'project.admitted',
        before: { kind: 'project', project: before },
        after: { kind: 'project', project: after },
        detail: { sealNumber },
      });
    });
    return (await loadProjectView(this.db, id))!;
  }

  private async boardProject(tx: Tx, id: string): Promise<BoardProject> {
    return (await loadBoardProjects(tx, [id]))[0]!;
  }

  /** Numbers run per year of the center's calendar, not of UTC. */
  private async today(tx: Tx): Promise<{ now: Date; year: number }> {
    const now = await this.clock.now(tx);
    const { settings } = await this.calendars.current();
    return { now, year: Number(civilDateOf(now, settings.timeZone).slice(0, 4)) };
  }
}
