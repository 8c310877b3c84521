import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { CardEntry } from '@hub/shared';
import { Requires } from '../auth/requires.decorator';
import { CardService } from '../card/card.service';

const TICKER_LENGTH = 20;

/** The wall display (center's big screen): the ticker starts from the latest card entries, then goes live. */
@ApiTags('board')
@Controller('wall')
export class WallController {
  constructor(private readonly card: CardService) {}

  @Requires('board.read')
  @Get('ticker')
  ticker(): Promise<CardEntry[]> {
    return this.card.latest(TICKER_LENGTH);
  }
}
