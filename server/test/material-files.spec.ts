import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { MaterialFileView } from '@hub/shared';
import { paperFixture } from './paper-fixtures';
import { admittedProject, HubClient, withHub, type Reply } from './test-hub';

/** A small but real PDF: the detector reads its magic bytes, Chromium could render it. */
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);
/** A Windows executable's first bytes (the DOS header): renamed to .pdf it is still an executable. */
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(4094, 0x90)]);
const MB = 1024 * 1024;

describe('R28 material files: streamed, typed by content, hashed on the card, read with the project (real PostgreSQL, real disk)', () => {
  const filesDir = mkdtempSync(join(tmpdir(), 'hub-files-test-'));
  const hub = withHub({
    config: { filesDir },
    people: { window: 'window', leader: 'leader', drc: 'liaison-drc', nrp: 'liaison-nrp' },
  });
  const { sql } = hub;
  const { window, leader, drc, nrp } = hub.people;
  let anonymous: HubClient;

  beforeAll(() => {
    anonymous = new HubClient(hub.first.url);
  });
  afterAll(() => rmSync(filesDir, { recursive: true, force: true }));

  /** A DRC-only project with one main material: NRP's liaison is not involved. */
  async function drcMaterial(): Promise<{ projectId: string; materialId: string }> {
    const { project } = await admittedProject(window, leader, ['DRC']);
    const added = await window.post(`/api/items/${project.items[0].id}/materials`, { name: '项目申请报告', kind: 'main', copies: 1 });
    expect(added.status).toBe(201);
    return { projectId: project.id, materialId: added.body.id };
  }

  const attach = (client: HubClient, materialId: string, content: Buffer, name: string): Promise<Reply<MaterialFileView>> =>
    client.sendText('POST', `/api/materials/${materialId}/files`, content as unknown as string, {
      'content-type': 'application/octet-stream',
      'x-file-name': encodeURIComponent(name),
    }) as Promise<Reply<MaterialFileView>>; // the raw upload: its reply is the route's

  const storedFiles = () =>
    readdirSync(filesDir, { withFileTypes: true })
      .filter((d) => d.isDirectory() && d.name !== '.staging')
      .flatMap((d) => readdirSync(join(filesDir, d.name)));
  const staged = () => readdirSync(join(filesDir, '.staging'));
  const cardOf = async (projectId: string) => (await window.get(`/api/projects/${projectId}/card`)).body;
  const rowCount = async () => (await sql.query('SELECT count(*)::int AS n FROM material_files')).rows[0].n as number;

  /** Raw bytes of a download (HubClient reads text). */
  async function download(client: HubClient, path: string) {
    const res = await fetch(hub.first.url + path, { headers: { cookie: client.cookie } });
    return { status: res.status, headers: res.headers, body: Buffer.from(await res.arrayBuffer()) };
  }

  /** 200 MB generated chunk by chunk, the test holding one chunk; a PDF by its first bytes. */
  const CHUNK = Buffer.alloc(256 * 1024, 0x20);
  CHUNK.write('%PDF-1.4\n');
  const UPLOAD_BYTES = 200 * MB;
  const uploadHeaders = () => ({
    cookie: window.cookie,
    'x-requested-with': 'XMLHttpRequest',
    'content-type': 'application/octet-stream',
    'x-file-name': encodeURIComponent('大文件.pdf'),
  });
  interface Refusal {
    status: number;
    type: string | undefined;
    text: string;
    /** Bytes of the body sent before the answer came. */
    sent: number;
  }

  /** Node's HTTP client, no Content-Length: the hub must count as it reads. */
  function uploadWithHttpClient(materialId: string): Promise<Refusal> {
    let sent = 0;
    const body = new Readable({
      read() {
        if (sent >= UPLOAD_BYTES) return void this.push(null);
        sent += CHUNK.length;
        this.push(CHUNK);
      },
    });
    return new Promise((resolve, reject) => {
      const req = request(`${hub.first.url}/api/materials/${materialId}/files`, { method: 'POST', headers: uploadHeaders() });
      let answered = false;
      req.on('response', (res) => {
        // The refusal comes while the body is still being sent: stop sending, read the answer.
        answered = true;
        body.unpipe(req);
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (text += d));
        res.on('end', () => {
          req.destroy();
          resolve({ status: res.statusCode!, type: res.headers['content-type'], text, sent });
        });
      });
      // Once answered, the hub may close the connection under the unsent rest: that is not a failure.
      req.on('error', (e) => (answered ? undefined : reject(e)));
      body.pipe(req);
    });
  }

  /** A raw socket writing the body chunked as fast as the hub reads it, reading the answer as it comes. */
  function uploadChunkedOverSocket(materialId: string): Promise<Refusal> {
    const { hostname, port } = new URL(hub.first.url);
    const head = [
      `POST /api/materials/${materialId}/files HTTP/1.1`,
      `Host: ${hostname}:${port}`,
      'Transfer-Encoding: chunked',
      ...Object.entries(uploadHeaders()).map(([k, v]) => `${k}: ${v}`),
      '',
      '',
    ].join('\r\n');
    return new Promise((resolve, reject) => {
      const socket = connect(Number(port), hostname);
      let sent = 0;
      let answer = Buffer.alloc(0);
      let refusal: Refusal | null = null;
      const finish = () => {
        socket.destroy();
        resolve(refusal!);
      };
      socket.on('data', (data) => {
        answer = Buffer.concat([answer, data]);
        const end = answer.indexOf('\r\n\r\n');
        if (end < 0 || refusal) return;
        const [statusLine, ...lines] = answer.subarray(0, end).toString('latin1').split('\r\n');
        const headers = Object.fromEntries(
          lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]),
        );
        const length = Number(headers['content-length']);
        if (answer.length < end + 4 + length) return;
        refusal = {
          status: Number(statusLine!.split(' ')[1]),
          type: headers['content-type'],
          text: answer.subarray(end + 4, end + 4 + length).toString('utf8'),
          sent,
        };
        finish();
      });
      // Once answered, the hub may reset the connection under the unsent rest: that is not a failure.
      socket.on('error', (e) => (refusal ? undefined : reject(e)));
      socket.on('close', () => (refusal ? undefined : reject(new Error(`connection closed without an answer after ${sent} bytes`))));
      const pump = () => {
        while (!refusal && !socket.destroyed) {
          if (sent >= UPLOAD_BYTES) return void socket.write('0\r\n\r\n');
          sent += CHUNK.length;
          socket.write(`${CHUNK.length.toString(16)}\r\n`);
          socket.write(CHUNK);
          if (!socket.write('\r\n')) return void socket.once('drain', pump);
        }
      };
      socket.once('connect', () => {
        socket.write(head);
        pump();
      });
    });
  }

  // The hub once destroyed its staging stream with a write still in flight and stopped listening to it:
  // the write's late "Cannot call write after a stream was destroyed" was thrown out of the process
  // (about one refused upload in three, either way of sending).
  it.each([
    ["node's HTTP client", uploadWithHttpClient],
    ['a raw socket, chunked', uploadChunkedOverSocket],
  ])(
    'R28: a 200 MB upload (%s) is refused at the 50 MB limit with 413, streamed: the hub process grows by less than 50 MB and keeps nothing',
    async (_how, upload) => {
      const { projectId, materialId } = await drcMaterial();
      const cardBefore = (await cardOf(projectId)).length;
      const rowsBefore = await rowCount();
      global.gc?.();
      const baseline = process.memoryUsage.rss();
      let peak = baseline;
      const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 10);
      const reply = await upload(materialId).finally(() => clearInterval(sampler));

      expect(reply.status).toBe(413);
      expect(reply.type).toContain('application/problem+json');
      expect(JSON.parse(reply.text)).toMatchObject({ status: 413, rule: 'R28', errors: [{ field: 'file' }] });
      expect(reply.sent).toBeLessThan(UPLOAD_BYTES); // refused while still sending, not after
      expect(peak - baseline).toBeLessThan(50 * MB);
      // The partial file is removed by the time the refusal is sent.
      expect(staged()).toEqual([]);
      expect(await rowCount()).toBe(rowsBefore);
      expect((await cardOf(projectId)).length).toBe(cardBefore);
    },
  );

  it('R28: a declared length over the limit is refused before a byte is read', async () => {
    const { materialId } = await drcMaterial();
    const reply = await window.sendText('POST', `/api/materials/${materialId}/files`, 'x'.repeat(1024), {
      'content-type': 'application/octet-stream',
      'x-file-name': 'a.pdf',
    });
    expect(reply.status).toBe(400); // within the limit: a 1 KB "x" body reaches the type check, and is not a PDF
    const huge = await new Promise<number>((resolve, reject) => {
      const req = request(`${hub.first.url}/api/materials/${materialId}/files`, {
        method: 'POST',
        headers: {
          cookie: window.cookie,
          'x-requested-with': 'XMLHttpRequest',
          'content-type': 'application/octet-stream',
          'x-file-name': 'a.pdf',
          'content-length': String(60 * MB),
        },
      });
      req.on('response', (res) => {
        res.resume();
        req.destroy();
        resolve(res.statusCode!);
      });
      req.on('error', reject);
      req.write(PDF);
    });
    expect(huge).toBe(413);
  });

  it('R28: an executable renamed .pdf is refused by its content, naming the rule and field; nothing is stored or recorded', async () => {
    const { projectId, materialId } = await drcMaterial();
    const cardBefore = (await cardOf(projectId)).length;
    const filesBefore = storedFiles().length;
    const refused = await attach(window, materialId, EXE, '项目申请报告.pdf');
    expect(refused.status).toBe(400);
    expect(refused.type).toContain('application/problem+json');
    expect(refused.body).toMatchObject({ rule: 'R28', errors: [{ field: 'file' }] });
    expect(storedFiles().length).toBe(filesBefore);
    expect(staged()).toEqual([]);
    expect((await cardOf(projectId)).length).toBe(cardBefore);
    expect((await window.get(`/api/projects/${projectId}/materials`)).body.files).toEqual([]);
  });

  it('R28: the file is streamed to the store; its SHA-256 and name are on the card; download and preview give the same bytes with a safe type', async () => {
    const { projectId, materialId } = await drcMaterial();
    const sha256 = createHash('sha256').update(PDF).digest('hex');
    const attached = await attach(drc, materialId, PDF, '项目申请报告（盖章版）.pdf');
    expect(attached.status).toBe(201);
    expect(attached.body).toMatchObject({
      materialId,
      name: '项目申请报告（盖章版）.pdf',
      sha256,
      size: PDF.length,
      contentType: 'application/pdf',
      previewable: true,
    });

    const entry = (await cardOf(projectId)).at(-1)!;
    expect(entry.action).toBe('material.file_attached');
    expect(entry.detail).toMatchObject({ material: '项目申请报告', file: '项目申请报告（盖章版）.pdf', sha256, size: String(PDF.length) });
    expect((await window.get(`/api/projects/${projectId}/card/verification`)).body).toMatchObject({ valid: true });

    const listed = (await window.get(`/api/projects/${projectId}/materials`)).body;
    expect(listed.files).toEqual([attached.body]);
    expect(listed.maxFileBytes).toBe(50 * MB);

    const got = await download(leader, `/api/material-files/${attached.body.id}`);
    expect(got.status).toBe(200);
    expect(got.body.equals(PDF)).toBe(true);
    expect(got.headers.get('content-type')).toBe('application/pdf');
    expect(got.headers.get('content-disposition')).toBe(
      `attachment; filename="${'_'.repeat(11)}.pdf"; filename*=UTF-8''${encodeURIComponent('项目申请报告（盖章版）.pdf')}`,
    );
    expect(got.headers.get('x-content-type-options')).toBe('nosniff');
    const preview = await download(window, `/api/material-files/${attached.body.id}?inline=1`);
    expect(preview.headers.get('content-disposition')).toMatch(/^inline; /);
    expect(preview.body.equals(PDF)).toBe(true);
  });

  it("R28 R2: files are read with the project: the involved liaison reads, a liaison of an uninvolved department gets 403 and sees no files; attaching is the window's or the department's", async () => {
    const { projectId, materialId } = await drcMaterial();
    expect((await attach(nrp, materialId, PDF, 'x.pdf')).status).toBe(403);
    const attached = await attach(window, materialId, PDF, '申请书.pdf');
    expect(attached.status).toBe(201);

    expect((await download(drc, `/api/material-files/${attached.body.id}`)).status).toBe(200);
    const refused = await download(nrp, `/api/material-files/${attached.body.id}`);
    expect(refused.status).toBe(403);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(refused.body.toString()).not.toContain('%PDF');
    expect((await download(anonymous, `/api/material-files/${attached.body.id}`)).status).toBe(401);
    // The checklist stays readable to every staff member (R2); its files do not.
    const seenByNrp = (await nrp.get(`/api/projects/${projectId}/materials`)).body;
    expect(seenByNrp.items[0].materials).toHaveLength(1);
    expect(seenByNrp.files).toEqual([]);
  });

  it('R28: the same content uploaded twice is stored once; each attach is its own row and card entry', async () => {
    const { projectId, materialId } = await drcMaterial();
    const content = Buffer.concat([PDF, Buffer.from(`% ${projectId}\n`)]);
    const cardBefore = (await cardOf(projectId)).length;
    const filesBefore = storedFiles().length;
    const first = await attach(window, materialId, content, '第一次.pdf');
    const second = await attach(drc, materialId, content, '第二次.pdf');
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(second.body.sha256).toBe(first.body.sha256);
    expect(storedFiles().length).toBe(filesBefore + 1);
    expect(storedFiles()).toContain(first.body.sha256);
    const card = await cardOf(projectId);
    expect(card.length).toBe(cardBefore + 2);
    expect(card.slice(-2).map((e) => e.detail['file'])).toEqual(['第一次.pdf', '第二次.pdf']);
    expect((await window.get(`/api/projects/${projectId}/materials`)).body.files).toHaveLength(2);
  });

  it('R28: files are never changed: the database refuses an update or delete of a file row', async () => {
    await expect(sql.query(`UPDATE material_files SET name = 'x'`)).rejects.toThrow();
    await expect(sql.query(`DELETE FROM material_files`)).rejects.toThrow();
  });

  it('R28 R9: the applicant page lists which materials were received, not the files', async () => {
    const paper = paperFixture(window, leader, drc);
    const receipt = await paper.receipt();
    const id = (await sql.query('SELECT id FROM projects WHERE code = $1', [receipt.projectCode])).rows[0].id as string;
    const itemId = (await window.get(`/api/projects/${id}`)).body.items[0].id;
    const material = (await window.post(`/api/items/${itemId}/materials`, { name: '营业执照', kind: 'secondary', copies: 1 })).body;
    expect((await attach(window, material.id, PDF, '营业执照.pdf')).status).toBe(201);
    const status = await anonymous.post('/api/public/project-status', { projectCode: receipt.projectCode, accessCode: receipt.accessCode });
    expect(status.status).toBe(200);
    expect(status.body.received).toEqual([{ department: expect.any(String), name: '营业执照', copies: 0, files: 1 }]);
    expect(JSON.stringify(status.body)).not.toContain('营业执照.pdf');
    expect(JSON.stringify(status.body)).not.toMatch(/[0-9a-f]{64}/);
  });
});
