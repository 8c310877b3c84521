import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import {
  BOARD_PAGE_MAX,
  BOARD_SORTS,
  BOARD_STATUS_FILTERS,
  boardStatusBounds,
  PROJECT_CATEGORIES,
  projectLifeState,
  selectBoard,
  type BoardIndexProject,
  type BoardQuery,
  type BoardRowProject,
  type BoardSelection,
  type ProjectPaperwork,
} from '@hub/shared';
import { CalendarService } from '../calendar/calendar.service';
import { badRequest } from '../common/problem';
import { Database, type Tx } from '../database/database';
import { MaterialsService } from '../materials/materials.service';
import { STANDING_PERMITS } from '../notices/standing-permit';
import { BoardIndex } from './board-index';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DEFAULT_LIMIT = 50;
/** Colours are computed at the hub time rounded down to this: one answer serves every request in the window. */
const TIME_BUCKET_MS = 5_000;
const CACHE_ENTRIES = 64;
/** Rows read per statement while warming the kept rows after a full read. */
const WARM_CHUNK = 200;
/** How long before its time window an answer asked for again is built for the next one. */
const PREBUILD_LEAD_MS = 2_000;

export type Encoding = 'br' | 'gzip' | 'identity';

/** One built answer: the JSON text and its compressed forms, made once each. */
export class BuiltBoardRows {
  private readonly encoded = new Map<Encoding, Buffer>();
  constructor(
    readonly etag: string,
    readonly json: string,
  ) {}

  body(encoding: Encoding): Buffer {
    let body = this.encoded.get(encoding);
    if (!body) {
      const raw = Buffer.from(this.json);
      body =
        encoding === 'br'
          ? brotliCompressSync(raw, { params: { [zlib.BROTLI_PARAM_QUALITY]: 5, [zlib.BROTLI_PARAM_SIZE_HINT]: raw.length } })
          : encoding === 'gzip'
            ? gzipSync(raw, { level: 6 })
            : raw;
      this.encoded.set(encoding, body);
    }
    return body;
  }
}

/** A query as the client may send it: strings from the URL, checked here (bad input names its field). */
export function parseBoardQuery(raw: Record<string, unknown>): Required<Pick<BoardQuery, 'sort' | 'offset' | 'limit'>> & BoardQuery {
  const text = (field: string): string | undefined => {
    const v = raw[field];
    if (v === undefined || v === '') return undefined;
    if (typeof v !== 'string') throw badRequest(field, `${field} must be given once, as text`);
    return v;
  };
  const oneOf = <T extends string>(field: string, values: readonly T[]): T | undefined => {
    const v = text(field);
    if (v !== undefined && !(values as readonly string[]).includes(v))
      throw badRequest(field, `${field} must be one of ${values.join(', ')}`);
    return v as T | undefined;
  };
  const uuid = (field: string): string | undefined => {
    const v = text(field);
    if (v !== undefined && !UUID.test(v)) throw badRequest(field, `${field} must be a department id`);
    return v?.toLowerCase();
  };
  const int = (field: string, min: number, max: number, fallback: number): number => {
    const v = text(field);
    if (v === undefined) return fallback;
    const n = Number(v);
    if (!/^\d+$/.test(v) || n < min || n > max) throw badRequest(field, `${field} must be a whole number from ${min} to ${max}`);
    return n;
  };
  const q = text('q')?.trim();
  if (q !== undefined && q.length > 100) throw badRequest('q', 'q must be at most 100 characters');
  return {
    q: q || undefined,
    department: uuid('department'),
    status: oneOf('status', BOARD_STATUS_FILTERS),
    category: oneOf('category', PROJECT_CATEGORIES),
    lead: uuid('lead'),
    completed: oneOf('completed', ['true', 'false']) === 'true' || undefined,
    sort: oneOf('sort', BOARD_SORTS) ?? 'urgency',
    offset: int('offset', 0, 1_000_000, 0),
    limit: int('limit', 0, BOARD_PAGE_MAX, DEFAULT_LIMIT),
  };
}

const iso = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * The rows of one page (issue 12): the projects whose ids $1 names, in that order, each with all
 * its items as the board draws them. Which projects, in which order, and the counts come from the
 * BoardIndex (selectBoard), read in the same snapshot.
 */
