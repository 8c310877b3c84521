import { Body, Controller, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { NoticeView, SessionUser } from '@hub/shared';
import { CurrentUser } from '../auth/current-user.decorator';
import { Requires } from '../auth/requires.decorator';
import { CorrectNoticeDto } from './correction.dto';
import { CorrectionsService } from './corrections.service';

@ApiTags('documents')
@Controller()
export class CorrectionsController {
  constructor(private readonly corrections: CorrectionsService) {}

  /** R17: a leader corrects a document by a numbered correction notice; for a deemed consent's notice, revokes it. */
  @Requires('notice.correct')
  @Post('notices/:id/corrections')
  correct(@CurrentUser() user: SessionUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: CorrectNoticeDto): Promise<NoticeView> {
    return this.corrections.correct(user, id, dto);
  }
}
