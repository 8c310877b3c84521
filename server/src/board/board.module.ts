import { Module } from '@nestjs/common';
import { CalendarModule } from '../calendar/calendar.module';
import { MaterialsModule } from '../materials/materials.module';
import { ProjectsModule } from '../projects/projects.module';
import { BoardQueryService } from './board-query.service';
import { BoardController } from './board.controller';
import { BoardService } from './board.service';

@Module({
  imports: [CalendarModule, MaterialsModule, ProjectsModule],
  controllers: [BoardController],
  providers: [BoardService, BoardQueryService],
  exports: [BoardQueryService],
})
export class BoardModule {}
