import type { BoardIndexItem, BoardIndexProject, ExplanationKind, ItemStatus } from '@hub/shared';
import type { Tx } from '../database/database';

/** More changed projects than this since the last read: read them all again (one pass beats a long id list). */
const DELTA_MAX = 500;
/**
 * Read everything again after this long. Every change the board shows moves the stream with an
 * entry on its project's card (R5), so the delta is enough; this bounds how long a row changed by
 * hand in the database (no card entry) could stay wrong. Projects added or removed by hand are
 * seen at once: the count of projects no longer matches.
 */
const FULL_READ_EVERY_MS = 5 * 60_000;
/** Page rows kept at most (a few kB each): the pages people look at, not the whole board. */
const ROWS_KEPT = 4_000;

interface ProjectRow {
  id: string;
  code: string;
  national_code: string | null;
  name: string;
  owner_name: string | null;
  contact_name: string | null;
  contact_phone: string | null;
  category: string;
  lead_department_id: string | null;
  registered_at: Date;
  status: string;
  completed: boolean;
  withdrawn: boolean;
}

interface ItemRow {
  project_id: string;
  department_id: string;
  status: ItemStatus;
  due_at: Date | null;
  explanation_kind: ExplanationKind | null;
  ruling_due_at: Date | null;
  paused: boolean;
}

/**
 * What the board's search, filters, counts and order read of every project (issue 12), kept in
 * memory at one stream position: a request colours, filters and orders them (selectBoard) instead
 * of asking PostgreSQL to colour every item again. Moving to a newer position reads only the
 * projects whose cards gained entries since.
 */
export class BoardIndex {
  private projects = new Map<string, BoardIndexProject>();
  /**
   * The page rows already read (JSON, as the board draws them), by project: each is right at the
   * index's position, since its project has gained no card entry since it was read (R5).
   */
  private rows = new Map<string, string>();
  private position = -1;
  private readAllAt = 0;
  /** One read at a time: the requests arriving meanwhile look again after it. */
  private reading: Promise<void> | null = null;

  /** `readAll` hears of every full read: the position and the projects whose rows are worth keeping. */
  constructor(private readonly readAll: (position: number, ids: string[]) => void = () => undefined) {}

  /**
   * Brings the index to the snapshot of `tx` — a REPEATABLE READ transaction whose stream head is
   * `position` and which holds `projectCount` projects — and runs `use` on it at once (before
   * anything can move it on). Undefined when another request already moved the index past this
   * snapshot: ask again in a newer one.
   */
  async at<T>(tx: Tx, position: number, projectCount: number, use: (projects: Iterable<BoardIndexProject>) => T): Promise<T | undefined> {
    for (;;) {
      if (this.position > position) return undefined;
      const due = Date.now() - this.readAllAt > FULL_READ_EVERY_MS;
      if (this.position === position && !due && this.projects.size === projectCount) return use(this.projects.values());
      if (this.reading) {
        await this.reading.catch(() => undefined);
        continue;
      }
      // At this position already, yet not right: read everything (the delta is read first otherwise).
      this.reading = this.read(tx, position, due || this.position === position).finally(() => (this.reading = null));
      await this.reading;
    }
  }

  /** How many page rows are kept now (the metrics show it). */
  get rowsKept(): number {
    return this.rows.size;
  }

  /**
   * Runs `use` on the index at once if it stands at `position` and needs no full read; undefined
   * otherwise. For a request that read the stream head outside a transaction: nothing is read.
   */
  ifAt<T>(position: number, use: (projects: Iterable<BoardIndexProject>) => T): T | undefined {
    const due = Date.now() - this.readAllAt > FULL_READ_EVERY_MS;
    return this.position === position && !due ? use(this.projects.values()) : undefined;
  }

  /** The kept rows of `ids` that are right at `position` (none when the index stands elsewhere). */
  keptRows(position: number, ids: readonly string[]): Map<string, string> {
    const kept = new Map<string, string>();
    if (this.position !== position) return kept;
    for (const id of ids) {
      const row = this.rows.get(id);
      if (row !== undefined) kept.set(id, row);
    }
    return kept;
  }

