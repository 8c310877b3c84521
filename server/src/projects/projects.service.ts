import { Injectable } from '@nestjs/common';
import {
  admissionRefusal,
  admissionRefusalReasonProblem,
  civilDateOf,
  isMegaProject,
  lifeActionError,
  lifeOf,
  nationalCodeError,
  normalizeNationalCode,
  unmetPreconditions,
  type BoardProject,
  type Preconditions,
  type ProjectView,
  type SessionUser,
} from '@hub/shared';
import { CalendarService } from '../calendar/calendar.service';
import { ProjectSteps } from '../card/project-steps';
import { authorize } from '../common/authorize';
import { GroupCommit } from '../common/group-commit';
import { badRequest, conflict, notFound, refuse, ruleRefusal } from '../common/problem';
import { Database, type Queryable, type Tx } from '../database/database';
import { HubClock } from '../database/hub-clock';
import { NumberingService } from '../notices/numbering.service';
import type { AdmitProjectDto, RefuseAdmissionDto, RegisterProjectDto } from './project.dto';
import { uniqueNationalCode } from './project-life.service';
import { insertProjects, loadBoardProjects, loadLifeRecords, loadProjectView, type CurrentBoardProject } from './project-records';

/** One registration waiting for its turn in a group commit. */
interface Registration {
  user: SessionUser;
  dto: RegisterProjectDto;
}

/** Intake (R3), admission with seal, lead and participants (R4), mega-project flag (R6). */
@Injectable()
export class ProjectsService {
  constructor(
    private readonly db: Database,
    private readonly clock: HubClock,
    private readonly calendars: CalendarService,
    private readonly numbering: NumberingService,
    private readonly steps: ProjectSteps,
  ) {}

  /** R3: registrations arriving together share one transaction and one durable commit (issue 12). */
  private readonly registrations = new GroupCommit((all: Registration[]) => this.registerAll(all));

  async register(user: SessionUser, dto: RegisterProjectDto): Promise<ProjectView> {
    authorize(user, 'project.register');
    // R4a: the national project code is optional, in the platform's format, and unique.
    const codeProblem = nationalCodeError(dto.nationalCode);
    if (codeProblem) refuse(codeProblem);
    return uniqueNationalCode(() => this.registrations.submit({ user, dto }));
  }

