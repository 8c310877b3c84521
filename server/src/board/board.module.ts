import { Module } from '@nestjs/common';
import { CalendarModule } from '../calendar/calendar.module';
import { BoardQueryService } from './board-query.service';
import { BoardController } from './board.controller';
import { BoardService } from './board.service';

@Module({ imports: [CalendarModule], controllers: [BoardController], providers: [BoardService, BoardQueryService] })
export class BoardModule {}
