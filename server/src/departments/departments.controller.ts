import { Controller, Get } from '@nestjs/common';
import { Requires } from '../auth/requires.decorator';
import { ApiTags } from '@nestjs/swagger';
import type { Department } from '@hub/shared';
import { Database } from '../database/database';

@ApiTags('departments')
@Controller('departments')
export class DepartmentsController {
  constructor(private readonly db: Database) {}

  @Requires('board.read')
  @Get()
  list(): Promise<Department[]> {
    return this.db.query<Department>('SELECT id, code, name, name_en AS "nameEn", active FROM departments ORDER BY code');
  }
}
