import { createReadStream } from 'node:fs';
import { access, copyFile, mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';

/**
 * R28: where material files live, addressed by their SHA-256. Small on purpose so an S3-compatible
 * store can take the place of the disk later: it would stage uploads in a local temporary file as
 * well, and `put` would send that file to the bucket under the hash.
 */
export interface FileStore {
  /** A directory where an upload in progress is written before its hash is known. */
  readonly stagingDir: string;
  /** Keeps the staged file under its hash, or drops it when that content is already stored (stored once). */
  put(sha256: string, stagedPath: string): Promise<void>;
  get(sha256: string): Readable;
  exists(sha256: string): Promise<boolean>;
}

export const FILE_STORE = Symbol('FILE_STORE');

/** The embedded default: `<dir>/ab/abcdef…` on the local disk (HUB_FILES_DIR, default ./.data/files). */
export class DiskFileStore implements FileStore {
  readonly stagingDir: string;

  constructor(private readonly dir: string) {
    this.stagingDir = join(dir, '.staging');
  }

  async init(): Promise<this> {
    await mkdir(this.stagingDir, { recursive: true });
    return this;
  }

  private path(sha256: string): string {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`not a SHA-256: ${sha256}`);
    return join(this.dir, sha256.slice(0, 2), sha256);
  }

  async put(sha256: string, stagedPath: string): Promise<void> {
    const target = this.path(sha256);
    if (await this.exists(sha256)) {
      await rm(stagedPath, { force: true });
      return;
    }
    await mkdir(join(this.dir, sha256.slice(0, 2)), { recursive: true });
    try {
      // The same file system (staging lives inside the store): atomic, and a concurrent put of the same content wins harmlessly.
      await rename(stagedPath, target);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
      await copyFile(stagedPath, `${target}.part`);
      await rename(`${target}.part`, target);
      await rm(stagedPath, { force: true });
    }
  }

  get(sha256: string): Readable {
    return createReadStream(this.path(sha256));
  }

  async exists(sha256: string): Promise<boolean> {
    try {
      await access(this.path(sha256));
      return true;
    } catch {
      return false;
    }
  }
}
