import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { createTestDatabase, startTestHub, type TestHub } from './test-hub';

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** Node's http, not fetch: fetch would decompress and hide what went over the wire. */
function get(url: string, acceptEncoding: string | null): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: acceptEncoding === null ? {} : { 'accept-encoding': acceptEncoding } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the built client, served compressed', () => {
  const mainJs = `console.log(${JSON.stringify('绿色通道'.repeat(5000))});\n`;
  const indexHtml = '<!doctype html><html lang="zh-CN"><body><hub-root></hub-root><script src="main-ABCD2345.js"></script></body></html>';
  let dir: string;
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let hub: TestHub;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hub-client-'));
    writeFileSync(join(dir, 'index.html'), indexHtml);
    writeFileSync(join(dir, 'main-ABCD2345.js'), mainJs);
    // What client/scripts/precompress.mjs writes after the build.
    for (const [file, text] of [
      ['index.html', indexHtml],
      ['main-ABCD2345.js', mainJs],
    ]) {
      writeFileSync(join(dir, `${file}.br`), brotliCompressSync(text));
      writeFileSync(join(dir, `${file}.gz`), gzipSync(text));
    }
    writeFileSync(join(dir, 'styles-EFGH6789.css'), 'body{margin:0}');
    mkdirSync(join(dir, 'media'));
    writeFileSync(join(dir, 'media', 'font.woff2'), Buffer.from([0x77, 0x4f, 0x46, 0x32, 1, 2, 3]));
    db = await createTestDatabase();
    hub = await startTestHub(db.url, { clientDir: dir });
  });

  afterAll(async () => {
    await hub?.close();
    await db?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('sends brotli to a browser that accepts it, with the hashed file cached for a year', async () => {
    const res = await get(`${hub.url}/main-ABCD2345.js`, 'gzip, deflate, br, zstd');
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['vary']).toMatch(/Accept-Encoding/i);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(brotliDecompressSync(res.body).toString()).toBe(mainJs);
    expect(res.body.length).toBeLessThan(Buffer.byteLength(mainJs) / 10);
  });

  it('sends gzip to one that accepts only gzip, and the plain file to one that accepts nothing', async () => {
    const gz = await get(`${hub.url}/main-ABCD2345.js`, 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).toString()).toBe(mainJs);
    const plain = await get(`${hub.url}/main-ABCD2345.js`, null);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(mainJs);
  });

  it('index.html and deep links are revalidated on every visit (they name the current hashed files)', async () => {
    for (const path of ['/', '/projects/42', '/wall']) {
      const res = await get(`${hub.url}${path}`, 'br');
      expect(res.status).toBe(200);
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(brotliDecompressSync(res.body).toString()).toBe(indexHtml);
    }
  });

  it('a text file the build did not compress is still served, as it is', async () => {
    const res = await get(`${hub.url}/styles-EFGH6789.css`, 'br, gzip');
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.body.toString()).toBe('body{margin:0}');
  });

  it('files that are compressed already come from disk as they are', async () => {
    const res = await get(`${hub.url}/media/font.woff2`, 'br');
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect([...res.body]).toEqual([0x77, 0x4f, 0x46, 0x32, 1, 2, 3]);
  });

  it('the API and health are never answered by the client fallback', async () => {
    expect((await get(`${hub.url}/api/auth/me`, 'br')).status).toBe(401);
    expect((await get(`${hub.url}/api/no-such-route`, 'br')).status).toBe(404);
    const health = await get(`${hub.url}/health`, null);
    expect(health.headers['content-type']).toMatch(/json/);
  });
});
