import { Client } from 'pg';
import type { CardEntry, CheckpointVerification } from '@hub/shared';
import { entryHash, toEntry } from '../src/card/card.service';
import { GENESIS_HASH } from '../src/card/hash-chain';
import { RECEIPT } from './paper-fixtures';
import { acceptItem, admittedProject, withHub, eventually, rewriteNotice, tamper } from './test-hub';

/** An attacker who knows the hash formula: edits one entry and recomputes every later hash of the card. */
async function rechain(
  sql: Client,
  projectId: string,
  seq: number,
  detail: Record<string, string>,
): Promise<{ seq: number; hash: string }> {
  const entries: CardEntry[] = (await sql.query('SELECT * FROM card_entries WHERE project_id = $1 ORDER BY seq', [projectId])).rows.map(
    toEntry,
  );
  let prevHash = entries[seq - 2]?.hash ?? GENESIS_HASH;
  const statements: [string, unknown[]][] = [];
  for (const { hash: stored, ...entry } of entries.slice(seq - 1)) {
    const unsigned = { ...entry, prevHash, ...(entry.seq === seq ? { detail } : {}) };
    const hash = entryHash(unsigned);
    expect(hash).not.toBe(stored);
    statements.push([
      'UPDATE card_entries SET detail = $3, prev_hash = $4, hash = $5 WHERE project_id = $1 AND seq = $2',
      [projectId, entry.seq, JSON.stringify(unsigned.detail), prevHash, hash],
    ]);
    prevHash = hash;
  }
  await tamper(sql, statements);
  return { seq: entries.length, hash: prevHash };
}

