import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import {
  acceptedFileType,
  actingFor,
  can,
  DEFAULT_MAX_FILE_BYTES,
  type MaterialFilesSettings,
  type MaterialFileView,
  type SessionUser,
} from '@hub/shared';
import * as FileType from 'file-type';
import { rm } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import { insertConfigurationChange } from '../calendar/configuration-log';
import { authorize } from '../common/authorize';
import { badRequest, conflict, notFound, ProblemException, refusedBy } from '../common/problem';
import { Database, type Tx } from '../database/database';
import type { Queryable } from '../database/database';
import { HubClock } from '../database/hub-clock';
import { loadItemRefs, loadMaterial } from './material-records';
import { ProjectSteps } from '../card/project-steps';
import { FILE_STORE, type FileStore } from './file-store';
import { receiveUpload, UploadTooLarge } from './receive-upload';

interface FileRow {
  id: string;
  material_id: string;
  project_id: string;
  name: string;
  sha256: string;
  size: string;
  content_type: string;
  previewable: boolean;
  attached_by_name: string;
  attached_at: Date;
}

const SELECT = `SELECT f.*, u.display_name AS attached_by_name FROM material_files f JOIN users u ON u.id = f.attached_by`;

const toView = (r: FileRow): MaterialFileView => ({
  id: r.id,
  materialId: r.material_id,
  name: r.name,
  sha256: r.sha256,
  size: Number(r.size),
  contentType: r.content_type,
  previewable: r.previewable,
  attachedBy: r.attached_by_name,
  attachedAt: r.attached_at.toISOString(),
});

/** R28: the files of a project's materials, oldest first. */
export async function loadMaterialFiles(q: Queryable, projectId: string): Promise<MaterialFileView[]> {
  return (await q.query<FileRow>(`${SELECT} WHERE f.project_id = $1 ORDER BY f.attached_at, f.id`, [projectId])).map(toView);
}

/** R28: read by those who may read the project; a liaison (or deputy) only where its department has an item on it. */
export async function mayReadFiles(q: Queryable, user: SessionUser, projectId: string): Promise<boolean> {
  if (can(user, 'materials.files.read')) return true;
  const items = await loadItemRefs(q, { projectId });
  return items.some((item) => can(user, 'materials.files.read', { departmentId: item.departmentId }));
}

/** R28 (setting): the size limit of one file; the default until an admin sets one. */
export async function loadFilesSettings(q: Queryable): Promise<MaterialFilesSettings> {
  const [row] = await q.query<{ value: MaterialFilesSettings }>(`SELECT value FROM settings WHERE key = 'files'`);
  return { maxBytes: row?.value.maxBytes ?? DEFAULT_MAX_FILE_BYTES };
}

/** A file name as shown and offered back: its last path part, trimmed, without control characters. */
function cleanName(raw: string | undefined): string {
  let name = '';
  try {
    name = decodeURIComponent(raw ?? '');
  } catch {
    throw badRequest('name', 'The file name (X-File-Name) must be URL-encoded UTF-8');
  }
  name = name.split(/[\\/]/).pop()!.trim();
  // eslint-disable-next-line no-control-regex
  if (!name || name.length > 255 || /[\u0000-\u001f\u007f]/.test(name) || name === '.' || name === '..') {
    throw badRequest('name', 'The file name must be 1–255 characters without control characters');
  }
  return name;
}

/**
 * R28: files received for a material. The window, or a liaison of the material's department (its
 * deputy included), attaches; the bytes are streamed to the file store under their hash (stored
 * once), the type is decided from the content, and each attach is one row and one card entry in
 * one transaction. Reading needs the authority to read the project's files (R2).
 */
@Injectable()
export class MaterialFilesService {
  constructor(
    private readonly db: Database,
    private readonly clock: HubClock,
    private readonly steps: ProjectSteps,
    @Inject(FILE_STORE) private readonly store: FileStore,
  ) {}

