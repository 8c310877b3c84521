import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import type { PublicProjectStatus, SessionUser } from '@hub/shared';
import { CurrentUser } from '../auth/current-user.decorator';
import { Public } from '../auth/public.decorator';
import { Requires } from '../auth/requires.decorator';
import { AccessCodes } from '../materials/access-codes';
import { ProjectStatusLookupDto } from './public-status.dto';
import { PublicStatusService } from './public-status.service';

@ApiTags('applicant')
@Controller()
export class PublicStatusController {
  constructor(
    private readonly status: PublicStatusService,
    private readonly access: AccessCodes,
  ) {}

  /** R1: no session; the codes are the credential (POST so they stay out of URLs and logs). */
  @Public()
  @Post('public/project-status')
  @HttpCode(200)
  lookup(@Body() dto: ProjectStatusLookupDto, @Req() req: Request): Promise<PublicProjectStatus> {
    return this.status.lookup(dto, req.ip ?? 'unknown');
  }

  @Requires('notice.issue')
  @Post('projects/:id/access-code')
  reissue(@CurrentUser() user: SessionUser, @Param('id', ParseUUIDPipe) id: string): Promise<{ projectCode: string; accessCode: string }> {
    return this.access.reissue(user, id);
  }
}
