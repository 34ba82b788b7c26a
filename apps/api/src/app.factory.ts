import 'reflect-metadata';
import { existsSync } from 'node:fs';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyMultipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { AppModule, requestId } from './app.module';
import { ProblemFilter } from './common/problem.filter';
import { SpaFallback } from './common/spa-fallback';
import { SESSION_COOKIE } from './modules/identity/cookies';
import { installHttpMetrics } from './modules/metrics/metrics';
import { registerBullBoard } from './queue/bull-board';
import { closeWorkers } from './queue/workers';
import type { Runtime } from './runtime/runtime';

export const BODY_LIMIT_BYTES = 1024 * 1024;

/**
 * Security headers (docs/security.md): a CSP without inline or eval'd scripts (styles may be
 * inline: Swagger UI and Bull Board carry inline <style> blocks), frame-ancestors 'none' and
 * X-Frame-Options DENY, HSTS, nosniff, Referrer-Policy no-referrer (a signed link's token is in
 * its URL), and Cache-Control: no-store on API answers that set no caching of their own.
 */
export async function registerSecurityHeaders(app: NestFastifyApplication, https: boolean): Promise<void> {
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        ...(https ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: true },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginEmbedderPolicy: false,
  });
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onSend', async (request, reply) => {
      void reply.header('permissions-policy', 'camera=(), microphone=(), payment=(), usb=()');
      if (request.url.startsWith('/api/') && !reply.hasHeader('cache-control')) {
        void reply.header('cache-control', 'no-store');
      }
    });
}

/** Builds the Nest application on Fastify (not listening yet). Used by main.ts and the tests. */
export async function createApp(runtime: Runtime): Promise<NestFastifyApplication> {
  const { config } = runtime;
  const adapter = new FastifyAdapter({
    genReqId: requestId,
    bodyLimit: BODY_LIMIT_BYTES,
    trustProxy: config.env === 'production',
    routerOptions: { maxParamLength: 200 },
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRuntime(runtime), adapter, {
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  app.setGlobalPrefix('api');

  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onSend', async (request, reply) => {
    void reply.header('x-request-id', String(request.id));
  });
  installHttpMetrics(fastify);
  await app.register(fastifyCookie);
  await registerSecurityHeaders(app, config.session.cookieSecure);
  // Admins only (404 for anyone else); not in the worker, which serves no HTTP.
  if (config.role !== 'worker') await registerBullBoard(app, config);
  // Attachments: streamed, one file and a few fields per request; the file size limit answers 413.
  await app.register(fastifyMultipart, {
    limits: { fileSize: config.attachments.maxBytes, files: 1, fields: 5 },
  });

  const spa = SpaFallback.load(config.webDist);
  // Nest routes Fastify's own errors (malformed JSON, media type, body size) through this filter too.
  app.useGlobalFilters(new ProblemFilter(spa));
  if (spa && existsSync(config.webDist)) {
    await app.register(fastifyStatic, {
      root: config.webDist,
      prefix: '/',
      wildcard: false,
      index: ['index.html'],
      decorateReply: false,
      // The build writes .br and .gz beside each asset (apps/web/vite.config.ts): served as is.
      preCompressed: true,
      // Vite's hashed assets never change; index.html is revalidated.
      setHeaders: (reply, filePath) => {
        void reply.header(
          'cache-control',
          filePath.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      },
    });
  }

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Doorbraak API')
      .setDescription(
        'Case tracker for the Dutch housing versnellingstafels. Errors are application/problem+json (RFC 9457). ' +
          'State-changing requests need the X-CSRF-Token header (value of the doorbraak_csrf cookie).',
      )
      .setVersion('0.1.0')
      .addCookieAuth(SESSION_COOKIE)
      .build(),
  );
  document.openapi = '3.1.0';
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });

  await app.init();
  // Nest runs onModuleDestroy deepest module first, so MailerService would close its SMTP pool
  // while a BullMQ worker is still sending: the send never settles and close() hangs. Every
  // close() (main.ts, tests) first lets the workers finish their active jobs.
  // (defineProperty: Nest's application proxy ignores plain assignments; and it resolves methods
  // late, so Nest's own close comes from the prototype.)
  const proto = Object.getPrototypeOf(app) as { close: (this: NestFastifyApplication) => Promise<void> };
  const nestClose = proto.close;
  Object.defineProperty(app, 'close', {
    value: async () => {
      await closeWorkers(app, config.role);
      await nestClose.call(app);
    },
    writable: true,
    configurable: true,
  });
  return app;
}
