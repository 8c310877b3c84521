import { Module } from '@nestjs/common';
import { CardModule } from '../card/card.module';
import { WallController } from './wall.controller';

@Module({ imports: [CardModule], controllers: [WallController] })
export class WallModule {}
