import type { IssueReceiptRequest, RegisterProjectRequest } from '@hub/shared';
import { HubClient, mainMaterialReceived, REGISTRATION } from './test-hub';

export const RECEIPT: IssueReceiptRequest = {
  applicant: {
    type: 'organisation',
    name: '星河新能源科技有限公司',
    legalRepresentative: '陈星河',
    address: '杭州市滨江区江南大道1号',
    phone: '0571-88886666',
  },
  receivedOn: '2026-03-02',
  acceptedOn: '2026-03-02',
  promisedCompletionOn: '2026-03-05',
  specialProcedures: [{ procedure: 'expert_review', workingDays: 5 }],
  applicantSignatory: '赵敏',
};

/** Fresh paper-trail objects for route tests (R6–R9, R17, R1), each on a new DRC-led project. */
export interface PaperFixture {
  /** A project whose DRC item has one main material (1 copy) not yet received. */
  checklist(): Promise<{ projectId: string; itemId: string; materialId: string }>;
  /** A material asked for after the one-time notification, awaiting a leader's ruling. */
  requestedMaterial(): Promise<string>;
  receipt(): Promise<{ id: string; projectCode: string; accessCode: string }>;
  /** A DRC item approved by its liaison, with nothing missing: ready for its permit. */
  approvedItem(): Promise<string>;
  /** A mega project reported higher; with complete materials its forwarding clock runs. */
  megaProject(materialsComplete: boolean): Promise<string>;
}

function expectOk<T>(reply: { status: number; body: T }): T {
  if (reply.status >= 300) throw new Error(JSON.stringify(reply.body));
  return reply.body;
}

export function paperFixture(window: HubClient, leader: HubClient, liaisonDrc: HubClient): PaperFixture {
  const drcProject = async (registration = REGISTRATION) => {
    const departments = expectOk(await window.get('/api/departments'));
    const registered = expectOk(await window.post('/api/projects', registration));
    const leadDepartmentId = departments.find((d) => d.code === 'DRC')!.id;
    return expectOk(await leader.post(`/api/projects/${registered.id}/admission`, { leadDepartmentId, participatingDepartmentIds: [] }));
  };
  const checklist = async (registration = REGISTRATION) => {
    const project = await drcProject(registration);
    const itemId = project.items[0]!.id;
    const material = expectOk(await window.post(`/api/items/${itemId}/materials`, { name: '项目申请报告', kind: 'main', copies: 1 }));
    return { projectId: project.id, itemId, materialId: material.id };
  };
  return {
    checklist: () => checklist(),
    async requestedMaterial() {
      const { projectId, itemId } = await checklist();
      expectOk(await window.post(`/api/projects/${projectId}/one-time-notification`, { fees: '不收费。' }));
      return expectOk(
        await window.post(`/api/items/${itemId}/materials`, { name: '节能评估报告', kind: 'secondary', copies: 1, reason: '审批必需' }),
      ).id;
    },
    async receipt() {
      const project = await drcProject();
      const issued = expectOk(await window.post(`/api/projects/${project.id}/receipts`, RECEIPT));
      if (!issued.accessCode) throw new Error("R1: a project's first receipt shows its access code");
      return { id: issued.notice.id, projectCode: project.code, accessCode: issued.accessCode };
    },
    async approvedItem() {
      const itemId = (await drcProject()).items[0]!.id;
      await mainMaterialReceived(window, itemId);
      expectOk(await window.post(`/api/items/${itemId}/acceptance`));
      expectOk(await liaisonDrc.post(`/api/items/${itemId}/decision`, { outcome: 'approved' }));
      return itemId;
    },
    async megaProject(materialsComplete) {
      const mega: RegisterProjectRequest = {
        ...REGISTRATION,
        totalInvestment: { amount: '1500000000.00', currency: 'CNY' },
        reportToHigherAuthority: true,
      };
      const { projectId, materialId } = await checklist(mega);
      if (materialsComplete) expectOk(await window.post(`/api/materials/${materialId}/received`, { received: 1 }));
      return projectId;
    },
  };
}
