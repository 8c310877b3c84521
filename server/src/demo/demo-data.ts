import { Injectable, Logger } from '@nestjs/common';
import type { Role, SessionUser } from '@hub/shared';
import { ApprovalsService } from '../approvals/approvals.service';
import { hashPassword } from '../auth/auth.service';
import { Database } from '../database/database';
import { MaterialsService } from '../materials/materials.service';
import { ProjectsService } from '../projects/projects.service';

export const DEMO_DEPARTMENTS = [
  { code: 'DRC', name: '发展和改革局', nameEn: 'Development and Reform Bureau' },
  { code: 'NRP', name: '自然资源和规划局', nameEn: 'Natural Resources and Planning Bureau' },
  { code: 'EEB', name: '生态环境局', nameEn: 'Ecology and Environment Bureau' },
  { code: 'HUD', name: '住房和城乡建设局', nameEn: 'Housing and Urban-Rural Development Bureau' },
  { code: 'EMB', name: '应急管理局', nameEn: 'Emergency Management Bureau' },
] as const;

export interface DemoLogin {
  username: string;
  role: Role;
  displayName: string;
  departmentCode: string | null;
}

export const DEMO_USERS: DemoLogin[] = [
  { username: 'admin', role: 'admin', displayName: '系统管理员', departmentCode: null },
  { username: 'leader', role: 'leader', displayName: '王主任', departmentCode: null },
  { username: 'window', role: 'window', displayName: '李窗口', departmentCode: null },
  // A second window colleague, so a first responder can transfer an inquiry to a named person (R23).
  { username: 'window2', role: 'window', displayName: '张窗口', departmentCode: null },
  ...DEMO_DEPARTMENTS.map((d) => ({
    username: `liaison-${d.code.toLowerCase()}`,
    role: 'liaison' as const,
    displayName: `${d.name}联络员`,
    departmentCode: d.code,
  })),
];

/**
 * Demo departments, users and projects for a first start (npm start) and for tests.
 * Projects go through the real services, so their tracking cards are real.
 */
@Injectable()
export class DemoData {
  private readonly log = new Logger('DemoData');

  constructor(
    private readonly db: Database,
    private readonly projects: ProjectsService,
    private readonly approvals: ApprovalsService,
    private readonly materials: MaterialsService,
  ) {}

  /** Loads the demo once: only into a hub that has no users yet. Returns whether it loaded. */
  async loadIfEmpty(password: string, withProjects = true): Promise<boolean> {
    const loaded = await this.db.transaction(async (tx) => {
      await tx.query('LOCK TABLE users IN EXCLUSIVE MODE'); // two instances starting together load it once
      if (await tx.one('SELECT 1 FROM users LIMIT 1')) return false;
      const passwordHash = await hashPassword(password);
      for (const d of DEMO_DEPARTMENTS) {
        await tx.query('INSERT INTO departments (code, name, name_en) VALUES ($1, $2, $3)', [d.code, d.name, d.nameEn]);
      }
      for (const u of DEMO_USERS) {
        await tx.query(
          `INSERT INTO users (username, display_name, role, department_id, password_hash)
           VALUES ($1, $2, $3, (SELECT id FROM departments WHERE code = $4), $5)`,
          [u.username, u.displayName, u.role, u.departmentCode, passwordHash],
        );
      }
      return true;
    });
    if (loaded && withProjects) await this.loadProjects();
    if (loaded) this.log.log('demo departments, users and projects loaded');
    return loaded;
  }

  async user(username: string): Promise<SessionUser> {
    const row = await this.db.one<SessionUser>(
      `SELECT id, username, display_name AS "displayName", role, department_id AS "departmentId" FROM users WHERE username = $1`,
      [username],
    );
    return row!;
  }

  async departmentId(code: string): Promise<string> {
    return (await this.db.one<{ id: string }>('SELECT id FROM departments WHERE code = $1', [code]))!.id;
  }

  private async loadProjects(): Promise<void> {
    const window = await this.user('window');
    const leader = await this.user('leader');
    const owner = { name: '星河新能源科技有限公司', legalRepresentative: '陈星河', contactName: '赵敏', contactPhone: '0571-88886666' };
    const preconditions = { environmentalCompliance: true, feesAndTaxesPaid: true, safetyAndStability: true };

    const park = await this.projects.register(window, {
      name: '新能源汽车零部件产业园',
      owner,
      category: 'provincial_key',
      preconditions,
      totalInvestment: { amount: '860000000.00', currency: 'CNY' },
      reportToHigherAuthority: false,
    });
    const admitted = await this.projects.admit(leader, park.id, {
      leadDepartmentId: await this.departmentId('DRC'),
      participatingDepartmentIds: [await this.departmentId('NRP'), await this.departmentId('EEB'), await this.departmentId('EMB')],
    });
    // R8 Decision: acceptance needs a main material on the checklist, received.
    for (const item of admitted.items.slice(0, 3)) {
      const material = await this.materials.add(window, item.id, { name: '项目申请报告', kind: 'main', copies: 1 });
      await this.materials.receive(window, material.id, { received: 1 });
      await this.approvals.accept(window, item.id);
    }

    await this.projects.register(window, {
      name: '集成电路制造基地',
      owner: { ...owner, name: '芯源半导体股份有限公司', legalRepresentative: '林芯' },
      category: 'national_key',
      preconditions,
      totalInvestment: { amount: '1200000000.00', currency: 'CNY' },
      reportToHigherAuthority: true,
    });
  }
}