  /**
   * R3: registrations that arrive together, in one transaction: their project codes in their order
   * of arrival under one hold of the gapless counter (R17), one insert, one card append (R5, R25).
   */
  private async registerAll(registrations: Registration[]): Promise<ProjectView[]> {
    return this.db.transaction(async (tx) => {
      const { now, year } = await this.today(tx);
      const first = await this.numbering.take(tx, 'project_code', year, registrations.length);
      const registered = await insertProjects(
        tx,
        registrations.map(({ user, dto }, n) => ({
          code: `GC-${year}-${String(first + n).padStart(4, '0')}`,
          registeredBy: user.id,
          name: dto.name,
          owner: dto.owner,
          category: dto.category,
          preconditions: dto.preconditions,
          totalInvestment: dto.totalInvestment,
          reportToHigherAuthority: dto.reportToHigherAuthority,
          mega: isMegaProject(dto.totalInvestment),
          nationalCode: normalizeNationalCode(dto.nationalCode),
        })),
        now,
      );
      await this.steps.recordSteps(
        tx,
        registered.map(({ board }, n) => ({
          change: { project: null, after: board },
          step: { actor: registrations[n]!.user, action: 'project.registered' as const },
        })),
      );
      return registered.map(({ view }) => view);
    });
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

  /** R3 + R4: seal, lead and participants; opens one approval item per department. */
  async admit(user: SessionUser, id: string, dto: AdmitProjectDto): Promise<ProjectView> {
    authorize(user, 'project.admit');
    if (dto.participatingDepartmentIds.includes(dto.leadDepartmentId)) {
      throw badRequest(
        'participatingDepartmentIds',
        'the lead department cannot also be a participating department',
        'admission.lead_also_participating',
      );
    }
    const departmentIds = [dto.leadDepartmentId, ...dto.participatingDepartmentIds];
    await this.db.transaction(async (tx) => {
      const project = await this.lockForAdmission(tx, id);
      // R3 Decision: all three preconditions met, or a leader's override with its reason.
      const refused = admissionRefusal(project.preconditions, dto.overrideReason);
      if (refused) throw ruleRefusal(refused);
      const overrideReason = unmetPreconditions(project.preconditions).length > 0 ? dto.overrideReason!.trim() : null;
      // R4a: a withdrawn project is not admitted.
      const life = lifeActionError(lifeOf(await this.boardProject(tx, id)), 'admit');
      if (life) refuse(life);
      // R1: a switched-off department takes no new items (FOR SHARE: not switched off meanwhile).
      const known = await tx.query<{ id: string }>('SELECT id FROM departments WHERE id = ANY($1) AND active FOR SHARE', [departmentIds]);
      const unknown = departmentIds.find((d) => !known.some((k) => k.id === d));
      if (unknown) {
        throw badRequest(
          unknown === dto.leadDepartmentId ? 'leadDepartmentId' : 'participatingDepartmentIds',
          `no active department ${unknown}`,
        );
      }
      const before = await this.boardProject(tx, id);
      const { now, year } = await this.today(tx);
      const sealNumber = `绿通〔${year}〕${await this.numbering.next(tx, 'green_channel_seal', year)}号`;
      await tx.query(
        `UPDATE projects SET status = 'in_channel', seal_number = $2, sealed_by = $3, sealed_at = $4, lead_department_id = $5,
                             admission_override_reason = $6 WHERE id = $1`,
        [id, sealNumber, user.id, now, dto.leadDepartmentId, overrideReason],
      );
      for (const departmentId of departmentIds) {
        await tx.query(
          `INSERT INTO approval_items (project_id, department_id, is_lead, status) VALUES ($1, $2, $3, 'awaiting_acceptance')`,
          [id, departmentId, departmentId === dto.leadDepartmentId],
        );
      }
      await this.steps.recordStep(tx, before, {
        actor: user,
        action: 'project.admitted',
        detail: overrideReason
          ? { sealNumber, overrideReason, unmetPreconditions: unmetPreconditions(project.preconditions).join(',') }
          : { sealNumber },
      });
    });
    return (await loadProjectView(this.db, id))!;
  }

  /** R3 Decision: a leader refuses admission with a reason; the project is never admitted after. */
  async refuseAdmission(user: SessionUser, id: string, dto: RefuseAdmissionDto): Promise<ProjectView> {
    authorize(user, 'project.admit');
    const problem = admissionRefusalReasonProblem(dto.reason);
    if (problem) throw ruleRefusal(problem);
    const reason = dto.reason.trim();
    await this.db.transaction(async (tx) => {
      await this.lockForAdmission(tx, id);
      const before = await this.boardProject(tx, id);
      // R4a: a withdrawn project is not refused either.
      const life = lifeActionError(lifeOf(before), 'refuse');
      if (life) refuse(life);
      const { now } = await this.today(tx);
      await tx.query(
        'UPDATE projects SET admission_refused_at = $2, admission_refused_by = $3, admission_refusal_reason = $4 WHERE id = $1',
        [id, now, user.id, reason],
      );
      await this.steps.recordStep(tx, before, { actor: user, action: 'project.admission_refused', detail: { reason } });
    });
    return (await loadProjectView(this.db, id))!;
  }

  /** A project awaiting the admission decision (R3/R4), locked: neither admitted nor refused yet. */
  private async lockForAdmission(tx: Tx, id: string): Promise<{ preconditions: Preconditions }> {
    const project = await tx.one<{ status: string; preconditions: Preconditions; admission_refused_at: Date | null }>(
      'SELECT status, preconditions, admission_refused_at FROM projects WHERE id = $1 FOR UPDATE',
      [id],
    );
    if (!project) throw notFound('Project');
    if (project.admission_refused_at)
      throw ruleRefusal({
        rule: 'R3',
        field: 'status',
        code: 'admission.refused',
        message: 'Admission of this project was refused',
        conflict: true,
      });
    if (project.status !== 'registered') throw conflict('The project is already in the green channel', 'admission.already_admitted');
    return project;
  }

  /** Projects as the board shows them (every project: null), read in `q` (the caller's transaction). */
  boardProjects(q: Queryable, ids: string[] | null): Promise<CurrentBoardProject[]> {
    return loadBoardProjects(q, ids);
  }

  /** R4a: the project's withdrawal and completion as recorded, read in `q`. */
  lifeRecords(q: Queryable, id: string): Promise<Pick<ProjectView, 'withdrawal' | 'completion'>> {
    return loadLifeRecords(q, id);
  }

  private async boardProject(tx: Tx, id: string): Promise<BoardProject> {
    return (await this.boardProjects(tx, [id]))[0]!;
  }

  /** Numbers run per year of the center's calendar, not of UTC. */
  private async today(tx: Tx): Promise<{ now: Date; year: number }> {
    const now = await this.clock.now(tx);
    const { settings } = await this.calendars.current();
    return { now, year: Number(civilDateOf(now, settings.timeZone).slice(0, 4)) };
  }
}
