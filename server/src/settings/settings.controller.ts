import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { ConfigurationChange, HubSettings, SessionUser } from '@hub/shared';
import { CurrentUser } from '../auth/current-user.decorator';
import { Requires } from '../auth/requires.decorator';
import { UpdateSettingsDto } from './settings.dto';
import { SettingsService } from './settings.service';

@ApiTags('settings')
@Controller('settings')
export class SettingsController {
  constructor(private readonly settings: SettingsService) {}

  @Requires('settings.edit')
  @Get()
  get(@CurrentUser() user: SessionUser): Promise<HubSettings> {
    return this.settings.get(user);
  }

  @Requires('settings.edit')
  @Put()
  update(@CurrentUser() user: SessionUser, @Body() dto: UpdateSettingsDto): Promise<HubSettings> {
    return this.settings.update(user, dto);
  }

  /** Calendar and settings changes on record, newest first. */
  @Requires('settings.edit')
  @Get('changes')
  changes(@CurrentUser() user: SessionUser): Promise<ConfigurationChange[]> {
    return this.settings.changes(user);
  }
}
