// A worker thread that draws PDFs (pdfkit and its font subsetting are synchronous and take tens of
// milliseconds a page): the hub's own thread stays free for everyone else's requests.
import { parentPort } from 'node:worker_threads';
import type { DocumentLayout } from '@hub/shared';
import { renderPdf } from './notice-pdf';

parentPort!.on('message', ({ id, layout }: { id: number; layout: DocumentLayout }) => {
  renderPdf(layout).then(
    (pdf) => {
      const bytes = new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
      parentPort!.postMessage({ id, pdf: bytes }, [bytes.buffer as ArrayBuffer]);
    },
    (error: unknown) => parentPort!.postMessage({ id, error: String(error) }),
  );
});
