import { createRequire } from 'node:module';
import type * as TracingSdk from './tracing-sdk';

/**
 * OpenTelemetry tracing, optional by configuration (README, Configuration): on when
 * `OTEL_EXPORTER_OTLP_ENDPOINT` is set, off otherwise. `main.ts` imports this module FIRST, so the
 * SDK and its instrumentations (http, Fastify, pg, ioredis) are in place before NestJS, Fastify,
 * pg or ioredis are loaded. When the variable is unset nothing of OpenTelemetry is loaded at all
 * (the SDK lives in `tracing-sdk.ts`, required only here and only when tracing is on).
 *
 * The exporter follows the standard OTel variables (`OTEL_EXPORTER_OTLP_PROTOCOL`,
 * `OTEL_EXPORTER_OTLP_HEADERS`, `OTEL_TRACES_SAMPLER`, …). The service name follows the role:
 * `doorbraak-worker` for `ROLE=worker`, `doorbraak-api` for `api` and `all`; `migrate` is not traced.
 */

type Sdk = typeof TracingSdk;

let started: ReturnType<Sdk['startTracingSdk']> | null = null;
let sdkModule: Sdk | null = null;

/** The role as main.ts will see it: the first argument wins over ROLE. */
function roleOf(argv: readonly string[], env: NodeJS.ProcessEnv): string {
  return argv[2] ?? (env.ROLE?.trim() || 'all');
}

export function serviceNameFor(role: string): string | null {
  if (role === 'migrate') return null;
  return role === 'worker' ? 'doorbraak-worker' : 'doorbraak-api';
}

/** Whether the environment asks for tracing (an empty value counts as unset, as everywhere). */
export function tracingRequested(env: NodeJS.ProcessEnv): boolean {
  return (env.OTEL_EXPORTER_OTLP_ENDPOINT ?? '').trim() !== '';
}

function start(): void {
  if (!tracingRequested(process.env)) return;
  const serviceName = serviceNameFor(roleOf(process.argv, process.env));
  if (serviceName === null) return;
  const load = createRequire(__filename);
  sdkModule = load('./tracing-sdk') as Sdk;
  started = sdkModule.startTracingSdk(serviceName);
}

start();

export function tracingEnabled(): boolean {
  return started !== null;
}

/**
 * BullMQ's own OpenTelemetry integration (bullmq-otel, by the BullMQ authors) for the queue and
 * worker options: a span per job added and per job processed, linked across processes. Empty when
 * tracing is off.
 */
export function bullTelemetry(): { telemetry?: ReturnType<Sdk['bullTelemetry']> } {
  return sdkModule && started ? { telemetry: sdkModule.bullTelemetry() } : {};
}

/**
 * Flushes the spans still buffered and stops the exporter (on SIGTERM, after the app has drained).
 * Never throws and never waits longer than `timeoutMs`: an unreachable collector must not hold
 * the shutdown.
 */
export async function shutdownTracing(timeoutMs = 5_000): Promise<void> {
  if (!started) return;
  const sdk = started;
  started = null;
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    sdk.shutdown().catch((error: unknown) => {
      console.error('OpenTelemetry: spans konden niet worden verstuurd bij het stoppen:', error);
    }),
    new Promise<void>((resolve) => {
      timer = setTimeout(resolve, timeoutMs);
      timer.unref();
    }),
  ]);
  clearTimeout(timer);
}
