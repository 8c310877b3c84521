import { Global, Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { HubConfig } from '../config/hub-config';
import { Database } from './database';
import { HubClock } from './hub-clock';
import { HubSqlLogger } from './sql-logger';

@Global()
@Module({})
export class DatabaseModule {
  static forRoot(config: HubConfig): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRoot({
          type: 'postgres',
          url: config.databaseUrl,
          entities: [],
          // Migrations run before the app starts, under a lock (see migrate.ts).
          migrationsRun: false,
          synchronize: false,
          uuidExtension: 'pgcrypto',
          // Failed queries are logged without their parameters (people's names, phone numbers).
          logger: new HubSqlLogger(),
          extra: {
            max: 10,
            // A database that does not answer (host gone, frozen) fails a connect instead of hanging it.
            connectionTimeoutMillis: 5000,
            // A frozen instance must not hold claimed deadlines for long (DESIGN: deadlines): claim
            // transactions set 1 s themselves (CLAIM_TX). Everything else gets a limit no honest
            // transaction reaches even on a machine under load, which still frees the stream lock
            // every writer needs should an instance freeze inside a request.
            options: '-c idle_in_transaction_session_timeout=15000 -c TimeZone=UTC',
          },
        }),
      ],
      providers: [Database, HubClock],
      exports: [Database, HubClock],
    };
  }
}
