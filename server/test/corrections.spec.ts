import { runningProject } from './leaders-fixtures';
import { pdfPages } from './pdf-text';
import { withHub, eventually, advanceTo, hubNow } from './test-hub';

/**
 * R17 end to end: a deemed consent with a permit decision resting on it is revoked only after the
 * permit is corrected; the item returns to review, is decided again and takes a new permit.
 */
describe('corrections: a permit resting on a deemed consent is corrected first, then the consent revoked (R17, real PostgreSQL)', () => {
  const hub = withHub({ people: { window: 'window', leader: 'leader', admin: 'admin', drc: 'liaison-drc' } });
  const { sql } = hub;
  const { window, leader, admin, drc } = hub.people;

  const item = async (id: string) =>
    (await sql.query('SELECT status, due_at, deadline_version, notice_number FROM approval_items WHERE id = $1', [id])).rows[0];
  /** What a refusal must leave unchanged: documents, permits, revocations, the item and the card. */
  const footprint = async (itemId: string) => {
    const row = (
      await sql.query(
        `SELECT (SELECT count(*) FROM notices)::int AS notices, (SELECT count(*) FROM permits)::int AS permits,
                (SELECT count(*) FROM deemed_consent_revocations)::int AS revocations, (SELECT count(*) FROM card_entries)::int AS card`,
      )
    ).rows[0];
    return { ...row, item: await item(itemId) };
  };

  it('R17: revoking a deemed consent with a standing permit is refused naming the permit; once the permit is corrected, the revocation goes through and a new permit can follow a new decision', async () => {
    const { items } = await runningProject(window, leader, ['DRC'], '许可更正项目');
    const drcItem = items['DRC']!;
    await advanceTo(admin, new Date(drcItem.dueAt!), 1000);
    await eventually(async () => ((await item(drcItem.id)).status === 'deemed_consent' ? true : undefined));
    await hub.quiesce();
    const consent = (
      await sql.query(`SELECT id, number FROM notices WHERE item_id = $1 AND kind = 'timeout_implied_consent'`, [drcItem.id])
    ).rows[0];
    const permit = await window.post(`/api/items/${drcItem.id}/permit`);
    expect(permit.status).toBe(201);
    const newDueAt = new Date((await hubNow(leader)).getTime() + 2 * 86_400_000).toISOString();

    // The permit rests on the deemed consent: revocation is refused, naming R17, and changes nothing.
    const before = await footprint(drcItem.id);
    const refused = await leader.post(`/api/notices/${consent.id}/corrections`, { reason: '签到记录有误', newDueAt });
    expect(refused.status).toBe(409);
    expect(refused.type).toContain('application/problem+json');
    expect(refused.body).toMatchObject({
      rule: 'R17',
      errors: [{ field: 'notice', message: expect.stringContaining(permit.body.number) }],
    });
    expect(await footprint(drcItem.id)).toEqual(before);

    // The permit decision is corrected first (no due instant: it is not a deemed consent).
    const withDue = await leader.post(`/api/notices/${permit.body.id}/corrections`, { reason: '所依据的默许认定有误', newDueAt });
    expect(withDue.body).toMatchObject({ rule: 'R17', errors: [{ field: 'newDueAt' }] });
    const permitCorrection = await leader.post(`/api/notices/${permit.body.id}/corrections`, { reason: '所依据的默许认定有误' });
    expect(permitCorrection.status).toBe(201);
    expect(permitCorrection.body).toMatchObject({
      kind: 'correction_notice',
      corrects: { id: permit.body.id, number: permit.body.number },
    });
    expect((await leader.get(`/api/notices/${permit.body.id}`)).body.supersededBy).toEqual({
      id: permitCorrection.body.id,
      number: permitCorrection.body.number,
    });
    // R17: printed in English on request — title, cause in words, fixed labels; the Chinese stays the default.
    const pdfText = async (noticeId: string, query = '') => {
      const res = await fetch(`${hub.first.url}/api/notices/${noticeId}/pdf${query}`, { headers: { cookie: leader.cookie } });
      expect(res.status).toBe(200);
      return (await pdfPages(Buffer.from(await res.arrayBuffer()))).join('\n');
    };
    const consentEn = await pdfText(consent.id, '?lang=en');
    expect(consentEn).toContain('Timeout Implied Consent Notice');
    expect(consentEn).toContain('(cause: timeout)');
    expect(consentEn).toContain('the end of the promised time limit');
    expect(consentEn).toContain('Administrative Service Center');
    expect(await pdfText(consent.id)).toContain('超时默许通知书');
    const correctionEn = await pdfText(permitCorrection.body.id, '?lang=en');
    expect(correctionEn).toContain('Correction Notice');
    expect(correctionEn).toContain(`Administrative Permit Decision (${permit.body.number})`);
    expect(correctionEn).toContain('所依据的默许认定有误');
    const badLang = await leader.get(`/api/notices/${consent.id}/pdf?lang=fr`);
    expect(badLang.body).toMatchObject({ status: 400, rule: 'R17', errors: [{ field: 'lang' }] });

    // Once: a second correction of the permit is refused.
    expect((await leader.post(`/api/notices/${permit.body.id}/corrections`, { reason: '再次更正' })).body).toMatchObject({
      status: 409,
      rule: 'R17',
      errors: [{ field: 'notice' }],
    });

    // Now the deemed consent is revoked: back in review with the leader's due instant.
    const revoked = await leader.post(`/api/notices/${consent.id}/corrections`, { reason: '签到记录有误', newDueAt });
    expect(revoked.status).toBe(201);
    expect(await item(drcItem.id)).toMatchObject({ status: 'in_review', due_at: new Date(newDueAt), notice_number: null });
    const actions = (
      await sql.query(
        `SELECT action FROM card_entries WHERE project_id = (SELECT project_id FROM approval_items WHERE id = $1) ORDER BY seq`,
        [drcItem.id],
      )
    ).rows.map((r) => r.action);
    expect(actions.slice(-2)).toEqual(['document.corrected', 'item.consent_revoked']);

    // Decided again, the item takes a new permit; the corrected one stays readable, superseded.
    expect((await drc.post(`/api/items/${drcItem.id}/decision`, { outcome: 'approved' })).status).toBe(200);
    const second = await window.post(`/api/items/${drcItem.id}/permit`);
    expect(second.status).toBe(201);
    expect(second.body.number).not.toBe(permit.body.number);
    expect((await window.post(`/api/items/${drcItem.id}/permit`)).status).toBe(409);
    expect((await sql.query('SELECT count(*)::int AS n FROM permits WHERE item_id = $1', [drcItem.id])).rows[0].n).toBe(2);
  });
});
