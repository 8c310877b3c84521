import { Controller, Get, Header, Query, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { BoardHead, SessionUser } from '@hub/shared';
import { CurrentUser } from '../auth/current-user.decorator';
import { Requires } from '../auth/requires.decorator';
import { Database } from '../database/database';
import { BoardQueryService, parseBoardQuery, type Encoding } from './board-query.service';
import { BoardService } from './board.service';

/** Compressed only when worth it: a small answer costs more to compress than to send. */
const COMPRESS_FROM_BYTES = 1024;

@ApiTags('board')
@Controller('board')
export class BoardController {
  constructor(
    private readonly board: BoardService,
    private readonly rowsQuery: BoardQueryService,
    private readonly db: Database,
  ) {}

  /** A BoardSnapshot (shared/contracts/card.ts), sent as the JSON text built once per stream position. */
  @Requires('board.read')
  @Get()
  @Header('content-type', 'application/json; charset=utf-8')
  @ApiOkResponse({ description: 'BoardSnapshot: { position, serverNow, projects }' })
  snapshot(@CurrentUser() user: SessionUser): Promise<string> {
    return this.board.snapshotJson(user);
  }

  /** R25: where the card stream is and the hub clock; a live client replays from here. */
  @Requires('board.read')
  @Get('head')
  @ApiOkResponse({ description: 'BoardHead: { position, serverNow }' })
  async head(): Promise<BoardHead> {
    const head = await this.db.one<{ position: string; now: Date }>(
      `SELECT COALESCE(MAX(position), 0) AS position, date_trunc('milliseconds', hub_now()) AS now FROM card_entries`,
    );
    return { position: Number(head!.position), serverNow: head!.now.toISOString() };
  }

  /**
   * Issue 12: one page of the board, filtered, sorted and paged by the server, with the counts of
   * every filter (BoardRows). Conditional (ETag / If-None-Match → 304) and compressed (br, gzip).
   */
  @Requires('board.read')
  @Get('rows')
  @ApiOkResponse({ description: 'BoardRows: { position, asOf, offset, limit, counts, projects }' })
  async rows(@Query() raw: Record<string, unknown>, @Req() req: Request, @Res() res: Response): Promise<void> {
    const query = parseBoardQuery(raw);
    res.setHeader('cache-control', 'private, no-cache');
    res.setHeader('vary', 'accept-encoding, cookie');
    const held = req.headers['if-none-match'];
    if (held && held === (await this.rowsQuery.currentEtag(query))) {
      res.setHeader('etag', held);
      res.status(304).end();
      return;
    }
    const built = await this.rowsQuery.rows(query);
    const encoding = built.json.length < COMPRESS_FROM_BYTES ? 'identity' : preferredEncoding(req.headers['accept-encoding']);
    res.setHeader('etag', built.etag);
    res.setHeader('content-type', 'application/json; charset=utf-8');
    if (encoding !== 'identity') res.setHeader('content-encoding', encoding);
    res.status(200).end(built.body(encoding));
  }
}

function preferredEncoding(accepted: string | undefined): Encoding {
  const offered = (accepted ?? '').split(',').map((part) => {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => /^\s*q=([\d.]+)/.exec(p)?.[1]).find(Boolean);
    return { name, q: q === undefined ? 1 : Number(q) };
  });
  const ok = (name: string) => offered.some((o) => o.name === name && o.q > 0);
  return ok('br') ? 'br' : ok('gzip') ? 'gzip' : 'identity';
}
