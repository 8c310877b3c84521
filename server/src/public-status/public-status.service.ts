import { HttpStatus, Injectable } from '@nestjs/common';
import {
  missingMaterials,
  NOTICE_TITLES,
  type ItemStatus,
  type NoticeKind,
  type ProjectStatus,
  type PublicProjectStatus,
} from '@hub/shared';
import { LoginThrottle } from '../auth/login-throttle';
import { ProblemException } from '../common/problem';
import { Database } from '../database/database';
import { AccessCodes } from '../materials/access-codes';
import { MaterialsService } from '../materials/materials.service';
import { ProjectsService } from '../projects/projects.service';
import type { ProjectStatusLookupDto } from './public-status.dto';

/** Documents addressed to the applicant; circulation reports are internal (R22). */
const APPLICANT_DOCUMENTS: NoticeKind[] = [
  'timeout_implied_consent',
  'delayed_approval',
  'one_time_notification',
  'permit_decision',
  'receipt',
  'pickup_register',
  'completion_notice',
];

/**
 * R1: the applicant reads its own project's progress with the project code and access code, and
 * nothing more: no other project, no staff name except the window contact. Failed lookups are
 * counted like failed logins: a delay per (project code, address), so a guesser elsewhere never
 * locks the applicant out, under a ceiling per project code.
 */
@Injectable()
export class PublicStatusService {
  constructor(
    private readonly db: Database,
    private readonly throttle: LoginThrottle,
    private readonly access: AccessCodes,
    private readonly materials: MaterialsService,
    private readonly projects: ProjectsService,
  ) {}

  async lookup(dto: ProjectStatusLookupDto, address: string): Promise<PublicProjectStatus> {
    const projectCode = dto.projectCode.trim().toUpperCase();
    const key = `project:${projectCode}`;
    await this.throttle.assertAllowed(key, address);
    const project = await this.db.one<{
      id: string;
      code: string;
      name: string;
      owner_name: string;
      status: ProjectStatus;
      registered_at: Date;
      code_hash: string;
      contact: string;
      admission_refused_at: Date | null;
      admission_refusal_reason: string | null;
    }>(
      `SELECT p.id, p.code, p.name, p.owner->>'name' AS owner_name, p.status, p.registered_at, a.code_hash, u.display_name AS contact,
              p.admission_refused_at, p.admission_refusal_reason
       FROM projects p JOIN project_access a ON a.project_id = p.id JOIN users u ON u.id = a.window_contact WHERE p.code = $1 OR p.national_code = $1`, // R4a: the national project code finds it too
      [projectCode],
    );
    if (!project || !this.access.matches(project.id, project.code_hash, dto.accessCode)) {
      await this.throttle.recordFailure(key, address);
      // The same answer whether the code or the access code is wrong: nothing to probe.
      throw new ProblemException(HttpStatus.NOT_FOUND, 'Not found', 'No project matches this project code and access code');
    }
    await this.throttle.recordSuccess(key, address);
    return this.status(project);
  }

  private async status(project: {
    id: string;
    code: string;
    name: string;
    owner_name: string;
    status: ProjectStatus;
    registered_at: Date;
    contact: string;
    admission_refused_at: Date | null;
    admission_refusal_reason: string | null;
  }): Promise<PublicProjectStatus> {
    const items = await this.db.query<{
      id: string;
      name: string;
      name_en: string;
      is_lead: boolean;
      status: ItemStatus;
      accepted_at: Date | null;
      due_at: Date | null;
      decided_at: Date | null;
      notice_number: string | null;
    }>(
      `SELECT i.id, d.name, d.name_en, i.is_lead, i.status, i.accepted_at, i.due_at, i.decided_at, i.notice_number
       FROM approval_items i JOIN departments d ON d.id = i.department_id WHERE i.project_id = $1 ORDER BY i.is_lead DESC, d.code`,
      [project.id],
    );
    const refs = await this.materials.itemRefs(this.db, { projectId: project.id });
    const materials = await this.materials.materials(this.db, { projectId: project.id });
    const byId = new Map(materials.map((m) => [m.id, m]));
    const fileCounts = new Map(
      (
        await this.db.query<{ material_id: string; n: number }>(
          'SELECT material_id, count(*)::int AS n FROM material_files WHERE project_id = $1 GROUP BY material_id',
          [project.id],
        )
      ).map((r) => [r.material_id, r.n]),
    );
    const documents = await this.db.query<{ kind: NoticeKind; number: string; issued_at: Date }>(
      `SELECT kind, number, issued_at FROM notices WHERE project_id = $1 AND kind = ANY($2) ORDER BY issued_at, serial`,
      [project.id, APPLICANT_DOCUMENTS],
    );
    const iso = (d: Date | null) => d?.toISOString() ?? null;
    const [board] = await this.projects.boardProjects(this.db, [project.id]);
    const life = await this.projects.lifeRecords(this.db, project.id);
    return {
      code: project.code,
      nationalCode: board!.nationalCode,
      life: board!.life,
      withdrawnOn: life.withdrawal?.requestedOn ?? null,
      completedAt: life.completion?.completedAt ?? null,
      name: project.name,
      ownerName: project.owner_name,
      status: project.status,
      registeredAt: project.registered_at.toISOString(),
      windowContact: project.contact,
      admissionRefusal:
        project.admission_refused_at && project.admission_refusal_reason
          ? { reason: project.admission_refusal_reason, refusedAt: project.admission_refused_at.toISOString() }
          : null,
      departments: items.map((i) => ({
        name: i.name,
        nameEn: i.name_en,
        lead: i.is_lead,
        status: i.status,
        acceptedAt: iso(i.accepted_at),
        dueAt: iso(i.due_at),
        decidedAt: iso(i.decided_at),
        noticeNumber: i.notice_number,
      })),
      toSupplement: missingMaterials(materials).map((m) => ({
        department: refs.find((r) => r.id === byId.get(m.id)!.itemId)?.departmentName ?? '',
        name: m.name,
        copiesMissing: m.copiesMissing,
      })),
      // R28: which materials arrived, on paper or as files; the files themselves stay with the staff.
      received: materials
        .filter((m) => m.received > 0 || (fileCounts.get(m.id) ?? 0) > 0)
        .map((m) => ({
          department: refs.find((r) => r.id === m.itemId)?.departmentName ?? '',
          name: m.name,
          copies: m.received,
          files: fileCounts.get(m.id) ?? 0,
        })),
      documents: documents.map((d) => ({ title: NOTICE_TITLES[d.kind], number: d.number, issuedAt: d.issued_at.toISOString() })),
    };
  }
}
