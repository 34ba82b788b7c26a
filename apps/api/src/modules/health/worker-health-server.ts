import { createServer, type Server } from 'node:http';
import type { INestApplicationContext } from '@nestjs/common';
import type { AppConfig } from '../../config/config';
import { metricsAllowed, registry } from '../metrics/metrics';
import { HealthController } from './health.controller';

/**
 * ROLE=worker has no API listener; this small server on WORKER_HEALTH_PORT answers
 * GET /health (liveness), GET /health/ready (database, Redis, queue counts; 503 when not ready)
 * and GET /metrics (same access rule as /api/metrics, minus sessions).
 */
export async function startWorkerHealthServer(
  app: INestApplicationContext,
  config: AppConfig,
): Promise<{ server: Server; port: number; stopping(): void; close(): Promise<void> }> {
  const health = app.get(HealthController);
  let closing = false;
  const server = createServer((request, response) => {
    const send = (status: number, body: string, type = 'application/json') => {
      response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
      response.end(body);
    };
    const url = (request.url ?? '/').split('?')[0];
    if (request.method !== 'GET' && request.method !== 'HEAD') return send(405, '{"status":"error"}');
    if (url === '/health') return send(200, JSON.stringify({ status: 'ok' }));
    if (url === '/health/ready') {
      if (closing) return send(503, JSON.stringify({ status: 'stopping' }));
      health.ready().then(
        (result) => send(200, JSON.stringify(result)),
        (error: unknown) => send(503, JSON.stringify({ status: 'error', detail: (error as Error).message })),
      );
      return;
    }
    if (url === '/metrics') {
      if (
        !metricsAllowed(
          { remoteAddress: request.socket.remoteAddress, headers: request.headers },
          config.metrics.token,
        )
      )
        return send(403, JSON.stringify({ status: 'forbidden' }));
      registry.metrics().then(
        (text) => send(200, text, registry.contentType),
        (error: unknown) => send(500, String(error), 'text/plain'),
      );
      return;
    }
    send(404, '{"status":"not found"}');
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.worker.healthPort, config.http.host, () => resolve());
  });
  const address = server.address();
  return {
    server,
    port: typeof address === 'object' && address ? address.port : config.worker.healthPort,
    /** Readiness answers 503 from now on (the process is draining). */
    stopping: () => {
      closing = true;
    },
    close: () =>
      new Promise<void>((resolve) => {
        closing = true;
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}
