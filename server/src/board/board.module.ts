import { Module } from '@nestjs/common';
import { BoardQueryService } from './board-query.service';
import { BoardController } from './board.controller';
import { BoardService } from './board.service';

@Module({ controllers: [BoardController], providers: [BoardService, BoardQueryService] })
export class BoardModule {}
