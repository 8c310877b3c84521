import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type {
  DeputiesOverview,
  DepartmentAdminView,
  DeputyView,
  OneTimePasswordResult,
  PeopleImportPreview,
  PeopleImportResult,
  SessionUser,
  UserView,
} from '@hub/shared';
import { CurrentUser } from '../auth/current-user.decorator';
import { Public } from '../auth/public.decorator';
import { Requires } from '../auth/requires.decorator';
import { DepartmentsAdminService } from './departments-admin.service';
import { DeputiesService } from './deputies.service';
import { FirstStartService } from './first-start.service';
import { ContactDto, CreateUserDto, NameDeputyDto, PeopleImportDto, SaveDepartmentDto, SetupDto } from './people.dto';
import { UsersService } from './users.service';

/** R1: the admin keeps departments and people through the hub itself. */
@ApiTags('people')
@Controller('admin')
export class PeopleController {
  constructor(
    private readonly departments: DepartmentsAdminService,
    private readonly users: UsersService,
  ) {}

  @Requires('people.manage')
  @Get('departments')
  listDepartments(@CurrentUser() user: SessionUser): Promise<DepartmentAdminView[]> {
    return this.departments.list(user);
  }

  @Requires('people.manage')
  @Post('departments')
  createDepartment(@CurrentUser() user: SessionUser, @Body() dto: SaveDepartmentDto): Promise<DepartmentAdminView> {
    return this.departments.create(user, dto);
  }

  @Requires('people.manage')
  @Patch('departments/:id')
  updateDepartment(
    @CurrentUser() user: SessionUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: SaveDepartmentDto,
  ): Promise<DepartmentAdminView> {
    return this.departments.update(user, id, dto);
  }

  @Requires('people.manage')
  @Post('departments/:id/deactivation')
  @HttpCode(200)
  deactivateDepartment(@CurrentUser() user: SessionUser, @Param('id', ParseUUIDPipe) id: string): Promise<DepartmentAdminView> {
    return this.departments.deactivate(user, id);
  }

  @Requires('people.manage')
  @Get('users')
  listUsers(@CurrentUser() user: SessionUser): Promise<UserView[]> {
    return this.users.list(user);
  }

  @Requires('people.manage')
  @Post('users')
  createUser(@CurrentUser() user: SessionUser, @Body() dto: CreateUserDto): Promise<OneTimePasswordResult> {
    return this.users.create(user, dto);
  }

  @Requires('people.manage')
  @Post('users/:id/password-reset')
  @HttpCode(200)
  resetPassword(@CurrentUser() user: SessionUser, @Param('id', ParseUUIDPipe) id: string): Promise<OneTimePasswordResult> {
    return this.users.resetPassword(user, id);
  }

  @Requires('people.manage')
  @Post('users/:id/deactivation')
  @HttpCode(200)
  deactivateUser(@CurrentUser() user: SessionUser, @Param('id', ParseUUIDPipe) id: string): Promise<UserView> {
    return this.users.deactivate(user, id);
  }

  @Requires('people.manage')
  @Post('users/:id/reactivation')
  @HttpCode(200)
  reactivateUser(@CurrentUser() user: SessionUser, @Param('id', ParseUUIDPipe) id: string): Promise<UserView> {
    return this.users.reactivate(user, id);
  }

  /** R27: the person's e-mail and mobile, set by the admin (checked as the person's own; on record). */
  @Requires('people.manage')
  @Patch('users/:id/contact')
  updateContact(@CurrentUser() user: SessionUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ContactDto): Promise<UserView> {
    return this.users.updateContact(user, id, dto);
  }

  /** Reads the file and names every bad row; writes nothing. */
  @Requires('people.manage')
  @Post('people-import/preview')
  @HttpCode(200)
  previewImport(@CurrentUser() user: SessionUser, @Body() dto: PeopleImportDto): Promise<PeopleImportPreview> {
    return this.users.previewImport(user, dto.content);
  }

  @Requires('people.manage')
  @Post('people-import')
  importPeople(@CurrentUser() user: SessionUser, @Body() dto: PeopleImportDto): Promise<PeopleImportResult> {
    return this.users.import(user, dto.content);
  }
}

/** R1: a liaison names its deputy for a period (the admin for any liaison). */
@ApiTags('people')
@Controller('deputies')
export class DeputiesController {
  constructor(private readonly deputies: DeputiesService) {}

  @Requires('deputy.name')
  @Get()
  overview(@CurrentUser() user: SessionUser): Promise<DeputiesOverview> {
    return this.deputies.overview(user);
  }

  @Requires('deputy.name')
  @Post()
  name(@CurrentUser() user: SessionUser, @Body() dto: NameDeputyDto): Promise<DeputyView> {
    return this.deputies.name(user, dto);
  }

  /** R1: ends a period now (withdraws one not yet begun); on record. */
  @Requires('deputy.name')
  @Post(':id/end')
  @HttpCode(200)
  end(@CurrentUser() user: SessionUser, @Param('id', ParseUUIDPipe) id: string): Promise<DeputyView> {
    return this.deputies.end(user, id);
  }
}

/** R1: the first admin's one-time setup link (printed at first start on an empty database). */
@ApiTags('people')
@Controller('setup')
export class SetupController {
  constructor(private readonly firstStart: FirstStartService) {}

  @Public()
  @Post()
  @HttpCode(204)
  setup(@Body() dto: SetupDto): Promise<void> {
    return this.firstStart.useSetupLink(dto.token, dto.newPassword);
  }
}
