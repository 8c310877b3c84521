import { ConsoleLogger, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import express from 'express';
import helmet from 'helmet';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { AppModule } from '../app.module';
import { compressedAssets, loadClientAssets, sendAsset } from './client-assets';
import { csrfMiddleware } from '../auth/csrf.middleware';
import { InputTextPipe } from '../common/input-text';
import { ProblemFilter } from '../common/problem.filter';
import { hubValidationPipe } from '../common/validation';
import type { HubConfig } from '../config/hub-config';
import { migrate } from '../database/migrate';
import { HubIoAdapter } from '../realtime/hub-io.adapter';

/** The whole hub as one Nest application (not yet listening): used by main and by the integration tests. */
export async function createHubApp(config: HubConfig, opts: { logger?: false } = {}): Promise<INestApplication> {
  await migrate(config.databaseUrl);
  const logger = opts.logger === false ? false : new ConsoleLogger({ json: config.logJson, colors: !config.logJson });
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), { logger, bufferLogs: true });
  // Only the named proxies' X-Forwarded-* count: anyone else's would choose their own address.
  app.set('trust proxy', config.trustedProxies.length > 0 ? config.trustedProxies : false);
  app.disable('x-powered-by');
  app.use(securityHeaders(config));
  app.use(cookieParser());
  // Card checkpoints (R5) list every project's head; everything else is far smaller.
  app.useBodyParser('json', { limit: '5mb' });
  app.use('/api', csrfMiddleware(config));
  app.setGlobalPrefix('api', { exclude: ['health', 'metrics'] });
  // R26: NUL characters, lone surrogates and absurd nesting are refused before validation sees them.
  app.useGlobalPipes(new InputTextPipe(), hubValidationPipe);
  app.useGlobalFilters(new ProblemFilter());
  app.useWebSocketAdapter(await HubIoAdapter.create(app, config));

  const openApi = new DocumentBuilder()
    .setTitle('Green Channel Hub API (绿色通道协同平台)')
    .setDescription(
      'Key projects through the green channel: intake, admission, approval items, deadlines, tracking card. Errors are application/problem+json.',
    )
    .setVersion('1')
    .addCookieAuth('hub_session')
    .build();
  SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, openApi));

  if (config.clientDir && existsSync(join(config.clientDir, 'index.html'))) serveClient(app, config.clientDir);
  return app;
}

/**
 * Helmet's headers. `upgrade-insecure-requests` only behind TLS (HUB_SECURE_COOKIES=1, or a trusted
 * proxy saying https): sent over plain http on the intranet, it makes a browser on another machine
 * fetch the client's scripts over https, which nothing serves, and the page stays blank.
 */
function securityHeaders(config: HubConfig): express.RequestHandler {
  const headers = (tls: boolean) =>
    helmet({
      contentSecurityPolicy: { directives: { 'connect-src': ["'self'", 'ws:', 'wss:'], 'upgrade-insecure-requests': tls ? [] : null } },
      hsts: config.secureCookies,
    });
  const overTls = headers(true);
  const plain = headers(false);
  return (req, res, next) => (config.secureCookies || req.secure ? overTls : plain)(req, res, next);
}

/**
 * The built Angular client: text assets precompressed (br/gzip) with immutable caching for hashed
 * files, other files (fonts, images) from disk, and deep links falling back to index.html.
 */
function serveClient(app: NestExpressApplication, dir: string): void {
  const assets = loadClientAssets(dir);
  const index = assets.get('/index.html')!;
  app.use(compressedAssets(assets));
  app.use(express.static(dir, { index: false, maxAge: '1h' }));
  app.use((req: express.Request, res: express.Response, next: express.NextFunction) => {
    if (req.method !== 'GET' || /^\/(api|socket\.io|health|metrics)(\/|$)/.test(req.path)) return next();
    sendAsset(req, res, index);
  });
}
