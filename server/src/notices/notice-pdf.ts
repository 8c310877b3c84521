import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import PDFDocument from 'pdfkit';
import type { DocumentBlock, DocumentCopy, DocumentLayout } from '@hub/shared';

// Resolved from this file at run time (also from the webpack bundle in dist/server, where
// __filename stays Node's own): the OpenType Noto Sans Hans the package ships.
const fontsDir = join(dirname(createRequire(__filename).resolve('@embedpdf/fonts-sc')), '../fonts');
let fonts: { regular: Buffer; bold: Buffer } | null = null;
/** Read once; pdfkit embeds only the glyphs a document uses (a one-page notice is about 50 KB). */
function loadFonts(): { regular: Buffer; bold: Buffer } {
  fonts ??= {
    regular: readFileSync(join(fontsDir, 'NotoSansHans-Regular.otf')),
    bold: readFileSync(join(fontsDir, 'NotoSansHans-Bold.otf')),
  };
  return fonts;
}

// A4 in points, with the margins of official documents (GB/T 9704: about 37 mm top, 28 mm sides).
const MARGIN = { top: 68, bottom: 56, left: 72, right: 64 };
const SIZE = { title: 19, body: 11.5, table: 10.5, small: 9.5, heading: 12 };
const LINE_GAP = 4;

/** R17: one page run per copy (R9: receipts and pickups print three copies in one run). */
export function renderPdf(layout: DocumentLayout): Promise<Buffer> {
  const { regular, bold } = loadFonts();
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    autoFirstPage: false,
    info: { Title: `${layout.title} ${layout.number}`, Author: '行政服务中心', Subject: layout.title },
  });
  doc.registerFont('regular', regular);
  doc.registerFont('bold', bold);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  for (const copy of layout.copies) drawCopy(doc, layout, copy);
  doc.end();
  return done;
}

type Doc = InstanceType<typeof PDFDocument>;

const width = (doc: Doc) => doc.page.width - MARGIN.left - MARGIN.right;
const bottom = (doc: Doc) => doc.page.height - MARGIN.bottom;

function drawCopy(doc: Doc, layout: DocumentLayout, copy: DocumentCopy): void {
  doc.addPage();
  const top = MARGIN.top - 36;
  if (copy.label)
    doc
      .font('bold')
      .fontSize(SIZE.small)
      .text(copy.label, MARGIN.left, top, { width: width(doc) / 2 });
  // Number top-right, title centred (the official layout).
  doc
    .font('regular')
    .fontSize(SIZE.body)
    .text(layout.number, MARGIN.left, top + 14, { width: width(doc), align: 'right' });
  doc
    .font('bold')
    .fontSize(SIZE.title)
    .text(layout.title, MARGIN.left, MARGIN.top, { width: width(doc), align: 'center' });
  doc.moveDown(0.8);
  if (layout.correction) paragraph(doc, layout.correction, false, 'bold');
  if (copy.note) paragraph(doc, copy.note, false, 'bold');
  if (layout.addressee) paragraph(doc, layout.addressee, false);
  for (const block of layout.blocks) drawBlock(doc, block);
  drawFooter(doc, layout);
}

function ensureRoom(doc: Doc, height: number): void {
  if (doc.y + height > bottom(doc)) doc.addPage();
}

function paragraph(doc: Doc, text: string, indent: boolean, font: 'regular' | 'bold' = 'regular', size = SIZE.body): void {
  doc.font(font).fontSize(size);
  const options = { width: width(doc), lineGap: LINE_GAP, indent: indent ? size * 2 : 0 };
  ensureRoom(doc, Math.min(doc.heightOfString(text, options), 3 * size));
  doc.text(text, MARGIN.left, doc.y, options);
  doc.moveDown(0.35);
}

function drawBlock(doc: Doc, block: DocumentBlock): void {
  switch (block.type) {
    case 'heading':
      doc.moveDown(0.2);
      paragraph(doc, block.text, false, 'bold', SIZE.heading);
      return;
    case 'paragraph':
      paragraph(doc, block.text, block.indent);
      return;
    case 'fields':
      table(
        doc,
        null,
        block.rows.map((r) => [r.label, r.value]),
        [3, 7],
        true,
      );
      return;
    case 'table':
      table(doc, block.head, block.rows, block.widths, false);
      return;
  }
}

const PAD = 3;

/** A bordered table; rows break across pages whole. Field tables print their label column bold. */
function table(doc: Doc, head: string[] | null, rows: string[][], weights: number[], labelled: boolean): void {
  const total = weights.reduce((a, b) => a + b, 0);
  const widths = weights.map((w) => (w / total) * width(doc));
  const drawRow = (cells: string[], bold: boolean) => {
    doc.fontSize(SIZE.table);
    const heights = cells.map((cell, i) => {
      doc.font(bold || (labelled && i === 0) ? 'bold' : 'regular');
      return doc.heightOfString(cell || ' ', { width: widths[i]! - 2 * PAD, lineGap: 1.5 });
    });
    const rowHeight = Math.max(...heights) + 2 * PAD;
    ensureRoom(doc, rowHeight);
    const y = doc.y;
    let x = MARGIN.left;
    cells.forEach((cell, i) => {
      const w = widths[i]!;
      if (bold || (labelled && i === 0)) doc.rect(x, y, w, rowHeight).fillColor('#f1f3f5').fill().fillColor('black');
      doc.rect(x, y, w, rowHeight).lineWidth(0.6).strokeColor('#333333').stroke();
      doc
        .font(bold || (labelled && i === 0) ? 'bold' : 'regular')
        .text(cell || ' ', x + PAD, y + PAD, { width: w - 2 * PAD, lineGap: 1.5 });
      x += w;
    });
    doc.y = y + rowHeight;
    doc.x = MARGIN.left;
  };
  if (head) drawRow(head, true);
  for (const row of rows) drawRow(row, false);
  doc.moveDown(0.4);
}

/**
 * The foot: signatures (R9) on the left; issuer, seal line and date right-aligned on the right
 * (the seal covers the date), kept together on one page.
 */
function drawFooter(doc: Doc, layout: DocumentLayout): void {
  doc.moveDown(0.8);
  const line = SIZE.body * 1.7;
  const closing = [layout.closing.issuer, layout.closing.seal, layout.closing.date];
  ensureRoom(doc, Math.max(layout.signatures.length, closing.length) * line);
  const top = doc.y;
  doc.font('regular').fontSize(SIZE.body);
  layout.signatures.forEach((s, i) =>
    doc.text(`${s.label}：${s.name}`, MARGIN.left, top + i * line, { width: width(doc) / 2, lineBreak: false }),
  );
  closing.forEach((text, i) => {
    doc
      .fillColor(i === 1 ? '#b3261e' : 'black')
      .text(text, MARGIN.left, top + i * line, { width: width(doc) - SIZE.body * 2, align: 'right', lineBreak: false });
  });
  doc.fillColor('black');
  doc.x = MARGIN.left;
  doc.y = top + Math.max(layout.signatures.length, closing.length) * line;
}