  /** Keeps rows read in a snapshot at `position`, unless the index has moved on from it meanwhile. */
  keepRows(position: number, rows: ReadonlyMap<string, string>): void {
    if (this.position !== position) return;
    for (const [id, row] of rows) this.rows.set(id, row);
    for (const id of this.rows.keys()) {
      if (this.rows.size <= ROWS_KEPT) break;
      this.rows.delete(id);
    }
  }

  private async read(tx: Tx, position: number, all: boolean): Promise<void> {
    const changed = all ? null : await changedProjects(tx, this.position, position);
    const read = await readProjects(tx, changed && changed.length <= DELTA_MAX ? changed : null);
    if (read.every) {
      this.projects = read.projects;
      this.rows.clear();
      this.readAllAt = Date.now();
    } else {
      for (const id of changed!) {
        const project = read.projects.get(id);
        if (project) this.projects.set(id, project);
        else this.projects.delete(id);
        this.rows.delete(id);
      }
    }
    this.position = position;
    if (read.every) this.readAll(position, [...this.projects.keys()].slice(0, ROWS_KEPT));
  }
}

async function changedProjects(tx: Tx, after: number, upTo: number): Promise<string[]> {
  const rows = await tx.query<{ project_id: string }>(
    'SELECT DISTINCT project_id FROM card_entries WHERE position > $1 AND position <= $2 AND project_id IS NOT NULL',
    [after, upTo],
  );
  return rows.map((r) => r.project_id);
}

/** The projects named (every project when `ids` is null) with their items, as the index keeps them. */
async function readProjects(tx: Tx, ids: string[] | null): Promise<{ every: boolean; projects: Map<string, BoardIndexProject> }> {
  const params = ids ? [ids] : [];
  const projects = await tx.query<ProjectRow>(
    `SELECT p.id, p.code, p.national_code, p.name, p.owner->>'name' AS owner_name, p.owner->>'contactName' AS contact_name,
       p.owner->>'contactPhone' AS contact_phone, p.category, p.lead_department_id, p.registered_at, p.status,
       EXISTS (SELECT 1 FROM project_completions c WHERE c.project_id = p.id) AS completed,
       EXISTS (SELECT 1 FROM project_withdrawals w WHERE w.project_id = p.id) AS withdrawn
     FROM projects p ${ids ? 'WHERE p.id = ANY($1::uuid[])' : ''}`,
    params,
  );
  const items = await tx.query<ItemRow>(
    `SELECT i.project_id, i.department_id, i.status, i.due_at, e.kind AS explanation_kind, e.ruling_due_at, sp.id IS NOT NULL AS paused
     FROM approval_items i
       LEFT JOIN written_explanations e ON e.item_id = i.id AND e.status = 'pending'
       LEFT JOIN special_procedures sp ON sp.item_id = i.id AND sp.ends_at IS NULL
     ${ids ? 'WHERE i.project_id = ANY($1::uuid[])' : ''}`,
    params,
  );
  const itemsOf = new Map<string, BoardIndexItem[]>();
  for (const i of items) {
    let list = itemsOf.get(i.project_id);
    if (!list) itemsOf.set(i.project_id, (list = []));
    list.push({
      departmentId: i.department_id,
      status: i.status,
      dueAt: i.due_at?.getTime() ?? null,
      pendingExplanation: i.explanation_kind ? { kind: i.explanation_kind, rulingDueAt: i.ruling_due_at!.getTime() } : null,
      paused: i.paused,
    });
  }
  const map = new Map<string, BoardIndexProject>();
  for (const p of projects) {
    map.set(p.id, {
      id: p.id,
      code: p.code,
      searchable: [p.code, p.national_code, p.name, p.owner_name, p.contact_name, p.contact_phone]
        .filter((t): t is string => Boolean(t))
        .map((t) => t.toLowerCase()),
      category: p.category,
      leadDepartmentId: p.lead_department_id,
      registeredAt: p.registered_at.getTime(),
      status: p.status,
      completed: p.completed,
      withdrawn: p.withdrawn,
      items: itemsOf.get(p.id) ?? [],
    });
  }
  return { every: ids === null, projects: map };
}