  async attach(user: SessionUser, materialId: string, req: IncomingMessage): Promise<MaterialFileView> {
    const material = await loadMaterial(this.db, materialId);
    if (!material) throw notFound('Material');
    // R2: authority is settled before a byte is read.
    authorize(user, 'materials.attach', { departmentId: material.departmentId });
    if (material.status === 'refused') throw conflict('A refused material is not collected (R7)');
    if (!/^application\/octet-stream\b/i.test(req.headers['content-type'] ?? '')) {
      throw new ProblemException(
        HttpStatus.UNSUPPORTED_MEDIA_TYPE,
        'Unsupported media type',
        'Send the file itself as application/octet-stream, its name in X-File-Name',
        [{ field: 'file', message: 'body must be application/octet-stream' }],
      );
    }
    const name = cleanName(req.headers['x-file-name'] as string | undefined);
    const { maxBytes } = await loadFilesSettings(this.db);
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(maxBytes);

    let upload;
    try {
      upload = await receiveUpload(req, this.store.stagingDir, maxBytes);
    } catch (error) {
      if (error instanceof UploadTooLarge) throw tooLarge(maxBytes);
      throw error;
    }
    const type = upload.size > 0 ? acceptedFileType((await FileType.fromBuffer(upload.head))?.ext) : null;
    if (!type) {
      await rm(upload.stagedPath, { force: true });
      throw refusedBy(
        'R28',
        'file',
        `"${name}" is not a PDF, an image or a Word/Excel/WPS document by its content (the name does not count)`,
      );
    }
    // Stored before the row: a transaction that then fails leaves only unreferenced content, never a row without its bytes.
    await this.store.put(upload.sha256, upload.stagedPath);

    return this.db.transaction(async (tx) => {
      const before = await this.steps.lock(tx, material.projectId);
      const current = await loadMaterial(tx, materialId);
      if (!current || current.status === 'refused') throw conflict('A refused material is not collected (R7)');
      const now = await this.clock.now(tx);
      const row = await tx.one<{ id: string }>(
        `INSERT INTO material_files (material_id, project_id, name, sha256, size, content_type, previewable, attached_by, attached_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
        [materialId, material.projectId, name, upload.sha256, upload.size, type.contentType, type.previewable, user.id, now],
      );
      const principal = actingFor(user, material.departmentId);
      await this.steps.recordStep(tx, before, {
        actor: user,
        action: 'material.file_attached',
        detail: {
          material: material.name,
          file: name,
          sha256: upload.sha256,
          size: String(upload.size),
          type: type.contentType,
          ...(principal ? { onBehalfOf: principal.principalName } : {}),
        },
      });
      const [file] = await tx.query<FileRow>(`${SELECT} WHERE f.id = $1`, [row!.id]);
      return toView(file!);
    });
  }

  /** R28/R2: the file and its bytes, for one who may read the project's files. */
  async open(user: SessionUser, fileId: string): Promise<{ file: MaterialFileView; content: Readable }> {
    const [row] = await this.db.query<FileRow>(`${SELECT} WHERE f.id = $1`, [fileId]);
    if (!row) throw notFound('File');
    await this.assertMayRead(this.db, user, row.project_id);
    return { file: toView(row), content: this.store.get(row.sha256) };
  }

  async settings(user: SessionUser): Promise<MaterialFilesSettings> {
    authorize(user, 'project.read');
    return loadFilesSettings(this.db);
  }

  async updateSettings(user: SessionUser, next: MaterialFilesSettings): Promise<MaterialFilesSettings> {
    authorize(user, 'settings.edit');
    return this.db.transaction(async (tx: Tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext('settings:files'))`);
      const before = await loadFilesSettings(tx);
      if (before.maxBytes === next.maxBytes) return before;
      await tx.query(`INSERT INTO settings (key, value) VALUES ('files', $1) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`, [
        JSON.stringify(next),
      ]);
      await insertConfigurationChange(tx, {
        actor: user,
        at: await this.clock.now(tx),
        subject: 'settings',
        action: 'settings_changed',
        target: 'files',
        before,
        after: next,
        recomputed: 0,
      });
      return next;
    });
  }

  private async assertMayRead(q: Queryable, user: SessionUser, projectId: string): Promise<void> {
    if (await mayReadFiles(q, user, projectId)) return;
    // The same refusal whether the file exists or not, once authority is missing: 403 naming the rule.
    throw new ProblemException(
      HttpStatus.FORBIDDEN,
      'Forbidden',
      `R28: ${user.role} ${user.username} may not read this project's files (R2)`,
      undefined,
      { rule: 'R28' },
    );
  }
}

function tooLarge(maxBytes: number): ProblemException {
  const mb = Math.round((maxBytes / 1024 / 1024) * 10) / 10;
  return new ProblemException(
    HttpStatus.PAYLOAD_TOO_LARGE,
    'File too large',
    `A file may be at most ${mb} MB (R28 setting)`,
    [{ field: 'file', message: `at most ${maxBytes} bytes` }],
    { rule: 'R28' },
  );
}
