// After the Angular build: write a brotli (.br) and a gzip (.gz) copy beside every text asset, so the
// server sends compressed files without spending CPU on each start or request.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.svg', '.txt', '.webmanifest']);
const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

const dir = process.argv[2];
if (!dir) throw new Error('usage: node client/scripts/precompress.mjs <dir>');

const files = (await readdir(dir, { recursive: true })).filter((f) => COMPRESSIBLE.has(extname(f)));
let raw = 0;
let br = 0;
// zlib runs in the thread pool: all files at once use every core.
await Promise.all(
  files.map(async (file) => {
    const path = join(dir, file);
    const body = await readFile(path);
    const [b, g] = await Promise.all([
      brotli(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } }),
      gz(body, { level: 9 }),
    ]);
    await Promise.all([writeFile(`${path}.br`, b), writeFile(`${path}.gz`, g)]);
    raw += body.length;
    br += b.length;
  }),
);
console.log(`precompressed ${files.length} files: ${(raw / 1024).toFixed(0)} kB → ${(br / 1024).toFixed(0)} kB brotli`);
