import { Module } from '@nestjs/common';
import { CardModule } from '../card/card.module';
import { HUB_CONFIG, type HubConfig } from '../config/hub-config';
import { DiskFileStore, FILE_STORE } from './file-store';
import { MaterialFilesController } from './material-files.controller';
import { MaterialFilesService } from './material-files.service';

/** R28: material files; the store is the local disk until an S3-compatible one is configured. */
@Module({
  imports: [CardModule],
  controllers: [MaterialFilesController],
  providers: [
    MaterialFilesService,
    { provide: FILE_STORE, inject: [HUB_CONFIG], useFactory: (config: HubConfig) => new DiskFileStore(config.filesDir).init() },
  ],
  exports: [MaterialFilesService],
})
export class MaterialFilesModule {}
