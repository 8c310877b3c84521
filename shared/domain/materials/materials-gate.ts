import type { MaterialsGate, MaterialView, MissingMaterial } from '../../contracts/paper-trail';

export type GateMaterial = Pick<MaterialView, 'id' | 'name' | 'kind' | 'copies' | 'received' | 'status'>;

/** Only materials on the checklist count: one asked for later counts once a leader approved it (R7). */
export function missingMaterials(materials: readonly GateMaterial[]): MissingMaterial[] {
  return materials
    .filter((m) => m.status === 'required' && m.received < m.copies)
    .map((m) => ({ id: m.id, name: m.name, kind: m.kind, copiesMissing: m.copies - m.received }));
}

/**
 * R8 Decision: "main materials complete" needs a checklist listing at least one required main
 * material, every one received. An empty checklist (or one with secondary materials only) is not
 * complete: nothing was checked. Acceptance, deemed consent (only an accepted item runs) and
 * permits all go through this one function.
 */
export function mainMaterialsComplete(materials: readonly GateMaterial[]): boolean {
  const main = materials.filter((m) => m.status === 'required' && m.kind === 'main');
  return main.length > 0 && main.every((m) => m.received >= m.copies);
}

/**
 * R8 (边办、边补、边改): with the main materials complete an item may be accepted while secondary
 * ones are missing; no permit while anything required is missing.
 */
export function materialsGate(materials: readonly GateMaterial[]): MaterialsGate {
  const missing = missingMaterials(materials);
  const missingMain = missing.filter((m) => m.kind === 'main');
  const missingSecondary = missing.filter((m) => m.kind === 'secondary');
  const mayAccept = mainMaterialsComplete(materials);
  return { missingMain, missingSecondary, mayAccept, mayIssuePermit: mayAccept && missing.length === 0 };
}

/**
 * R6: a project's materials are complete (申报材料齐备) when it has a checklist and nothing
 * required is missing. An empty checklist is not "complete": nothing was checked.
 */
export function materialsComplete(materials: readonly GateMaterial[]): boolean {
  return materialsGate(materials).mayIssuePermit;
}

/** "名称（主件，缺 2 份）" lines, for refusals that must name what is missing (R8). */
export function describeMissing(missing: readonly MissingMaterial[]): string {
  return missing.map((m) => `${m.name}（${m.kind === 'main' ? '主件' : '辅件'}，缺 ${m.copiesMissing} 份）`).join('；');
}
