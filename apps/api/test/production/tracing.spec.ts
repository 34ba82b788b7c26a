import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as http from 'node:http';
import type * as net from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AppProcess,
  assertBuilt,
  deleteRedisKeys,
  freePort,
  HttpAgent,
  migrate,
  productionEnv,
  type Scratch,
  scratchDatabase,
  SERVER_URL,
  type SmtpSink,
  spawnApp,
  startSmtpSink,
  waitFor,
} from './support';

/**
 * OpenTelemetry tracing (issue 8), end to end: the built api with OTEL_EXPORTER_OTLP_ENDPOINT
 * pointing at an OTLP/HTTP receiver started here (OTLP JSON, `OTEL_EXPORTER_OTLP_PROTOCOL=http/json`),
 * against the machine's PostgreSQL and Redis. And without the variable: not one OpenTelemetry
 * module in the process.
 */

type AnyValue = { stringValue?: string; intValue?: string | number; boolValue?: boolean };
type Attribute = { key: string; value: AnyValue };
interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes?: Attribute[];
}
interface ExportRequest {
  resourceSpans: {
    resource: { attributes: Attribute[] };
    scopeSpans: { scope: { name: string }; spans: OtlpSpan[] }[];
  }[];
}
interface ReceivedSpan extends OtlpSpan {
  service: string;
  scope: string;
  attrs: Record<string, string | number | boolean | undefined>;
}

const SPAN_KIND_SERVER = 2;
const SPAN_KIND_CLIENT = 3;

function flatten(attributes: Attribute[] = []) {
  return Object.fromEntries(
    attributes.map((a) => [
      a.key,
      a.value.stringValue ?? (a.value.intValue !== undefined ? Number(a.value.intValue) : a.value.boolValue),
    ]),
  );
}

