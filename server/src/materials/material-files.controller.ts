import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Put, Query, Req, Res } from '@nestjs/common';
import { ApiConsumes, ApiHeader, ApiProperty, ApiTags } from '@nestjs/swagger';
import { MAX_FILE_BYTES_RANGE, type MaterialFilesSettings, type MaterialFileView, type SessionUser } from '@hub/shared';
import { IsInt, Max, Min } from 'class-validator';
import type { Request, Response } from 'express';
import { CurrentUser } from '../auth/current-user.decorator';
import { Requires } from '../auth/requires.decorator';
import { MaterialFilesService } from './material-files.service';

export class MaterialFilesSettingsDto implements MaterialFilesSettings {
  @ApiProperty({ description: 'Largest file accepted, in bytes (1 MB – 2 GB)' })
  @IsInt()
  @Min(MAX_FILE_BYTES_RANGE.min)
  @Max(MAX_FILE_BYTES_RANGE.max)
  maxBytes: number;
}

/** RFC 6266: an ASCII fallback and the UTF-8 name, so 项目申请报告.pdf downloads under its own name. */
function contentDisposition(kind: 'inline' | 'attachment', name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

@ApiTags('materials')
@Controller()
export class MaterialFilesController {
  constructor(private readonly files: MaterialFilesService) {}

  /** R28: the body is the file itself (streamed, never parsed); its name in X-File-Name, URL-encoded. */
  @Requires('materials.attach')
  @Post('materials/:id/files')
  @ApiConsumes('application/octet-stream')
  @ApiHeader({ name: 'X-File-Name', description: 'The file name, URL-encoded UTF-8', required: true })
  attach(@CurrentUser() user: SessionUser, @Param('id', ParseUUIDPipe) id: string, @Req() req: Request): Promise<MaterialFileView> {
    return this.files.attach(user, id, req);
  }

  /** R28/R2: the bytes with their detected type; `inline=1` shows a PDF or image in the browser. */
  @Requires('project.read')
  @Get('material-files/:id')
  async download(
    @CurrentUser() user: SessionUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Query('inline') inline: string | undefined,
    @Res() res: Response,
  ): Promise<void> {
    const { file, content } = await this.files.open(user, id);
    const shown = inline === '1' && file.previewable;
    res.status(200);
    res.setHeader('Content-Type', file.contentType);
    res.setHeader('Content-Length', String(file.size));
    res.setHeader('Content-Disposition', contentDisposition(shown ? 'inline' : 'attachment', file.name));
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Cache-Control', 'private, no-cache');
    res.setHeader('ETag', `"${file.sha256}"`);
    content.once('error', () => res.destroy());
    content.pipe(res);
  }

  @Requires('project.read')
  @Get('settings/files')
  settings(@CurrentUser() user: SessionUser): Promise<MaterialFilesSettings> {
    return this.files.settings(user);
  }

  @Requires('settings.edit')
  @Put('settings/files')
  updateSettings(@CurrentUser() user: SessionUser, @Body() dto: MaterialFilesSettingsDto): Promise<MaterialFilesSettings> {
    return this.files.updateSettings(user, { maxBytes: dto.maxBytes });
  }
}
