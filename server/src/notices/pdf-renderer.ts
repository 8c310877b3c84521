import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { DocumentLayout } from '@hub/shared';

/** Rendered PDFs kept in memory, by content: a document never changes, so neither does its PDF. */
const CACHE_BYTES = 32 * 2 ** 20;

interface Job {
  worker: Worker;
  resolve(pdf: Buffer): void;
  reject(error: Error): void;
}

/**
 * R17 PDFs drawn off the event loop: one worker thread per spare core (at least one), started on
 * the first download; each document (content hash and language) is drawn once and kept, and
 * downloads of the same one meanwhile share that drawing.
 */
@Injectable()
export class PdfRenderer implements OnModuleDestroy {
  private readonly busy = new Map<Worker, number>();
  private readonly jobs = new Map<number, Job>();
  /** Least recently used first. */
  private readonly drawn = new Map<string, Buffer>();
  private readonly drawing = new Map<string, Promise<Buffer>>();
  private drawnBytes = 0;
  private nextJob = 0;

  /** The PDF of `layout`, whose content (with the language) `key` names. */
  render(key: string, layout: DocumentLayout): Promise<Buffer> {
    const done = this.drawn.get(key);
    if (done) {
      this.drawn.delete(key);
      this.drawn.set(key, done);
      return Promise.resolve(done);
    }
    let pdf = this.drawing.get(key);
    if (!pdf) {
      pdf = this.draw(layout).finally(() => this.drawing.delete(key));
      this.drawing.set(key, pdf);
      pdf.then(
        (bytes) => this.keep(key, bytes),
        () => undefined,
      );
    }
    return pdf;
  }

  onModuleDestroy(): Promise<unknown> {
    const workers = [...this.busy.keys()];
    this.busy.clear();
    return Promise.all(workers.map((w) => w.terminate()));
  }

  private keep(key: string, pdf: Buffer): void {
    this.drawn.set(key, pdf);
    this.drawnBytes += pdf.length;
    for (const [old, bytes] of this.drawn) {
      if (this.drawnBytes <= CACHE_BYTES) return;
      this.drawn.delete(old);
      this.drawnBytes -= bytes.length;
    }
  }

  private draw(layout: DocumentLayout): Promise<Buffer> {
    const worker = this.leastBusy();
    const id = this.nextJob++;
    this.busy.set(worker, this.busy.get(worker)! + 1);
    return new Promise<Buffer>((resolve, reject) => {
      this.jobs.set(id, { worker, resolve, reject });
      worker.postMessage({ id, layout });
    }).finally(() => {
      if (this.busy.has(worker)) this.busy.set(worker, this.busy.get(worker)! - 1);
    });
  }

  private leastBusy(): Worker {
    if (this.busy.size < Math.max(1, availableParallelism() - 1) && [...this.busy.values()].every((n) => n > 0)) this.start();
    return [...this.busy].sort((a, b) => a[1] - b[1])[0]![0];
  }

  private start(): void {
    const worker = workerThread();
    worker.on('message', ({ id, pdf, error }: { id: number; pdf?: Uint8Array; error?: string }) => {
      const job = this.jobs.get(id);
      this.jobs.delete(id);
      if (error !== undefined) job?.reject(new Error(`PDF rendering failed: ${error}`));
      else job?.resolve(Buffer.from(pdf!.buffer, pdf!.byteOffset, pdf!.byteLength));
    });
    // A worker that dies takes its jobs with it; the next download starts a new one.
    worker.on('error', (error) => this.lost(worker, error));
    worker.on('exit', (code) => this.lost(worker, new Error(`the PDF worker stopped (${code})`)));
    worker.unref();
    this.busy.set(worker, 0);
  }

  private lost(worker: Worker, error: Error): void {
    this.busy.delete(worker);
    for (const [id, job] of this.jobs) {
      if (job.worker !== worker) continue;
      this.jobs.delete(id);
      job.reject(error);
    }
  }
}

/**
 * The built hub ships the worker as its own file beside main.js (server/webpack.config.js); run
 * from the TypeScript sources (the integration tests), the worker compiles them with ts-node.
 */
function workerThread(): Worker {
  if (!__filename.endsWith('.ts')) return new Worker(join(__dirname, 'notice-pdf-worker.js'));
  const boot = `require(${JSON.stringify(require.resolve('ts-node'))}).register({ transpileOnly: true, compilerOptions: { module: 'commonjs', esModuleInterop: true } });
require(${JSON.stringify(join(__dirname, 'notice-pdf.worker.ts'))});`;
  return new Worker(boot, { eval: true });
}