const PAGE_SQL = `
  WITH page AS (SELECT t.id, t.ord FROM unnest($1::uuid[]) WITH ORDINALITY AS t(id, ord)),
  page_items AS (
    SELECT i.project_id, json_agg(json_build_object(
        'id', i.id, 'projectId', i.project_id, 'departmentId', i.department_id, 'isLead', i.is_lead, 'status', i.status,
        'dueAt', ${iso('i.due_at')}, 'provisional', i.provisional,
        'deemedCause', CASE WHEN i.status = 'deemed_consent' THEN dc.cause END, 'noticeNumber', i.notice_number,
        'pendingExplanation', CASE WHEN e.kind IS NULL THEN NULL
          ELSE json_build_object('kind', e.kind, 'rulingDueAt', ${iso('e.ruling_due_at')}) END,
        'paused', CASE WHEN sp.id IS NULL THEN NULL
          ELSE json_build_object('procedureId', sp.id, 'kind', sp.kind, 'since', ${iso('sp.starts_at')}) END,
        'opposed', CASE WHEN op.kind = 'disagree' AND op.basis IS NOT NULL
          THEN json_build_object('meetingId', op.meeting_id, 'meetingTitle', op.title, 'basis', op.basis, 'givenAt', ${iso('op.given_at')}) END)
      ORDER BY i.is_lead DESC, d.code) AS items
    FROM page pg JOIN approval_items i ON i.project_id = pg.id JOIN departments d ON d.id = i.department_id
      LEFT JOIN written_explanations e ON e.item_id = i.id AND e.status = 'pending'
      LEFT JOIN deemed_consents dc ON dc.item_id = i.id AND dc.deadline_version = i.deadline_version
      LEFT JOIN special_procedures sp ON sp.item_id = i.id AND sp.ends_at IS NULL
      -- R18: the department's latest opinion in a meeting of the project.
      LEFT JOIN LATERAL (SELECT o.kind, o.basis, o.given_at, o.meeting_id, m.title FROM meeting_opinions o JOIN meetings m ON m.id = o.meeting_id
                         WHERE m.project_id = i.project_id AND o.department_id = i.department_id
                         ORDER BY o.given_at DESC, o.version DESC LIMIT 1) op ON true
    GROUP BY i.project_id
  )
  SELECT COALESCE(json_agg(json_build_object(
       'id', p.id, 'code', p.code, 'name', p.name, 'category', p.category, 'mega', p.mega, 'status', p.status,
       'registeredAt', ${iso('p.registered_at')}, 'leadDepartmentId', p.lead_department_id, 'items', COALESCE(pi.items, '[]'),
       'nationalCode', p.national_code, 'refused', p.admission_refused_at IS NOT NULL,
       'withdrawn', EXISTS (SELECT 1 FROM project_withdrawals w WHERE w.project_id = p.id),
       'permittedItems', ARRAY(SELECT s.item_id FROM (${STANDING_PERMITS}) s JOIN approval_items si ON si.id = s.item_id WHERE si.project_id = p.id))
     ORDER BY pg.ord), '[]') AS projects
  FROM page pg JOIN projects p ON p.id = pg.id LEFT JOIN page_items pi ON pi.project_id = p.id`;

/**
 * The board at thousands of projects (issue 12, R25): one page of it, filtered, sorted and paged
 * in SQL, with the counts of every filter value. The answer at one stream position and one time
 * window never changes, so it is built once (per query) and its ETag is known before reading it.
 * Every staff role reads the whole board (R2: board.read is 'any'), so the answer is no one's own.
 */
@Injectable()
export class BoardQueryService {
  private readonly cache = new Map<string, Promise<BuiltBoardRows>>();
  private readonly heads: SharedReads<Head>;
  private readonly index = new BoardIndex((position, ids) => void this.warmRows(position, ids).catch(() => undefined));

  constructor(
    private readonly db: Database,
    private readonly calendars: CalendarService,
    private readonly materials: MaterialsService,
  ) {
    this.heads = new SharedReads(async () => {
      const head = await this.db.one<{ position: string; now: Date; calendar: string }>(
        `SELECT COALESCE(MAX(position), 0) AS position, hub_now() AS now, (SELECT version FROM calendar_version) AS calendar FROM card_entries`,
      );
      return { position: Number(head!.position), now: head!.now, calendar: Number(head!.calendar) };
    });
  }

  /** Page rows held in memory: after a full read they are warmed to every project (up to a bound). */
  get rowsKept(): number {
    return this.index.rowsKept;
  }

