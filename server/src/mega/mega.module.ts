import { Global, Module } from '@nestjs/common';
import { MegaController } from './mega.controller';
import { MegaService } from './mega.service';

@Global()
@Module({ controllers: [MegaController], providers: [MegaService], exports: [MegaService] })
export class MegaModule {}
