import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { SessionUser } from '@hub/shared';
import { CurrentUser } from '../auth/current-user.decorator';
import { Requires } from '../auth/requires.decorator';
import { BoardService } from './board.service';

@ApiTags('board')
@Controller('board')
export class BoardController {
  constructor(private readonly board: BoardService) {}

  /** A BoardSnapshot (shared/contracts/card.ts), sent as the JSON text built once per stream position. */
  @Requires('board.read')
  @Get()
  @Header('content-type', 'application/json; charset=utf-8')
  @ApiOkResponse({ description: 'BoardSnapshot: { position, serverNow, projects }' })
  snapshot(@CurrentUser() user: SessionUser): Promise<string> {
    return this.board.snapshotJson(user);
  }
}