  /** The ETag the answer to `query` has now, without building it: a client holding it gets a 304. */
  async currentEtag(query: BoardQuery): Promise<string> {
    const head = await this.heads.read();
    return etagOf(head.position, bucketOf(head.now), query);
  }

  /**
   * The answer as of now. Requests for the same answer share one build; no request holds a
   * connection while it waits for another's build (with ten pooled connections and fifty waiting
   * requests, a build needing one more would starve). An answer asked for again is built for the
   * next time window before that window starts, so while the stream stands still no request waits
   * for a build at the turn of the window (fifty did, at every turn).
   */
  async rows(query: ReturnType<typeof parseBoardQuery>): Promise<BuiltBoardRows> {
    const head = await this.heads.read();
    const bucket = bucketOf(head.now);
    const wanted = etagOf(head.position, bucket, query);
    const known = this.cache.get(wanted);
    const next = bucket + TIME_BUCKET_MS;
    if (known && head.now.getTime() >= next - PREBUILD_LEAD_MS)
      this.cached(etagOf(head.position, next, query), () => this.build(query, next, head)).catch(() => undefined);
    return known ?? this.cached(wanted, () => this.build(query, bucket, head));
  }

  private cached(etag: string, build: () => Promise<BuiltBoardRows>): Promise<BuiltBoardRows> {
    let built = this.cache.get(etag);
    if (!built) {
      built = build();
      this.cache.set(etag, built);
      built.catch(() => this.cache.delete(etag));
      while (this.cache.size > CACHE_ENTRIES) this.cache.delete(this.cache.keys().next().value!);
    }
    return built;
  }

  /**
   * The page and its counts exactly as of one stream position, coloured at `bucket`. When the
   * index stands at the head just read and holds the page's rows, nothing more is read (a search
   * of the board is then a few milliseconds of memory work). Otherwise one consistent read
   * (REPEATABLE READ) brings the index to its snapshot and reads the rows it lacks; when another
   * request has already moved the index past that snapshot, a newer one is taken.
   */
  private async build(query: ReturnType<typeof parseBoardQuery>, bucket: number, head: Head): Promise<BuiltBoardRows> {
    const { calendar, settings } = this.calendars.held(head.calendar) ?? (await this.calendars.current());
    const bounds = boardStatusBounds(new Date(bucket), calendar, settings);
    const select = (projects: Iterable<BoardIndexProject>) => selectBoard(projects, query, bounds);
    const quick = this.index.ifAt(head.position, select);
    if (quick) {
      const rows = this.index.keptRows(head.position, quick.ids);
      const missing = quick.ids.filter((id) => !rows.has(id));
      // The rows it lacks, read with the stream head in one statement (one snapshot): right for the
      // index's position if the head has not moved.
      for (const [id, row] of missing.length ? await this.readRowsAt(head.position, missing) : []) rows.set(id, row);
      if (rows.size === quick.ids.length) return answer(head.position, bucket, query, quick.counts, quick.ids, rows);
    }
    for (;;) {
      const built = await this.db.transaction(async (tx) => {
        await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY');
        const read = await tx.one<{ position: string; projects: number }>(
          'SELECT COALESCE(MAX(position), 0) AS position, (SELECT count(*) FROM projects)::int AS projects FROM card_entries',
        );
        const position = Number(read!.position);
        const selection = await this.index.at(tx, position, read!.projects, select);
        if (!selection) return undefined;
        const rows = this.index.keptRows(position, selection.ids);
        const missing = selection.ids.filter((id) => !rows.has(id));
        if (missing.length) {
          const fresh = await this.readRows(tx, missing);
          this.index.keepRows(position, fresh);
          for (const [id, row] of fresh) rows.set(id, row);
        }
        // The ETag names the position read here, which may be newer than the one the request saw.
        return answer(position, bucket, query, selection.counts, selection.ids, rows);
      });
      if (built) return built;
    }
  }

  /**
   * The page rows of `ids`, kept, if in the snapshot of the one statement reading them the stream
   * head is still `position` (none otherwise). A mega project's row is left out: its flag needs a
   * second read (paperwork), which only a transaction keeps in the same snapshot.
   */
  private async readRowsAt(position: number, ids: string[]): Promise<Map<string, string>> {
    const read = await this.db.one<{ position: string; projects: BoardRowRecord[] }>(
      `SELECT (SELECT COALESCE(MAX(position), 0) FROM card_entries) AS position, (${PAGE_SQL}) AS projects`,
      [ids],
    );
    if (Number(read!.position) !== position) return new Map();
    const rows = new Map(read!.projects.filter((p) => !p.mega).map((p) => [p.id, JSON.stringify(withLife(p))]));
    this.index.keepRows(position, rows);
    return rows;
  }

