import { DEFAULT_PAPER_TRAIL_SETTINGS, type PaperTrailSettings } from '@hub/shared';
import type { Queryable } from '../database/database';

/** R6: the paper-trail settings (the forwarding's working days), stored over the defaults. */
export async function loadPaperTrailSettings(q: Queryable): Promise<PaperTrailSettings> {
  const [stored] = await q.query<{ value: Partial<PaperTrailSettings> }>(`SELECT value FROM settings WHERE key = 'paper_trail'`);
  return { ...DEFAULT_PAPER_TRAIL_SETTINGS, ...(stored?.value ?? {}) };
}
