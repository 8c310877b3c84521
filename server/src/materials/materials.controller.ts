import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { IssuedReceipt, MaterialView, NoticeSummary, ProjectMaterialsView, SessionUser } from '@hub/shared';
import { CurrentUser } from '../auth/current-user.decorator';
import { Requires } from '../auth/requires.decorator';
import {
  AddMaterialDto,
  IssueOneTimeNotificationDto,
  IssueReceiptDto,
  MaterialRulingDto,
  RecordPickupDto,
  RecordReceivedDto,
} from './materials.dto';
import { MaterialsService } from './materials.service';

@ApiTags('materials')
@Controller()
export class MaterialsController {
  constructor(private readonly materials: MaterialsService) {}

  @Requires('project.read')
  @Get('projects/:id/materials')
  view(@CurrentUser() user: SessionUser, @Param('id', ParseUUIDPipe) id: string): Promise<ProjectMaterialsView> {
    return this.materials.view(user, id);
  }

  @Requires('materials.request')
  @Post('items/:id/materials')
  add(@CurrentUser() user: SessionUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: AddMaterialDto): Promise<MaterialView> {
    return this.materials.add(user, id, dto);
  }

  @Requires('materials.record')
  @Post('materials/:id/received')
  @HttpCode(200)
  receive(@CurrentUser() user: SessionUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: RecordReceivedDto): Promise<MaterialView> {
    return this.materials.receive(user, id, dto);
  }

  @Requires('materials.rule')
  @Post('materials/:id/ruling')
  @HttpCode(200)
  rule(@CurrentUser() user: SessionUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: MaterialRulingDto): Promise<MaterialView> {
    return this.materials.rule(user, id, dto);
  }

  @Requires('notice.issue')
  @Post('projects/:id/one-time-notification')
  issueOneTimeNotification(
    @CurrentUser() user: SessionUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: IssueOneTimeNotificationDto,
  ): Promise<NoticeSummary> {
    return this.materials.issueOneTimeNotification(user, id, dto);
  }

  @Requires('notice.issue')
  @Post('projects/:id/receipts')
  issueReceipt(
    @CurrentUser() user: SessionUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: IssueReceiptDto,
  ): Promise<IssuedReceipt> {
    return this.materials.issueReceipt(user, id, dto);
  }

  @Requires('pickup.record')
  @Post('receipts/:id/pickup')
  recordPickup(
    @CurrentUser() user: SessionUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: RecordPickupDto,
  ): Promise<NoticeSummary> {
    return this.materials.recordPickup(user, id, dto);
  }
}