describe('tracking card: append-only hash chain (real PostgreSQL)', () => {
  const hub = withHub({ people: { window: 'window', leader: 'leader' } });
  const { sql } = hub;
  const { window, leader } = hub.people;

  const lastSeq = async (projectId: string): Promise<number> =>
    (await sql.query<{ seq: number }>('SELECT max(seq) AS seq FROM card_entries WHERE project_id = $1', [projectId])).rows[0]!.seq;

  async function projectWithSteps() {
    const { project } = await admittedProject(window, leader, ['DRC', 'NRP']);
    for (const item of project.items) await acceptItem(window, item.id);
    return project.id as string;
  }

  // First: it moves the hub clock, so no card a later test tampers with is still running then.
  it('R5 R14 R17: a deemed consent fired by the engine cites its notice with the content hash, and the card verifies', async () => {
    const admin = await hub.login('admin');
    const { project } = await admittedProject(window, leader, ['DRC']);
    const accepted = (await acceptItem(window, project.items[0].id)).body;
    const now = (await leader.get('/api/board')).body.serverNow;
    await admin.post('/api/test/clock', { advanceMs: new Date(accepted.dueAt!).getTime() - new Date(now).getTime() + 1000 });
    const deemed = await eventually(async () =>
      (await leader.get(`/api/projects/${project.id}/card`)).body.find((e) => e.action === 'item.deemed_consent'),
    );
    const notice = (
      await sql.query(`SELECT id, number, content_hash FROM notices WHERE project_id = $1 AND kind = 'timeout_implied_consent'`, [
        project.id,
      ])
    ).rows[0];
    expect(deemed.notices).toEqual([{ id: notice.id, number: notice.number, contentHash: notice.content_hash }]);
    expect((await leader.get(`/api/projects/${project.id}/card/verification`)).body).toMatchObject({ valid: true });
  });

  it('R5: every step is on the card with who, when, what, and the state before and after', async () => {
    const id = await projectWithSteps();
    const card = (await leader.get(`/api/projects/${id}/card`)).body;
    // R8: each item's main material is listed and received before it is accepted.
    const steps = ['material.required', 'material.received', 'item.accepted'];
    expect(card.map((e) => e.action)).toEqual(['project.registered', 'project.admitted', ...steps, ...steps]);
    expect(card.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(card[1]).toMatchObject({
      actor: { role: 'leader', displayName: '王主任' },
      before: { kind: 'project', project: { status: 'registered' } },
      after: { kind: 'project', project: { status: 'in_channel' } },
    });
    expect(card[4]).toMatchObject({ before: { item: { status: 'awaiting_acceptance' } }, after: { item: { status: 'in_review' } } });
    const positions = card.map((e) => e.position);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('R5: an untouched card verifies', async () => {
    const id = await projectWithSteps();
    const verification = (await leader.get(`/api/projects/${id}/card/verification`)).body;
    // 2 project steps, then per item: material listed, received, accepted (R8).
    expect(verification).toMatchObject({ valid: true, entries: 8 });
    expect(verification.head).toMatch(/^[0-9a-f]{64}$/);
  });

  it('R5: the database refuses UPDATE and DELETE of card entries', async () => {
    const id = await projectWithSteps();
    await expect(sql.query(`UPDATE card_entries SET action = 'item.approved' WHERE project_id = $1`, [id])).rejects.toThrow(/append-only/);
    await expect(sql.query(`DELETE FROM card_entries WHERE project_id = $1`, [id])).rejects.toThrow(/append-only/);
  });

  it('R5: verification fails after a row is altered directly in SQL, naming the entry', async () => {
    const id = await projectWithSteps();
    await sql.query('ALTER TABLE card_entries DISABLE TRIGGER card_entries_append_only');
    await sql.query(`UPDATE card_entries SET detail = '{"sealNumber":"forged"}' WHERE project_id = $1 AND seq = 2`, [id]);
    await sql.query('ALTER TABLE card_entries ENABLE TRIGGER card_entries_append_only');
    const verification = (await leader.get(`/api/projects/${id}/card/verification`)).body;
    expect(verification).toMatchObject({ valid: false, brokenAt: 2 });
  });

  it('R5: verification fails when two entries are swapped (reordered)', async () => {
    const id = await projectWithSteps();
    await sql.query('ALTER TABLE card_entries DISABLE TRIGGER card_entries_append_only');
    // (project_id, seq) is unique, so swap through a free number.
    for (const [from, to] of [
      [3, 1000],
      [4, 3],
      [1000, 4],
    ]) {
      await sql.query(`UPDATE card_entries SET seq = $3 WHERE project_id = $1 AND seq = $2`, [id, from, to]);
    }
    await sql.query('ALTER TABLE card_entries ENABLE TRIGGER card_entries_append_only');
    expect((await leader.get(`/api/projects/${id}/card/verification`)).body).toMatchObject({ valid: false, brokenAt: 3 });
  });

  it('R5: verification fails when the last entry is deleted (the chain left is intact, its recorded head is not)', async () => {
    const id = await projectWithSteps();
    const last = await lastSeq(id);
    await tamper(sql, [['DELETE FROM card_entries WHERE project_id = $1 AND seq = $2', [id, last]]]);
    expect((await leader.get(`/api/projects/${id}/card/verification`)).body).toMatchObject({
      valid: false,
      entries: last - 1,
      brokenAt: last,
      problem: 'head',
    });
  });

  it('R5: verification fails for a re-chained card — an entry edited and every later hash recomputed', async () => {
    const id = await projectWithSteps();
    await rechain(sql, id, 2, { sealNumber: 'forged' });
    const last = await lastSeq(id);
    expect((await leader.get(`/api/projects/${id}/card/verification`)).body).toMatchObject({
      valid: false,
      entries: last,
      brokenAt: last,
      problem: 'head',
    });
  });

  it('R5 R17: each notice is cited with its content hash by the card entry of the step that issued it', async () => {
    const { project } = await admittedProject(window, leader, ['DRC']);
    const receipt = (await window.post(`/api/projects/${project.id}/receipts`, RECEIPT)).body.notice;
    const card: CardEntry[] = (await leader.get(`/api/projects/${project.id}/card`)).body;
    const stored = (await sql.query('SELECT content_hash FROM notices WHERE id = $1', [receipt.id])).rows[0];
    expect(card.filter((e) => e.notices)).toEqual([
      expect.objectContaining({
        action: 'document.issued',
        notices: [{ id: receipt.id, number: receipt.number, contentHash: stored.content_hash }],
      }),
    ]);
    expect((await leader.get(`/api/projects/${project.id}/card/verification`)).body).toMatchObject({ valid: true });
  });

  it("R5 R17: a notice rewritten together with its stored hash fails its card's verification, naming the entry and the notice", async () => {
    const { project } = await admittedProject(window, leader, ['DRC']);
    const receipt = (await window.post(`/api/projects/${project.id}/receipts`, RECEIPT)).body.notice;
    const issuedAt = (await leader.get(`/api/projects/${project.id}/card`)).body.find((e) => e.notices?.[0]?.id === receipt.id)!.seq;
    await rewriteNotice(sql, receipt.id);
    // The notice's own hash now agrees with its forged content: only the card still knows what was issued.
    expect((await window.get(`/api/notices/${receipt.id}`)).body.hashValid).toBe(true);
    expect((await leader.get(`/api/projects/${project.id}/card/verification`)).body).toMatchObject({
      valid: false,
      brokenAt: issuedAt,
      problem: 'notice',
      noticeId: receipt.id,
    });
  });

  it('R17: a project notice issued without an entry on its card is refused at commit, leaving no notice', async () => {
    const id = await projectWithSteps();
    const { Database } = await import('../src/database/database');
    const { NoticesService } = await import('../src/notices/notices.service');
    const issue = hub.first.app
      .get(Database)
      .transaction((tx) =>
        hub.first.app
          .get(NoticesService)
          .issue(tx, { kind: 'receipt', projectId: id, itemId: null, issuedAt: new Date(), timeZone: 'Asia/Shanghai', content: {} }),
      );
    await expect(issue).rejects.toThrow(/without an entry on its project's card/);
    expect((await sql.query('SELECT count(*)::int AS n FROM notices WHERE project_id = $1', [id])).rows[0].n).toBe(0);
  });

  it('R5: verification fails when an entry is deleted from the middle', async () => {
    const id = await projectWithSteps();
    await sql.query('ALTER TABLE card_entries DISABLE TRIGGER card_entries_append_only');
    await sql.query(`DELETE FROM card_entries WHERE project_id = $1 AND seq = 3`, [id]);
    await sql.query('ALTER TABLE card_entries ENABLE TRIGGER card_entries_append_only');
    expect((await leader.get(`/api/projects/${id}/card/verification`)).body).toMatchObject({ valid: false, brokenAt: 3 });
  });
});

describe('tracking card checkpoints: signed heads kept outside the hub (R5)', () => {
  const hub = withHub({ people: { window: 'window', leader: 'leader' } });
  const { sql } = hub;
  const { window, leader } = hub.people;

  const verify = async (checkpoint: unknown) =>
    (await leader.send('POST', '/api/card/checkpoint/verification', checkpoint)).body as CheckpointVerification;

  it('R5: a fresh checkpoint verifies, and later entries do not disturb it', async () => {
    const { project } = await admittedProject(window, leader, ['DRC', 'NRP']);
    const checkpoint = (await leader.get('/api/card/checkpoint')).body;
    expect(checkpoint.heads).toContainEqual({ projectId: project.id, seq: 2, hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    await acceptItem(window, project.items[0].id);
    expect(await verify(checkpoint)).toEqual({ signatureValid: true, valid: true, problems: [] });
  });

  it('R5: a truncated tail — the newest entries deleted in SQL — is detected against a kept checkpoint', async () => {
    const { project } = await admittedProject(window, leader, ['DRC']);
    await acceptItem(window, project.items[0].id);
    const checkpoint = (await leader.get('/api/card/checkpoint')).body;
    await sql.query('ALTER TABLE card_entries DISABLE TRIGGER card_entries_append_only');
    await sql.query('DELETE FROM card_entries WHERE project_id = $1 AND seq >= 3', [project.id]); // the material steps and the acceptance: the whole tail
    await sql.query('DELETE FROM card_entries WHERE position = (SELECT MAX(position) FROM card_entries)');
    await sql.query('ALTER TABLE card_entries ENABLE TRIGGER card_entries_append_only');
    // The chain that is left still verifies on its own; its recorded head, and the checkpoint, show what is gone.
    expect((await leader.get(`/api/projects/${project.id}/card/verification`)).body).toMatchObject({ valid: false, problem: 'head' });
    const result = await verify(checkpoint);
    expect(result.valid).toBe(false);
    expect(result.problems).toContainEqual({ projectId: project.id, problem: 'truncated' });
  });

  it('R5: a re-chained card whose recorded head was moved too passes on its own but not against a kept checkpoint', async () => {
    const { project } = await admittedProject(window, leader, ['DRC']);
    await acceptItem(window, project.items[0].id);
    const checkpoint = (await leader.get('/api/card/checkpoint')).body;
    const head = await rechain(sql, project.id, 2, { sealNumber: 'forged' });
    await tamper(sql, [['UPDATE card_heads SET hash = $2 WHERE project_id = $1', [project.id, head.hash]]]);
    // Everything inside the database agrees again: only a signature it cannot make shows the rewrite.
    expect((await leader.get(`/api/projects/${project.id}/card/verification`)).body.valid).toBe(true);
    const result = await verify(checkpoint);
    expect(result).toMatchObject({ signatureValid: true, valid: false });
    expect(result.problems).toContainEqual({ projectId: project.id, problem: 'rewritten' });
  });

  it('R5: checkpoint verification recomputes every chain: an entry changed under its unchanged stored hash is found', async () => {
    const { project } = await admittedProject(window, leader, ['DRC']);
    await acceptItem(window, project.items[0].id);
    const checkpoint = (await leader.get('/api/card/checkpoint')).body;
    // Every stored hash, the head's included, still equals the signed one.
    await tamper(sql, [[`UPDATE card_entries SET detail = '{"sealNumber":"forged"}' WHERE project_id = $1 AND seq = 2`, [project.id]]]);
    const result = await verify(checkpoint);
    expect(result.valid).toBe(false);
    expect(result.problems).toContainEqual({ projectId: project.id, problem: 'rewritten' });
  });

  it('R5 R17: checkpoint verification recomputes every cited notice: one rewritten with its stored hash is found', async () => {
    const { project } = await admittedProject(window, leader, ['DRC']);
    const receipt = (await window.post(`/api/projects/${project.id}/receipts`, RECEIPT)).body.notice;
    const checkpoint = (await leader.get('/api/card/checkpoint')).body;
    await rewriteNotice(sql, receipt.id);
    const result = await verify(checkpoint);
    expect(result.valid).toBe(false);
    expect(result.problems).toContainEqual({ projectId: project.id, noticeId: receipt.id, problem: 'notice_rewritten' });
  });

  it('R5: an altered checkpoint fails its signature', async () => {
    const checkpoint = (await leader.get('/api/card/checkpoint')).body;
    checkpoint.heads[0].seq += 1;
    expect(await verify(checkpoint)).toMatchObject({ signatureValid: false, valid: false });
  });
});
