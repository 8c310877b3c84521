import { acceptItem, admittedProject, eventually, mainMaterialReceived, REGISTRATION, withHub, problem, fieldErrors } from './test-hub';

/** Extensions (R12), force-majeure delays (R13) and written explanations (R16) against the engine (R14). */
describe('deadline holds: extension, delay, written explanation (real PostgreSQL, two engines)', () => {
  const hub = withHub({
    instances: 2,
    watch: true,
    people: { window: 'window', leader: ['leader', 1], drc: 'liaison-drc', nrp: ['liaison-nrp', 1] },
  });
  const { sql, entries } = hub;
  const { window, leader, drc, nrp } = hub.people;
  const hubNow = () => hub.now();
  const advanceTo = (instant: string | Date, plusMs: number) => hub.advanceTo(instant, plusMs);
  const item = async (id: string) =>
    (await sql.query('SELECT status, due_at, deadline_version FROM approval_items WHERE id = $1', [id])).rows[0];
  const settle = () => hub.quiesce(); // both engines have passed since the last change

  /** One running DRC item. */
  async function running(): Promise<{ id: string; dueAt: string; projectId: string }> {
    const { project } = await admittedProject(window, leader, ['DRC']);
    const accepted = (await acceptItem(window, project.items[0].id)).body;
    return { id: accepted.id, dueAt: accepted.dueAt!, projectId: project.id };
  }
  const plusDays = (iso: string, days: number) => new Date(new Date(iso).getTime() + days * 86_400_000).toISOString();

  it('R12: only a leader extends, with a reason; the card records before and after; the old due instant fires nothing', async () => {
    const it = await running();
    const newDueAt = plusDays(it.dueAt, 2);
    for (const outsider of [window, drc, nrp]) {
      expect((await outsider.post(`/api/items/${it.id}/extension`, { newDueAt, reason: '技术论证' })).status).toBe(403);
    }
    const noReason = await leader.send('POST', `/api/items/${it.id}/extension`, { newDueAt });
    expect(noReason.status).toBe(400);
    expect(fieldErrors(noReason)[0]!.field).toBe('reason');
    const earlier = await leader.post(`/api/items/${it.id}/extension`, { newDueAt: plusDays(it.dueAt, -1), reason: 'x' });
    expect(fieldErrors(earlier)[0]!.field).toBe('newDueAt');

    const extended = await leader.post(`/api/items/${it.id}/extension`, { newDueAt, reason: '需组织专家论证' });
    expect(extended.status).toBe(200);
    expect(extended.body).toMatchObject({ dueAt: newDueAt, deadlineVersion: 2, status: 'in_review' });
    const entry = await eventually(() =>
      entries.find((e) => e.action === 'item.extended' && e.after.kind === 'item' && e.after.item.id === it.id),
    );
    expect(entry.detail).toMatchObject({ reason: '需组织专家论证', previousDueAt: it.dueAt, dueAt: newDueAt });
    expect(entry.before).toMatchObject({ kind: 'item', item: { dueAt: it.dueAt } });

    await advanceTo(it.dueAt, 1000);
    await settle();
    expect((await item(it.id)).status).toBe('in_review');
    // …and the new due instant fires like any other, exactly once under the new version.
    await advanceTo(newDueAt, 1000);
    await eventually(async () => ((await item(it.id)).status === 'deemed_consent' ? true : undefined));
    expect((await sql.query('SELECT deadline_version, cause FROM deemed_consents WHERE item_id = $1', [it.id])).rows).toEqual([
      { deadline_version: 2, cause: 'timeout' },
    ]);
    // Decided: no extension any more.
    expect((await leader.post(`/api/items/${it.id}/extension`, { newDueAt: plusDays(newDueAt, 5), reason: 'x' })).status).toBe(409);
  });

  it('R13: the window records a numbered Delayed Approval Notice; no deemed consent arises from that delay', async () => {
    const it = await running();
    const newDueAt = plusDays(it.dueAt, 3);
    expect((await leader.post(`/api/items/${it.id}/delay`, { cause: 'natural_disaster', description: '台风', newDueAt })).status).toBe(403);
    const bad = await window.send('POST', `/api/items/${it.id}/delay`, { cause: 'bad_luck', description: '', newDueAt });
    expect(
      fieldErrors(bad)
        .map((e) => e.field)
        .sort(),
    ).toEqual(['cause', 'description']);
    const now = await hubNow();
    const outage = {
      outageFrom: new Date(now.getTime() - 6 * 3_600_000).toISOString(),
      outageTo: new Date(now.getTime() - 60_000).toISOString(),
    };
    const delayed = await window.post(`/api/items/${it.id}/delay`, {
      cause: 'network_outage',
      description: '政务外网中断 6 小时',
      newDueAt,
      ...outage,
    });
    expect(delayed.status).toBe(200);
    const entry = await eventually(() =>
      entries.find((e) => e.action === 'item.delayed' && e.after.kind === 'item' && e.after.item.id === it.id),
    );
    expect(entry.detail).toMatchObject({
      delayCause: 'network_outage',
      previousDueAt: it.dueAt,
      dueAt: newDueAt,
      outageFrom: outage.outageFrom,
      outageTo: outage.outageTo,
    });
    expect(entry.detail['noticeNumber']).toMatch(/^绿通延时〔\d{4}〕\d+号$/);
    const notice = (await sql.query(`SELECT content FROM notices WHERE kind = 'delayed_approval' AND item_id = $1`, [it.id])).rows;
    expect(notice[0].content).toMatchObject({ title: '延时审批通知书', cause: 'network_outage', newDueAt });

    await advanceTo(it.dueAt, 60_000);
    await settle();
    expect((await item(it.id)).status).toBe('in_review');
    expect(
      (await sql.query('SELECT count(*)::int AS n FROM deadline_changes WHERE item_id = $1 AND kind = $2', [it.id, 'delay'])).rows[0].n,
    ).toBe(1);
  });

  it('R16 R17: a pending written explanation holds the timeout; rejected after the deadline, deemed consent applies at once, its notice naming that cause and the due instant', async () => {
    const it = await running();
    expect((await nrp.post(`/api/items/${it.id}/explanations`, { text: 'x' })).status).toBe(403); // R2: not its item
    const filed = await drc.post(`/api/items/${it.id}/explanations`, { text: '等待省厅批复，申请延期' });
    expect(filed.status).toBe(201);
    expect((await drc.post(`/api/items/${it.id}/explanations`, { text: 'again' })).status).toBe(409); // one pending at a time
    const view = (await leader.get(`/api/projects/${it.projectId}`)).body.items[0];
    expect(view.pendingExplanation).toMatchObject({ id: filed.body.id, text: '等待省厅批复，申请延期' });

    await advanceTo(it.dueAt, 5000);
    await settle();
    expect((await item(it.id)).status).toBe('in_review'); // both engines wait for the ruling

    expect((await drc.post(`/api/explanations/${filed.body.id}/ruling`, { ruling: 'rejected' })).status).toBe(403);
    const ruled = await leader.post(`/api/explanations/${filed.body.id}/ruling`, { ruling: 'rejected', note: '理由不成立' });
    expect(ruled.status).toBe(200);
    expect(ruled.body).toMatchObject({ status: 'rejected', note: '理由不成立' });
    const after = await item(it.id);
    expect(after.status).toBe('deemed_consent');
    // R17 Decision: cause "explanation rejected", effective at the due instant (the legal instant), not at the ruling.
    const rows = (
      await sql.query('SELECT cause, due_at = $2::timestamptz AS at_due FROM deemed_consents WHERE item_id = $1', [it.id, it.dueAt])
    ).rows;
    expect(rows).toEqual([{ cause: 'explanation_rejected', at_due: true }]);
    const notice = (await sql.query(`SELECT content FROM notices WHERE item_id = $1 AND kind = 'timeout_implied_consent'`, [it.id])).rows[0]
      .content;
    expect(notice).toMatchObject({
      cause: 'explanation_rejected',
      dueAt: it.dueAt,
      effectiveAt: it.dueAt,
      explanationFiledAt: filed.body.filedAt,
    });
    expect((await leader.post(`/api/explanations/${filed.body.id}/ruling`, { ruling: 'accepted' })).status).toBe(409);
  });

  it('R16 R12: accepted, the leader sets the new due instant; the engine then fires at that one', async () => {
    const it = await running();
    const filed = (await drc.post(`/api/items/${it.id}/explanations`, { text: '需补充勘测' })).body;
    await advanceTo(it.dueAt, 5000);
    await settle();
    const noDue = await leader.post(`/api/explanations/${filed.id}/ruling`, { ruling: 'accepted' });
    expect(noDue.status).toBe(400);
    expect(fieldErrors(noDue)[0]!.field).toBe('newDueAt');
    const newDueAt = plusDays(it.dueAt, 2);
    const accepted = await leader.post(`/api/explanations/${filed.id}/ruling`, { ruling: 'accepted', newDueAt });
    expect(accepted.status).toBe(200);
    expect(await item(it.id)).toMatchObject({ status: 'in_review', deadline_version: 2 });
    expect((await sql.query(`SELECT kind, explanation_id FROM deadline_changes WHERE item_id = $1`, [it.id])).rows).toEqual([
      { kind: 'explanation_accepted', explanation_id: filed.id },
    ]);
    await advanceTo(newDueAt, 500);
    await eventually(async () => ((await item(it.id)).status === 'deemed_consent' ? true : undefined));
  });

  it('R16: an explanation after the deadline is refused: consent is already deemed', async () => {
    const it = await running();
    await advanceTo(it.dueAt, 10);
    const late = await drc.post(`/api/items/${it.id}/explanations`, { text: '迟到的说明' });
    expect(late.status).toBe(409);
  });

  it('R16 R14: explanations filed while both engines race over the due instant: either the hold wins or the consent, never both', async () => {
    const items = await Promise.all(Array.from({ length: 4 }, () => running()));
    const due = items.map((i) => new Date(i.dueAt).getTime()).reduce((a, b) => Math.max(a, b));
    await advanceTo(new Date(due), -150);
    // Half filed at once (just before the due instant), half the moment the hub's clock reaches it,
    // while both engines wake to fire: the race is there however fast or slow the machine is.
    const file = (n: number) => drc.post(`/api/items/${items[n]!.id}/explanations`, { text: `说明${n}` });
    const early = Promise.all([file(0), file(1)]);
    await eventually(async () => ((await hubNow()).getTime() >= due ? true : undefined));
    const filed = [...(await early), ...(await Promise.all([file(2), file(3)]))];
    await settle();
    for (const [n, i] of items.entries()) {
      const state = await item(i.id);
      const consents = (await sql.query('SELECT count(*)::int AS n FROM deemed_consents WHERE item_id = $1', [i.id])).rows[0].n;
      if (filed[n]!.status === 201) {
        expect(state.status).toBe('in_review');
        expect(consents).toBe(0);
      } else {
        expect(filed[n]!.status).toBe(409);
        expect(state.status).toBe('deemed_consent');
        expect(consents).toBe(1);
      }
    }
  });

  /** Everything a refused request must leave as it was: the item, its card, its deadline changes and notices. */
  const snapshot = async (it: { id: string; projectId: string }) => ({
    item: await item(it.id),
    card: (await sql.query('SELECT count(*)::int AS n FROM card_entries WHERE project_id = $1', [it.projectId])).rows[0].n,
    changes: (await sql.query('SELECT count(*)::int AS n FROM deadline_changes WHERE item_id = $1', [it.id])).rows[0].n,
    notices: (await sql.query('SELECT count(*)::int AS n FROM notices WHERE item_id = $1', [it.id])).rows[0].n,
  });

  it('R12: an extension to 2099 is refused as problem+json naming R12 and newDueAt, and changes nothing', async () => {
    const it = await running();
    const before = await snapshot(it);
    const refused = await leader.post(`/api/items/${it.id}/extension`, { newDueAt: '2099-06-30T16:00:00.000Z', reason: '无限期' });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ rule: 'R12', errors: [{ field: 'newDueAt' }] });
    expect(problem(refused).detail).toContain('10 working days');
    expect(await snapshot(it)).toEqual(before);
  });

  it('R13: a delay to 2100 (beyond the calendar) and the cause "other" are refused, naming the field; nothing changes', async () => {
    const it = await running();
    const before = await snapshot(it);
    const far = await window.post(`/api/items/${it.id}/delay`, {
      cause: 'natural_disaster',
      description: '台风',
      newDueAt: '2100-01-04T16:00:00.000Z',
    });
    expect(far.status).toBe(400);
    // Refused at the edge, before any rule runs: no instant outside the calendar's years is accepted (R11).
    expect(far.body).toMatchObject({ errors: [{ field: 'newDueAt' }] });
    expect(fieldErrors(far)[0]!.message).toContain('2099');
    const other = await window.send('POST', `/api/items/${it.id}/delay`, {
      cause: 'other',
      description: '其他',
      newDueAt: plusDays(it.dueAt, 1),
    });
    expect(other.status).toBe(400);
    expect(fieldErrors(other)[0]!.field).toBe('cause');
    const noPeriod = await window.post(`/api/items/${it.id}/delay`, {
      cause: 'network_outage',
      description: '断网',
      newDueAt: plusDays(it.dueAt, 1),
    });
    expect(noPeriod.body).toMatchObject({ status: 400, rule: 'R13', errors: [{ field: 'outageFrom' }] });
    expect(await snapshot(it)).toEqual(before);
    // The board still loads for everyone (issue 10: a 2100 due instant blanked it).
    expect((await leader.get('/api/board')).status).toBe(200);
  });

  it('R12: all extensions of one item together add at most 10 working days; each issues a numbered 延期通知 to the applicant', async () => {
    const it = await running();
    // 7 calendar days later is 5 working days later (whatever the weekday, outside holidays: checked by the domain tests).
    const first = await leader.post(`/api/items/${it.id}/extension`, { newDueAt: plusDays(it.dueAt, 7), reason: '专家论证' });
    expect(first.status).toBe(200);
    const used = (await sql.query('SELECT added_working_days FROM deadline_changes WHERE item_id = $1', [it.id])).rows[0]
      .added_working_days;
    expect(used).toBeGreaterThan(0);
    const notice = (await sql.query(`SELECT number, content FROM notices WHERE kind = 'extension_notice' AND item_id = $1`, [it.id])).rows;
    expect(notice).toHaveLength(1);
    expect(notice[0].number).toMatch(/^绿通延期〔\d{4}〕\d+号$/);
    expect(notice[0].content).toMatchObject({
      title: '延期通知',
      reason: '专家论证',
      previousDueAt: it.dueAt,
      addedWorkingDays: used,
      limitWorkingDays: 10,
    });
    const entry = await eventually(() =>
      entries.find((e) => e.action === 'item.extended' && e.after.kind === 'item' && e.after.item.id === it.id),
    );
    expect(entry.detail['noticeNumber']).toBe(notice[0].number);

    const current = { id: it.id, projectId: it.projectId };
    const before = await snapshot(current);
    const tooMuch = await leader.post(`/api/items/${it.id}/extension`, { newDueAt: plusDays(first.body.dueAt!, 14), reason: '再延' });
    expect(tooMuch.status).toBe(400);
    expect(tooMuch.body).toMatchObject({ rule: 'R12', errors: [{ field: 'newDueAt' }] });
    expect(await snapshot(current)).toEqual(before);
  });

  it('R16: a meeting excuse does not hold the timeout; the item is deemed at its due instant while the excuse awaits its ruling', async () => {
    const { project, departmentId } = await admittedProject(window, leader, ['DRC', 'NRP']);
    const nrpItem = project.items.find((i) => i.departmentId === departmentId('NRP'))!;
    const accepted = (await acceptItem(window, nrpItem.id)).body;
    const startsAt = new Date((await hubNow()).getTime() + 10 * 60_000).toISOString();
    const meeting = await drc.post(`/api/projects/${project.id}/meetings`, {
      kind: 'coordination',
      title: '协调会',
      startsAt,
      online: true,
    });
    expect(meeting.status).toBe(201);
    const excuse = await nrp.post(`/api/items/${nrpItem.id}/explanations`, { text: '出差，无法参会', meetingId: meeting.body.id });
    expect(excuse.status).toBe(201);
    expect(excuse.body).toMatchObject({ kind: 'meeting_excuse', meetingId: meeting.body.id, status: 'pending' });
    await advanceTo(accepted.dueAt!, 1000);
    await eventually(async () => ((await item(nrpItem.id)).status === 'deemed_consent' ? true : undefined));
    const rows = (
      await sql.query('SELECT cause, due_at = $2::timestamptz AS at_due FROM deemed_consents WHERE item_id = $1', [
        nrpItem.id,
        accepted.dueAt,
      ])
    ).rows;
    expect(rows).toEqual([{ cause: 'timeout', at_due: true }]);
  });

  it('R16: every leader is alerted at filing; an unruled explanation escalates exactly once across two instances and never decides', async () => {
    const it = await running();
    const filed = await drc.post(`/api/items/${it.id}/explanations`, { text: '等待上级批复' });
    expect(filed.status).toBe(201);
    expect(filed.body.kind).toBe('deadline');
    const rulingDueAt = filed.body.rulingDueAt as string;
    expect(new Date(rulingDueAt).getTime()).toBeLessThan(new Date(it.dueAt).getTime()); // 1 working day after filing
    const inbox = async () =>
      (await leader.get('/api/alerts')).body.alerts.filter((a: { explanationId: string | null }) => a.explanationId === filed.body.id);
    expect((await inbox()).map((a) => a.kind)).toEqual(['explanation_filed']);
    expect((await leader.get(`/api/projects/${it.projectId}`)).body.items[0].pendingExplanation).toMatchObject({
      kind: 'deadline',
      rulingDueAt,
    });

    await advanceTo(rulingDueAt, 1000);
    const escalation = await eventually(() =>
      entries.find((e) => e.action === 'explanation.ruling_overdue' && e.detail['explanationId'] === filed.body.id),
    );
    expect(escalation.detail['rulingDueAt']).toBe(rulingDueAt);
    await advanceTo(rulingDueAt, 3000); // both engines sweep again
    await eventually(async () =>
      (await sql.query(`SELECT ruling_escalated_at FROM written_explanations WHERE id = $1`, [filed.body.id])).rows[0].ruling_escalated_at
        ? true
        : undefined,
    );
    const cardRows = (
      await sql.query(
        `SELECT count(*)::int AS n FROM card_entries WHERE action = 'explanation.ruling_overdue' AND detail->>'explanationId' = $1`,
        [filed.body.id],
      )
    ).rows[0].n;
    expect(cardRows).toBe(1);
    const leaders = (await sql.query(`SELECT count(*)::int AS n FROM users WHERE role = 'leader'`)).rows[0].n;
    expect(
      (await sql.query(`SELECT count(*)::int AS n FROM alerts WHERE kind = 'ruling_overdue' AND explanation_id = $1`, [filed.body.id]))
        .rows[0].n,
    ).toBe(leaders);
    expect((await inbox()).map((a) => a.kind).sort()).toEqual(['explanation_filed', 'ruling_overdue']);
    // It never decides for the leader: still pending, still holding R14 past the item's due instant.
    await advanceTo(it.dueAt, 2000);
    expect((await sql.query(`SELECT status FROM written_explanations WHERE id = $1`, [filed.body.id])).rows[0].status).toBe('pending');
    expect((await item(it.id)).status).toBe('in_review');
  });

  it('R13 R17: an outage delay recorded after the outage undoes a deemed consent that fired inside it, by a correction notice citing it', async () => {
    const it = await running();
    await advanceTo(it.dueAt, 2000);
    await eventually(async () => ((await item(it.id)).status === 'deemed_consent' ? true : undefined));
    const deemed = (
      await sql.query(`SELECT n.id, n.number FROM deemed_consents d JOIN notices n ON n.id = d.notice_id WHERE d.item_id = $1`, [it.id])
    ).rows[0];
    const outageFrom = plusDays(it.dueAt, -0.25);
    const outageTo = new Date(new Date(it.dueAt).getTime() + 3_600_000).toISOString();
    const newDueAt = plusDays((await hubNow()).toISOString(), 2);
    const delayed = await window.post(`/api/items/${it.id}/delay`, {
      cause: 'network_outage',
      description: '政务外网中断',
      newDueAt,
      outageFrom,
      outageTo,
    });
    expect(delayed.status).toBe(200);
    expect(delayed.body).toMatchObject({ status: 'in_review', dueAt: newDueAt, noticeNumber: null });
    const correction = (
      await sql.query(`SELECT number, corrects_id, content FROM notices WHERE kind = 'correction_notice' AND item_id = $1`, [it.id])
    ).rows;
    expect(correction).toHaveLength(1);
    expect(correction[0]).toMatchObject({
      corrects_id: deemed.id,
      content: { corrected: { number: deemed.number }, corrects: { number: deemed.number } },
    });
    expect((await sql.query(`SELECT count(*)::int AS n FROM deemed_consent_corrections WHERE item_id = $1`, [it.id])).rows[0].n).toBe(1);
    const corrected = await eventually(() =>
      entries.find((e) => e.action === 'item.deemed_consent_corrected' && e.after.kind === 'item' && e.after.item.id === it.id),
    );
    expect(corrected.detail).toMatchObject({ corrects: deemed.number, noticeNumber: correction[0].number });
    // The reopened item runs again and fires at its new due instant, exactly once under its new version.
    await advanceTo(newDueAt, 1000);
    await eventually(async () => ((await item(it.id)).status === 'deemed_consent' ? true : undefined));
    expect((await sql.query('SELECT count(*)::int AS n FROM deemed_consents WHERE item_id = $1', [it.id])).rows[0].n).toBe(2);
  });

  it('R13: an outage delay recorded more than 1 working day after the outage is refused and changes nothing', async () => {
    const it = await running();
    const now = await hubNow();
    const before = await snapshot(it);
    const late = await window.post(`/api/items/${it.id}/delay`, {
      cause: 'network_outage',
      description: '上周断网',
      newDueAt: plusDays(it.dueAt, 1),
      outageFrom: plusDays(now.toISOString(), -9),
      outageTo: plusDays(now.toISOString(), -8),
    });
    expect(late.body).toMatchObject({ status: 400, rule: 'R13', errors: [{ field: 'outageTo' }] });
    expect(await snapshot(it)).toEqual(before);
  });

  it('R6: a mega project past its forward deadline escalates exactly once across two instances (alert + card entry), never deemed consent', async () => {
    const departments = (await window.get('/api/departments')).body;
    const registered = await window.post('/api/projects', {
      ...REGISTRATION,
      name: '特大项目',
      totalInvestment: { amount: '1500000000.00', currency: 'CNY' },
      reportToHigherAuthority: true,
    });
    expect(registered.status).toBe(201);
    const drcId = departments.find((d) => d.code === 'DRC')!.id;
    const admitted = await leader.post(`/api/projects/${registered.body.id}/admission`, {
      leadDepartmentId: drcId,
      participatingDepartmentIds: [],
    });
    expect(admitted.status).toBe(200);
    await mainMaterialReceived(window, admitted.body.items[0].id); // materials complete: the forwarding clock starts
    const forwarding = await eventually(
      async () =>
        (await sql.query('SELECT due_at FROM mega_forwarding WHERE project_id = $1 AND due_at IS NOT NULL', [registered.body.id])).rows[0],
    );
    await advanceTo(forwarding.due_at, 1000);
    await eventually(() => entries.find((e) => e.action === 'mega.forwarding_escalated' && e.projectId === registered.body.id), 20_000);
    await advanceTo(forwarding.due_at, 3000); // both engines sweep again
    await settle();
    const escalations = (
      await sql.query(`SELECT count(*)::int AS n FROM card_entries WHERE project_id = $1 AND action = 'mega.forwarding_escalated'`, [
        registered.body.id,
      ])
    ).rows[0].n;
    expect(escalations).toBe(1);
    const windows = (await sql.query(`SELECT count(*)::int AS n FROM users WHERE role = 'window'`)).rows[0].n;
    expect(
      (await sql.query(`SELECT count(*)::int AS n FROM alerts WHERE kind = 'forwarding_overdue' AND project_id = $1`, [registered.body.id]))
        .rows[0].n,
    ).toBe(windows);
    expect(
      (await window.get('/api/alerts')).body.alerts.filter((a) => a.kind === 'forwarding_overdue' && a.projectId === registered.body.id),
    ).toHaveLength(1);
    expect(
      (
        await sql.query(
          `SELECT count(*)::int AS n FROM deemed_consents d JOIN approval_items i ON i.id = d.item_id WHERE i.project_id = $1`,
          [registered.body.id],
        )
      ).rows[0].n,
    ).toBe(0);
  });
});
