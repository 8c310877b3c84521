import { Controller, Get, Param, ParseUUIDPipe, Query, StreamableFile } from '@nestjs/common';
import { ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import { DOCUMENT_LANGUAGES, type DocumentLanguage, type NoticeSummary, type NoticeView, type SessionUser } from '@hub/shared';
import { CurrentUser } from '../auth/current-user.decorator';
import { Requires } from '../auth/requires.decorator';
import { refusedBy } from '../common/problem';
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

  /** R17: the document as an A4 PDF, named by its number (UTF-8 filename, ASCII fallback); ?lang=en prints it in English. */
  @Requires('notice.read')
  @Get('notices/:id/pdf')
  @ApiProduces('application/pdf')
  @ApiQuery({ name: 'lang', required: false, enum: DOCUMENT_LANGUAGES })
  async pdf(
    @CurrentUser() user: SessionUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Query('lang') lang?: string,
  ): Promise<StreamableFile> {
    if (lang !== undefined && !DOCUMENT_LANGUAGES.includes(lang as DocumentLanguage))
      throw refusedBy('R17', 'lang', `lang is one of ${DOCUMENT_LANGUAGES.join(', ')}`);
    const { pdf, filename, asciiFilename } = await this.notices.pdf(user, id, (lang as DocumentLanguage | undefined) ?? 'zh');
    return new StreamableFile(pdf, {
      type: 'application/pdf',
      length: pdf.length,
      disposition: `attachment; filename="${asciiFilename}"; filename*=UTF-8''${encodeURIComponent(filename)}`,
    });
  }
}