/** A minimal OTLP/HTTP collector: POST /v1/traces with an OTLP JSON ExportTraceServiceRequest. */
async function startOtlpReceiver() {
  const spans: ReceivedSpan[] = [];
  const contentTypes: string[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== '/v1/traces') {
        res.writeHead(404).end();
        return;
      }
      contentTypes.push(req.headers['content-type'] ?? '');
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as ExportRequest;
      for (const rs of body.resourceSpans) {
        const service = String(flatten(rs.resource.attributes)['service.name']);
        for (const ss of rs.scopeSpans)
          for (const span of ss.spans)
            spans.push({ ...span, service, scope: ss.scope.name, attrs: flatten(span.attributes) });
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as net.AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    spans,
    contentTypes,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Preloaded into the app process: on exit, writes which OpenTelemetry modules were loaded. */
const PROBE = `
const fs = require('node:fs');
process.on('exit', () => {
  const loaded = Object.keys(require.cache).filter((f) => /[\\\\/](@opentelemetry|bullmq-otel|@fastify[\\\\/]otel)[\\\\/]/.test(f));
  fs.writeFileSync(process.env.OTEL_PROBE_OUT, JSON.stringify(loaded));
});
`;

describe.skipIf(!SERVER_URL)('OpenTelemetry tracing (built api, PostgreSQL, Redis)', () => {
  let db: Scratch;
  let smtp: SmtpSink;
  let receiver: Awaited<ReturnType<typeof startOtlpReceiver>>;
  let dir: string;
  const prefix = `prod-otel-${randomBytes(3).toString('hex')}`;
  const running: AppProcess[] = [];

  beforeAll(async () => {
    assertBuilt();
    db = await scratchDatabase('otel');
    smtp = await startSmtpSink();
    receiver = await startOtlpReceiver();
    dir = mkdtempSync(path.join(tmpdir(), 'doorbraak-otel-'));
    writeFileSync(path.join(dir, 'probe.cjs'), PROBE);
    const migrated = await migrate(db.url, { NODE_ENV: 'production' });
    expect(migrated.code, migrated.output).toBe(0);
  });
  afterAll(async () => {
    for (const p of running) p.signal('SIGKILL');
    await receiver?.close();
    await smtp?.close();
    await db?.drop();
    await deleteRedisKeys(prefix);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function startApi(name: string, extra: Record<string, string>) {
    const port = await freePort();
    const probeOut = path.join(dir, `${name}.json`);
    const api = await spawnApp(
      'api',
      productionEnv({
        databaseUrl: db.url,
        smtpUrl: smtp.url,
        prefix,
        port,
        extra: {
          DEMO_DATA: 'true',
          NODE_OPTIONS: `--require ${path.join(dir, 'probe.cjs')}`,
          OTEL_PROBE_OUT: probeOut,
          ...extra,
        },
      }),
    );
    running.push(api);
    const loadedModules = () => JSON.parse(readFileSync(probeOut, 'utf8')) as string[];
    return { api, base: `http://127.0.0.1:${port}`, loadedModules };
  }

  it('exports a server span for the route and its pg spans as doorbraak-api, flushed on SIGTERM', async () => {
    const { api, base, loadedModules } = await startApi('on', {
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      // Nothing is exported on the timer during this test: what arrives was flushed by the shutdown.
      OTEL_BSP_SCHEDULE_DELAY: '600000',
    });
    const agent = await HttpAgent.login(base, 'coordinator.zh@demo.doorbraak.nl');
    const list = await agent.request('GET', '/api/cases?limit=5');
    expect(list.status).toBe(200);
    expect((await agent.request('GET', '/api/health')).status).toBe(200);
    expect(receiver.spans).toEqual([]);

    api.signal('SIGTERM');
    expect(await api.exited, api.output()).toBe(0);
    expect(api.output()).toContain('Gestopt in');

    const spans = receiver.spans;
    expect(receiver.contentTypes.every((t) => t.startsWith('application/json'))).toBe(true);
    expect(new Set(spans.map((s) => s.service))).toEqual(new Set(['doorbraak-api']));

    const server = spans.find(
      (s) =>
        s.kind === SPAN_KIND_SERVER && s.attrs['http.route'] === '/api/cases' && s.name === 'GET /api/cases',
    );
    expect(server, JSON.stringify(spans.map((s) => [s.name, s.kind, s.scope]))).toBeDefined();
    expect(server!.attrs['http.response.status_code'] ?? server!.attrs['http.status_code']).toBe(200);

    // The request's queries: pg client spans in the same trace as the server span.
    const pg = spans.filter((s) => s.scope.includes('instrumentation-pg') && s.traceId === server!.traceId);
    expect(pg.length).toBeGreaterThan(0);
    expect(
      pg.some(
        (s) =>
          s.kind === SPAN_KIND_CLIENT &&
          (s.attrs['db.system.name'] ?? s.attrs['db.system']) === 'postgresql' &&
          /SELECT/i.test(String(s.attrs['db.query.text'] ?? s.attrs['db.statement'])),
      ),
      JSON.stringify(pg.slice(0, 3)),
    ).toBe(true);
    // Redis commands inside requests (the login rate limiter counts in Redis).
    expect(spans.some((s) => s.scope.includes('instrumentation-ioredis'))).toBe(true);
    // Health probes are not traced.
    expect(spans.some((s) => String(s.attrs['url.path'] ?? s.attrs['http.target']).includes('/health'))).toBe(
      false,
    );
    expect(loadedModules().some((f) => f.includes('@opentelemetry/sdk-node'))).toBe(true);
  });

  it('the worker exports BullMQ job spans (bullmq-otel) as doorbraak-worker', async () => {
    const healthPort = await freePort();
    const worker = await spawnApp(
      'worker',
      productionEnv({
        databaseUrl: db.url,
        smtpUrl: smtp.url,
        prefix,
        healthPort,
        extra: { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json' },
      }),
    );
    running.push(worker);
    // At start the worker queues one sweep and processes it.
    await waitFor(
      () => receiver.spans.some((s) => s.service === 'doorbraak-worker' && s.scope === 'doorbraak'),
      30_000,
      'a BullMQ span from the worker',
    );
    worker.signal('SIGTERM');
    expect(await worker.exited, worker.output()).toBe(0);
    const jobSpans = receiver.spans.filter(
      (s) => s.service === 'doorbraak-worker' && s.scope === 'doorbraak',
    );
    expect(
      jobSpans.some((s) => /process/i.test(s.name)),
      JSON.stringify(jobSpans.map((s) => s.name)),
    ).toBe(true);
  });

  it('without OTEL_EXPORTER_OTLP_ENDPOINT no OpenTelemetry module is loaded', async () => {
    const before = receiver.spans.length;
    const { api, base, loadedModules } = await startApi('off', {});
    const agent = await HttpAgent.login(base, 'coordinator.zh@demo.doorbraak.nl');
    expect((await agent.request('GET', '/api/cases?limit=5')).status).toBe(200);
    api.signal('SIGTERM');
    expect(await api.exited, api.output()).toBe(0);
    // Only the API facade, which prom-client has always loaded (a dependency of its own, a no-op
    // without an SDK); no SDK, exporter or instrumentation.
    expect(loadedModules().filter((f) => !/[\\/]@opentelemetry[\\/]api[\\/]/.test(f))).toEqual([]);
    expect(receiver.spans.length).toBe(before);
  });
});
