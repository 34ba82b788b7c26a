import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { dataSourceOptions } from './database/data-source';
import { DatabaseBootstrapService } from './database/database-bootstrap.service';
import { DemoSeedService } from './database/seeds/demo.seed';
import { AdminModule } from './modules/admin/admin.module';
import { AuditModule } from './modules/audit/audit.module';
import { LinksModule } from './modules/links/links.module';
import { WorkModule } from './modules/work/work.module';
import { CasesModule } from './modules/cases/cases.module';
import { HealthModule } from './modules/health/health.module';
import { IdentityModule } from './modules/identity/identity.module';
import { InsightModule } from './modules/insight/insight.module';
import { ReferenceModule } from './modules/reference/reference.module';
import { QueueModule } from './queue/queue.module';
import type { Runtime } from './runtime/runtime';
import { APP_CONFIG, RUNTIME } from './runtime/runtime.tokens';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,100}$/;

/** `/api/links/<token>/…` → `/api/links/[redacted]/…` in the logged request. */
export function redactLinkTokens<T extends { url?: string; params?: Record<string, unknown> }>(req: T): T {
  if (typeof req.url === 'string') req.url = req.url.replace(/(\/api\/links\/)[^/?#]+/, '$1[redacted]');
  if (req.params && typeof req.params.token === 'string') req.params = { ...req.params, token: '[redacted]' };
  return req;
}

/** The request id: the caller's X-Request-Id when well-formed, otherwise a new UUID. */
export function requestId(request: IncomingMessage): string {
  const header = request.headers['x-request-id'];
  const id = typeof header === 'string' && REQUEST_ID.test(header) ? header : randomUUID();
  request.headers['x-request-id'] = id;
  return id;
}

@Module({})
export class AppModule {
  static forRuntime(runtime: Runtime): DynamicModule {
    const { config } = runtime;
    return {
      module: AppModule,
      imports: [
        LoggerModule.forRoot({
          forRoutes: ['{*splat}'],
          pinoHttp: {
            level: config.logLevel,
            genReqId: (req) => requestId(req),
            redact: {
              paths: [
                'req.headers.cookie',
                'req.headers.authorization',
                'req.headers["x-csrf-token"]',
                'res.headers["set-cookie"]',
                '*.password',
                '*.passwordHash',
              ],
              censor: '[redacted]',
            },
            autoLogging: { ignore: (req) => (req.url ?? '').startsWith('/api/health') },
            // A signed action link's token is a credential: never in a log line.
            serializers: { req: redactLinkTokens },
            customProps: () => ({ service: 'doorbraak-api' }),
          },
        }),
        TypeOrmModule.forRootAsync({
          useFactory: () => ({
            ...dataSourceOptions({ url: config.database.url, dataDir: config.database.dataDir }),
            retryAttempts: 3,
            retryDelay: 1_000,
          }),
        }),
        AuditModule,
        IdentityModule,
        ReferenceModule,
        CasesModule,
        InsightModule,
        AdminModule,
        LinksModule,
        WorkModule,
        HealthModule,
        QueueModule.forRuntime(runtime),
      ],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: RUNTIME, useValue: runtime },
        DatabaseBootstrapService,
        DemoSeedService,
      ],
      exports: [APP_CONFIG, RUNTIME],
      global: true,
    };
  }
}
