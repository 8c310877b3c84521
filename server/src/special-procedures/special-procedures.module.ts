import { Module } from '@nestjs/common';
import { SpecialProceduresController } from './special-procedures.controller';
import { SpecialProceduresService } from './special-procedures.service';

@Module({ controllers: [SpecialProceduresController], providers: [SpecialProceduresService], exports: [SpecialProceduresService] })
export class SpecialProceduresModule {}
