import { Module } from '@nestjs/common';
import { TestClockController } from './test-clock.controller';

@Module({ controllers: [TestClockController] })
export class TestClockModule {}
