import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { Requires } from '../auth/requires.decorator';
import { ApiTags } from '@nestjs/swagger';
import type { CardEntry, CardVerification } from '@hub/shared';
import { ProjectsService } from './projects.service';
import { CardService } from '../card/card.service';

@ApiTags('tracking card')
@Controller('projects/:id/card')
export class CardController {
  constructor(
    private readonly card: CardService,
    private readonly projects: ProjectsService,
  ) {}

  @Requires('card.read')
  @Get()
  async list(@Param('id', ParseUUIDPipe) id: string): Promise<CardEntry[]> {
    await this.projects.assertExists(id);
    return this.card.list(id);
  }

  @Requires('card.read')
  @Get('verification')
  async verify(@Param('id', ParseUUIDPipe) id: string): Promise<CardVerification> {
    await this.projects.assertExists(id);
    return this.card.verify(id);
  }
}
