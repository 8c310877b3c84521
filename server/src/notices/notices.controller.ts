import { Controller, Get, Param, ParseUUIDPipe, StreamableFile } from '@nestjs/common';
import { ApiProduces, ApiTags } from '@nestjs/swagger';
import type { NoticeSummary, NoticeView, SessionUser } from '@hub/shared';
import { CurrentUser } from '../auth/current-user.decorator';
import { Requires } from '../auth/requires.decorator';
import { NoticesService } from './notices.service';

@ApiTags('documents')
@Controller()
export class NoticesController {
  constructor(private readonly notices: NoticesService) {}

  @Requires('notice.read')
  @Get('projects/:id/notices')
  list(@CurrentUser() user: SessionUser, @Param('id', ParseUUIDPipe) id: string): Promise<NoticeSummary[]> {
    return this.notices.listForProject(user, id);
  }

  @Requires('notice.read')
  @Get('notices/:id')
  view(@CurrentUser() user: SessionUser, @Param('id', ParseUUIDPipe) id: string): Promise<NoticeView> {
    return this.notices.view(user, id);
  }

  /** R17: the document as an A4 PDF, named by its number (UTF-8 filename, ASCII fallback). */
  @Requires('notice.read')
  @Get('notices/:id/pdf')
  @ApiProduces('application/pdf')
  async pdf(@CurrentUser() user: SessionUser, @Param('id', ParseUUIDPipe) id: string): Promise<StreamableFile> {
    const { pdf, filename, asciiFilename } = await this.notices.pdf(user, id);
    return new StreamableFile(pdf, {
      type: 'application/pdf',
      length: pdf.length,
      disposition: `attachment; filename="${asciiFilename}"; filename*=UTF-8''${encodeURIComponent(filename)}`,
    });
  }
}
