import { Controller, Get } from '@nestjs/common';
import { Requires } from '../auth/requires.decorator';
import { ApiTags } from '@nestjs/swagger';
import type { BoardSnapshot, SessionUser } from '@hub/shared';
import { CurrentUser } from '../auth/current-user.decorator';
import { BoardService } from './board.service';

@ApiTags('board')
@Controller('board')
export class BoardController {
  constructor(private readonly board: BoardService) {}

  @Requires('board.read')
  @Get()
  snapshot(@CurrentUser() user: SessionUser): Promise<BoardSnapshot> {
    return this.board.snapshot(user);
  }
}
