import fc from 'fast-check';
import { MATERIAL_KINDS, MATERIAL_STATUSES } from '../../contracts/paper-trail';
import {
  describeMissing,
  mainMaterialsComplete,
  materialsComplete,
  materialsGate,
  missingMaterials,
  type GateMaterial,
} from './materials-gate';

const m = (
  id: string,
  kind: GateMaterial['kind'],
  copies: number,
  received: number,
  status: GateMaterial['status'] = 'required',
): GateMaterial => ({
  id,
  name: `材料${id}`,
  kind,
  copies,
  received,
  status,
});

describe('materialsGate', () => {
  it('R8: main complete, a secondary missing: may accept, may not issue the permit, and names what is missing', () => {
    const gate = materialsGate([m('a', 'main', 2, 2), m('b', 'secondary', 1, 0)]);
    expect(gate.mayAccept).toBe(true);
    expect(gate.mayIssuePermit).toBe(false);
    expect(gate.missingMain).toEqual([]);
    expect(gate.missingSecondary).toEqual([{ id: 'b', name: '材料b', kind: 'secondary', copiesMissing: 1 }]);
  });

  it('R8: a main material short of copies blocks acceptance and permit alike', () => {
    const gate = materialsGate([m('a', 'main', 3, 1), m('b', 'secondary', 1, 1)]);
    expect(gate).toMatchObject({ mayAccept: false, mayIssuePermit: false });
    expect(gate.missingMain).toEqual([{ id: 'a', name: '材料a', kind: 'main', copiesMissing: 2 }]);
  });

  it('R8: everything received: accept and issue', () => {
    expect(materialsGate([m('a', 'main', 1, 1), m('b', 'secondary', 2, 2)])).toMatchObject({ mayAccept: true, mayIssuePermit: true });
  });

  it('R8: an empty checklist is not complete: no acceptance, no permit', () => {
    expect(materialsGate([])).toEqual({ missingMain: [], missingSecondary: [], mayAccept: false, mayIssuePermit: false });
    expect(mainMaterialsComplete([])).toBe(false);
  });

  it('R8: a checklist of secondary materials only lists no main material: not complete', () => {
    expect(materialsGate([m('b', 'secondary', 1, 1)])).toMatchObject({ mayAccept: false, mayIssuePermit: false });
  });

  it.each(['requested', 'refused'] as const)('R7/R8: a material %s (not approved by a leader) is not required', (status) => {
    const gate = materialsGate([m('r', 'main', 1, 1), m('a', 'main', 1, 0, status), m('b', 'secondary', 1, 0, status)]);
    expect(gate).toMatchObject({ mayAccept: true, mayIssuePermit: true });
    expect(materialsGate([m('a', 'main', 1, 0, status)])).toMatchObject({ mayAccept: false, mayIssuePermit: false });
  });

  it('R8: the gate agrees with the missing list for every checklist (property)', () => {
    const material = fc.record({
      id: fc.uuid(),
      name: fc.string({ minLength: 1 }),
      kind: fc.constantFrom(...MATERIAL_KINDS),
      copies: fc.integer({ min: 1, max: 9 }),
      received: fc.integer({ min: 0, max: 9 }),
      status: fc.constantFrom(...MATERIAL_STATUSES),
    });
    fc.assert(
      fc.property(fc.array(material, { maxLength: 12 }), (materials) => {
        const gate = materialsGate(materials);
        const required = materials.filter((x) => x.status === 'required');
        const main = required.filter((x) => x.kind === 'main');
        // may accept ⇔ at least one required main material, every one with all its copies
        expect(gate.mayAccept).toBe(main.length > 0 && main.every((x) => x.received >= x.copies));
        expect(gate.mayAccept).toBe(mainMaterialsComplete(materials));
        // may issue ⇔ may accept and every required material has all its copies
        expect(gate.mayIssuePermit).toBe(gate.mayAccept && required.every((x) => x.received >= x.copies));
        if (gate.mayIssuePermit) expect(gate.mayAccept).toBe(true);
        expect(gate.missingMain.length + gate.missingSecondary.length).toBe(missingMaterials(materials).length);
        for (const missing of [...gate.missingMain, ...gate.missingSecondary]) expect(missing.copiesMissing).toBeGreaterThan(0);
      }),
      { numRuns: 500 },
    );
  });
});

describe('materialsComplete', () => {
  it('R6/R8: complete only with a main material on the checklist and nothing missing', () => {
    expect(materialsComplete([])).toBe(false);
    expect(materialsComplete([m('a', 'main', 1, 0, 'requested')])).toBe(false);
    expect(materialsComplete([m('b', 'secondary', 1, 1)])).toBe(false);
    expect(materialsComplete([m('a', 'main', 1, 1)])).toBe(true);
    expect(materialsComplete([m('a', 'main', 1, 1), m('b', 'secondary', 1, 0)])).toBe(false);
    expect(materialsComplete([m('a', 'main', 1, 1), m('b', 'secondary', 1, 0, 'refused')])).toBe(true);
  });
});

describe('describeMissing', () => {
  it('R8: names each missing material, its kind and the copies missing', () => {
    const text = describeMissing(missingMaterials([m('a', 'main', 2, 0), m('b', 'secondary', 1, 0)]));
    expect(text).toBe('材料a（主件，缺 2 份）；材料b（辅件，缺 1 份）');
  });
});
