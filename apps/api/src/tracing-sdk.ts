import { FastifyOtelInstrumentation } from '@fastify/otel';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { IORedisInstrumentation } from '@opentelemetry/instrumentation-ioredis';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { BullMQOtel } from 'bullmq-otel';

/**
 * The OpenTelemetry SDK, loaded by `tracing.ts` only when `OTEL_EXPORTER_OTLP_ENDPOINT` is set.
 * Traces only (no OTel metrics or logs: metrics are Prometheus at /api/metrics, logs are pino).
 * The trace exporter comes from the standard variables: OTLP over `http/protobuf` (the default),
 * `http/json` or `grpc` per `OTEL_EXPORTER_OTLP_PROTOCOL`, batched (BatchSpanProcessor).
 */

/** Probes and scrapes: every few seconds per pod, no one wants their traces. */
const UNTRACED_PATHS = /^\/(api\/)?(health|metrics)(\/|\?|$)/;

export function startTracingSdk(serviceName: string): NodeSDK {
  const sdk = new NodeSDK({
    serviceName,
    metricReaders: [],
    logRecordProcessors: [],
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (request) => UNTRACED_PATHS.test(request.url ?? ''),
        // Outgoing calls (OIDC, the exporter itself) only inside a traced request or job.
        requireParentforOutgoingSpans: true,
      }),
      // Route spans and `http.route` on the server span (the route template, not the URL).
      new FastifyOtelInstrumentation({ registerOnInitialization: true }),
      // Only inside a request or a job: no spans for the pool's own housekeeping or BullMQ's polling.
      new PgInstrumentation({ requireParentSpan: true }),
      new IORedisInstrumentation({ requireParentSpan: true }),
    ],
  });
  sdk.start();
  return sdk;
}

export function bullTelemetry(): BullMQOtel {
  return new BullMQOtel('doorbraak');
}
