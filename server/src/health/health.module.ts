import { Module } from '@nestjs/common';
import { BoardModule } from '../board/board.module';
import { HealthController } from './health.controller';
import { MetricsController } from './metrics.controller';

@Module({ imports: [BoardModule], controllers: [HealthController, MetricsController] })
export class HealthModule {}
