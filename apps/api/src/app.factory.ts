import 'reflect-metadata';
import { existsSync } from 'node:fs';
import fastifyCookie from '@fastify/cookie';
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
import type { Runtime } from './runtime/runtime';

export const BODY_LIMIT_BYTES = 1024 * 1024;

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
  await app.register(fastifyCookie);
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
  return app;
}