  /**
   * After the index read every project, their rows are read too, a chunk at a time, while the
   * stream stands at that position: a search then finds its rows in memory instead of reading them
   * (fifty different searches at once queued for the pool). Stops at the first chunk the stream
   * moved under, or on any error; the rows left are read when first asked for.
   */
  private async warmRows(position: number, ids: readonly string[]): Promise<void> {
    for (let from = 0; from < ids.length; from += WARM_CHUNK) {
      const chunk = ids.slice(from, from + WARM_CHUNK);
      if (!(await this.readRowsAt(position, chunk)).size) return;
    }
  }

  /** The page rows of `ids` as JSON, by project id, read in `tx`. */
  private async readRows(tx: Tx, ids: string[]): Promise<Map<string, string>> {
    const [page] = await tx.query<{ projects: BoardRowRecord[] }>(PAGE_SQL, [ids]);
    const projects = page!.projects.map(withLife);
    // R6: the flag of a mega project shows its forwarding; the few on a page read it here.
    const megas = projects.filter((p) => p.mega).map((p) => p.id);
    const paperwork = megas.length ? await this.materials.paperwork(tx, megas) : new Map<string, ProjectPaperwork>();
    for (const p of projects) if (paperwork.has(p.id)) p.paperwork = paperwork.get(p.id);
    return new Map(projects.map((p) => [p.id, JSON.stringify(p)]));
  }
}

/** The stream head, the hub clock and the calendar's version, read together once for the requests arriving together. */
interface Head {
  position: number;
  now: Date;
  calendar: number;
}

function answer(
  position: number,
  bucket: number,
  query: ReturnType<typeof parseBoardQuery>,
  counts: BoardSelection['counts'],
  ids: readonly string[],
  rows: ReadonlyMap<string, string>,
): BuiltBoardRows {
  const projects = ids.flatMap((id) => rows.get(id) ?? []).join(',');
  const json = `{"position":${position},"asOf":${JSON.stringify(new Date(bucket).toISOString())},"offset":${query.offset},"limit":${query.limit},"counts":${JSON.stringify(counts)},"projects":[${projects}]}`;
  return new BuiltBoardRows(etagOf(position, bucket, query), json);
}

/**
 * One read shared by the requests that arrive while another is under way: they take the next read,
 * which starts after they arrived (never the one under way, which could miss a change committed
 * just before them), so fifty requests at once cost a read or two instead of fifty.
 */
export class SharedReads<T> {
  private running: Promise<T> | null = null;
  private waiting: Promise<T> | null = null;

  constructor(private readonly fetch: () => Promise<T>) {}

  read(): Promise<T> {
    if (!this.running) {
      this.running = this.fetch().finally(() => (this.running = null));
      return this.running;
    }
    this.waiting ??= this.running
      .catch(() => undefined)
      .then(() => {
        this.waiting = null;
        return this.read();
      });
    return this.waiting;
  }
}

/** A row as the statement builds it: the facts of the project's life (R4a) beside it, not sent. */
type BoardRowRecord = BoardRowProject & { refused: boolean; withdrawn: boolean; permittedItems: string[] };

/** R4a: the row carries the project's state, computed by the one domain rule from its facts. */
function withLife({ refused, withdrawn, permittedItems, ...row }: BoardRowRecord): BoardRowProject {
  const permitted = new Set(permittedItems);
  const life = projectLifeState({
    admitted: row.status === 'in_channel',
    refused,
    withdrawn,
    items: row.items.map((i) => ({ status: i.status, permitted: permitted.has(i.id) })),
  });
  return { ...row, life };
}

const bucketOf = (now: Date) => Math.floor(now.getTime() / TIME_BUCKET_MS) * TIME_BUCKET_MS;

function etagOf(position: number, bucket: number, query: BoardQuery): string {
  const key = JSON.stringify([
    query.q,
    query.department,
    query.status,
    query.category,
    query.lead,
    query.completed,
    query.sort,
    query.offset,
    query.limit,
  ]);
  return `W/"${position}-${bucket}-${createHash('sha256').update(key).digest('base64url').slice(0, 16)}"`;
}
