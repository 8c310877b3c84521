import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { join } from 'node:path';

/** Enough of the start of a file for the type detector (OOXML names its parts in the first zip entries). */
const HEAD_BYTES = 64 * 1024;

export class UploadTooLarge extends Error {}

export interface ReceivedUpload {
  stagedPath: string;
  sha256: string;
  size: number;
  /** The first bytes, for the type check. */
  head: Buffer;
}

/**
 * R28: streams a request body to a staging file while hashing and counting it; never holds more
 * than a chunk and the head in memory. Past `maxBytes` it stops writing, removes the partial file
 * and rejects with UploadTooLarge; the rest of the body is left to the HTTP server to discard, so
 * the client still reads the refusal (closing the socket under unread data would reset it).
 *
 * The staging stream keeps an error listener for its whole life: destroyed while a write is still
 * in flight, it reports that write as an error ("write after a stream was destroyed") once the
 * write completes. Unheard, that error would be thrown out of the process; heard, it is only noted
 * when nothing else decided the upload first, so the limit's refusal always wins.
 */
export function receiveUpload(req: IncomingMessage, stagingDir: string, maxBytes: number): Promise<ReceivedUpload> {
  const stagedPath = join(stagingDir, randomUUID());
  return new Promise((resolve, reject) => {
    const out = createWriteStream(stagedPath, { flags: 'wx' });
    const hash = createHash('sha256');
    const head: Buffer[] = [];
    let headLength = 0;
    let size = 0;
    let settled = false;

    const detach = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('aborted', onAborted);
      req.off('error', fail);
      out.off('drain', onDrain);
    };
    function fail(error: Error) {
      if (settled) return;
      settled = true;
      detach();
      req.resume(); // the remaining bytes are read and dropped, not kept
      // Removed once the stream is closed: no write can land after the removal, and a file still
      // being opened when the upload failed is removed too.
      const removeStaged = () => void rm(stagedPath, { force: true }).finally(() => reject(error));
      if (out.closed) removeStaged();
      else out.once('close', removeStaged);
      out.destroy();
    }
    function onData(chunk: Buffer) {
      size += chunk.length;
      if (size > maxBytes) return fail(new UploadTooLarge(`over ${maxBytes} bytes`));
      // Destroyed by its own error, whose event is still to come: nothing more is written.
      if (out.destroyed) return fail(out.errored ?? new Error('the staging file was closed'));
      hash.update(chunk);
      if (headLength < HEAD_BYTES) {
        head.push(chunk.subarray(0, HEAD_BYTES - headLength));
        headLength += Math.min(chunk.length, HEAD_BYTES - headLength);
      }
      if (!out.write(chunk)) req.pause(); // back-pressure: the disk sets the pace, not memory
    }
    function onDrain() {
      req.resume();
    }
    function onEnd() {
      if (settled) return;
      out.end(() => {
        if (settled) return;
        settled = true;
        detach();
        resolve({ stagedPath, sha256: hash.digest('hex'), size, head: Buffer.concat(head) });
      });
    }
    function onAborted() {
      fail(new Error('upload aborted by the client'));
    }
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('aborted', onAborted);
    req.on('error', fail);
    out.on('error', fail);
    out.on('drain', onDrain);
  });
}
