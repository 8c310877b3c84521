import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// pdfjs-dist is ESM only; jest runs CommonJS in a VM without dynamic import, so a child Node reads it.
const SCRIPT = `
import { readFileSync } from 'node:fs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
const data = new Uint8Array(readFileSync(process.argv[1]));
const pdf = await getDocument({ data, useSystemFonts: false, isEvalSupported: false }).promise;
const pages = [];
for (let n = 1; n <= pdf.numPages; n++) {
  const content = await (await pdf.getPage(n)).getTextContent();
  pages.push(content.items.map((i) => i.str).join(''));
}
process.stdout.write(JSON.stringify(pages));
`;

/** The text of each page of a PDF, as a reader (pdf.js) extracts it. */
export async function pdfPages(pdf: Buffer | Uint8Array): Promise<string[]> {
  const dir = await mkdtemp(join(tmpdir(), 'hub-pdf-'));
  try {
    const file = join(dir, 'doc.pdf');
    await writeFile(file, pdf);
    const out = await new Promise<string>((resolve, reject) =>
      execFile(
        process.execPath,
        ['--input-type=module', '-e', SCRIPT, file],
        { cwd: __dirname, maxBuffer: 16 << 20 },
        (error, stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout)),
      ),
    );
    return JSON.parse(out) as string[];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
