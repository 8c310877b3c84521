import { Injectable } from '@nestjs/common';
import {
  describeMissing,
  lifeActionError,
  lifeOf,
  materialsGate,
  permitMayFollow,
  type NoticeSummary,
  type PermitContent,
  type SessionUser,
} from '@hub/shared';
import { authorize } from '../common/authorize';
import { conflict, notFound, refuse, refusedBy } from '../common/problem';
import { HAS_STANDING_PERMIT } from '../notices/standing-permit';
import { Database } from '../database/database';
import { HubClock } from '../database/hub-clock';
import { MaterialsService } from '../materials/materials.service';
import { ProjectSteps } from '../card/project-steps';
import { ProjectCompletions } from '../projects/project-completions';

/** The approval seal the permit decision carries (加盖行政审批专用章, 第二篇 二(六)). */
export const APPROVAL_SEAL = '行政审批专用章';

/**
 * R17: the window issues the permit decision with the approval seal record — for a deemed-consent
 * item as the rules require, and for an approved one — subject to R8: refused, naming what is
 * missing, until every required material is in.
 */
@Injectable()
export class PermitsService {
  constructor(
    private readonly db: Database,
    private readonly clock: HubClock,
    private readonly steps: ProjectSteps,
    private readonly materials: MaterialsService,
    private readonly completions: ProjectCompletions,
  ) {}

  async issue(user: SessionUser, itemId: string): Promise<NoticeSummary> {
    authorize(user, 'permit.issue');
    return this.db.transaction(async (tx) => {
      const [found] = await this.materials.itemRefs(tx, { itemId });
      if (!found) throw notFound('Approval item');
      const before = await this.steps.lock(tx, found.projectId);
      // R4a: no permit for a withdrawn project (the lock orders this against a withdrawal: one wins).
      const life = lifeActionError(lifeOf(before), 'issue_permit');
      if (life) refuse(life);
      const [item] = await this.materials.itemRefs(tx, { itemId }); // as it is now that the project is locked
      if (!permitMayFollow(item!.status)) {
        throw conflict(`A permit follows approval or deemed consent; this item is ${item!.status}`, 'item.not_in_review');
      }
      if (await tx.one(HAS_STANDING_PERMIT, [itemId]))
        throw conflict('The permit for this item is already issued', 'permit.already_issued');
      const materials = await this.materials.materials(tx, { itemId });
      const gate = materialsGate(materials);
      if (!gate.mayIssuePermit) {
        const missing = describeMissing([...gate.missingMain, ...gate.missingSecondary]);
        throw missing
          ? refusedBy('R8', 'materials', `No permit while materials are missing (R8): ${missing}`, true, 'materials.incomplete', {
              missing,
            })
          : refusedBy('R8', 'materials', 'No permit: the checklist lists no main material (R8)', true, 'materials.checklist_missing');
      }
      const now = await this.clock.now(tx);
      const content: PermitContent = {
        decision: item!.status,
        consentNotice: item!.status === 'deemed_consent' ? item!.noticeNumber : null,
        materials: materials.filter((m) => m.status === 'required').map((m) => ({ name: m.name, copies: m.copies })),
        seal: { name: APPROVAL_SEAL, sealedBy: user.displayName, sealedAt: now.toISOString() },
      };
      const notice = await this.materials.issueDocument(
        tx,
        user,
        before,
        { kind: 'permit_decision', itemId, content: { ...content }, corrects: null },
        {
          department: item!.departmentName,
          seal: APPROVAL_SEAL,
        },
      );
      await tx.query('INSERT INTO permits (item_id, notice_id) VALUES ($1, $2)', [itemId, notice.id]);
      await this.completions.recordIfDone(tx, found.projectId, user); // R4a: the last permit completes the project
      return notice;
    });
  }
}
