import { Module } from '@nestjs/common';
import { DepartmentsAdminService } from './departments-admin.service';
import { DeputiesService } from './deputies.service';
import { FirstStartService } from './first-start.service';
import { DeputiesController, PeopleController, SetupController } from './people.controller';
import { UsersService } from './users.service';

/** R1: departments, people, deputies and the first admin. */
@Module({
  controllers: [PeopleController, DeputiesController, SetupController],
  providers: [DepartmentsAdminService, UsersService, DeputiesService, FirstStartService],
  exports: [FirstStartService, UsersService],
})
export class PeopleModule {}
