import { timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * Prometheus metrics of this process (ROLE=all, api or worker). One registry per process: the api
 * serves it at GET /api/metrics, the worker on its health port at GET /metrics.
 */
export const registry = new Registry();
registry.setDefaultLabels({ service: 'doorbraak' });
collectDefaultMetrics({ register: registry });

export const httpRequestDuration = new Histogram({
  name: 'doorbraak_http_request_duration_seconds',
  help: 'HTTP request latency by route template, method and status code',
  labelNames: ['route', 'method', 'status_code'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [registry],
});

export const reminderLateness = new Histogram({
  name: 'doorbraak_reminder_lateness_seconds',
  help: 'How late the sweeper processed each due reminder: now - fire_at',
  buckets: [1, 5, 15, 30, 60, 120, 300, 600, 1800, 3600, 4 * 3600, 24 * 3600],
  registers: [registry],
});

export const deliveriesSent = new Counter({
  name: 'doorbraak_deliveries_sent_total',
  help: 'Emails handed to the SMTP server (reminders, proposals, digests)',
  registers: [registry],
});

export const deliveriesFailed = new Counter({
  name: 'doorbraak_deliveries_failed_total',
  help: 'Failed send attempts; final="true" when the delivery gave up after its retries',
  labelNames: ['final'] as const,
  registers: [registry],
});

export type QueueCounts = Record<string, Record<string, number>>;
type QueueSource = () => Promise<QueueCounts>;
const queueSources = new Set<QueueSource>();

/** Job counts per queue and state, read from Redis when Prometheus scrapes. */
export const queueJobs = new Gauge({
  name: 'doorbraak_queue_jobs',
  help: 'BullMQ jobs per queue and state (read from Redis at scrape time)',
  labelNames: ['queue', 'state'] as const,
  registers: [registry],
  async collect() {
    this.reset();
    for (const source of queueSources) {
      const counts = await source().catch(() => ({}));
      for (const [queue, states] of Object.entries(counts))
        for (const [state, n] of Object.entries(states)) this.set({ queue, state }, n);
    }
  },
});

/** Registers where queue depth comes from (the app's QueueMetrics); returns the unregister function. */
export function addQueueSource(source: QueueSource): () => void {
  queueSources.add(source);
  return () => queueSources.delete(source);
}

/** Observes every response: route template (`/api/cases/:id`, `unmatched` for 404s), method, status. */
export function installHttpMetrics(fastify: FastifyInstance): void {
  fastify.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    httpRequestDuration.observe(
      { route, method: request.method, status_code: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });
}

function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  return address === '::1' || /^(::ffff:)?127\./.test(address);
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Who may read the metrics: a direct connection from loopback (the socket's address, and no
 * X-Forwarded-For/Forwarded header, so a local reverse proxy does not make the world "local"),
 * a `Authorization: Bearer <METRICS_TOKEN>`, or a signed-in admin.
 */
export function metricsAllowed(
  request: { remoteAddress: string | undefined; headers: IncomingHttpHeaders; isAdmin?: boolean },
  token: string | null,
): boolean {
  if (request.isAdmin) return true;
  const auth = request.headers.authorization;
  if (token && typeof auth === 'string' && auth.startsWith('Bearer ') && sameToken(auth.slice(7), token))
    return true;
  const proxied = request.headers['x-forwarded-for'] !== undefined || request.headers.forwarded !== undefined;
  return !proxied && isLoopback(request.remoteAddress);
}
