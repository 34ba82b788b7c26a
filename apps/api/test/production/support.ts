import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import * as net from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import Redis from 'ioredis';
import { Client } from 'pg';
import { SMTPServer } from 'smtp-server';
import { waitFor } from '../wait-for';

/**
 * The production tier: the BUILT app (`node apps/api/dist/main.js`) in separate processes per
 * role, against the machine's PostgreSQL (DATABASE_URL, a scratch database per test file) and
 * Redis (REDIS_URL or 127.0.0.1:6379, a key prefix per test file), with an SMTP server started
 * by the test. Build first: `npx nx run-many -t build -p api web --output-style=static`.
 */
export const ROOT = path.resolve(__dirname, '..', '..', '..', '..');
export const MAIN = path.join(ROOT, 'apps', 'api', 'dist', 'main.js');
export const SERVER_URL = process.env.DATABASE_URL;
export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
export const SKIP_REASON =
  'production tests need DATABASE_URL (a PostgreSQL server) and the built app: ' +
  'npx nx run-many -t build -p api web && DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx vitest run test/production';
export const execFileAsync = promisify(execFile);

export function assertBuilt(): void {
  if (!existsSync(MAIN))
    throw new Error(
      `${MAIN} is missing: build first (npx nx run-many -t build -p api web --output-style=static)`,
    );
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export { waitFor };

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address() as net.AddressInfo;
      server.close(() => resolve(address.port));
    });
  });
}

export interface Scratch {
  url: string;
  name: string;
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  drop(): Promise<void>;
}

/** A fresh database on the DATABASE_URL server, with a small pg client for the test's own SQL. */
export async function scratchDatabase(label: string): Promise<Scratch> {
  const server = SERVER_URL as string;
  const name = `doorbraak_prod_${label}_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: server });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(server);
  url.pathname = `/${name}`;
  let client: Client | null = null;
  const connect = async () => {
    if (!client) {
      client = new Client({ connectionString: url.toString() });
      await client.connect();
    }
    return client;
  };
  return {
    url: url.toString(),
    name,
    async query<T>(sql: string, params: unknown[] = []) {
      const c = await connect();
      return (await c.query(sql, params)).rows as T[];
    },
    async drop() {
      await client?.end().catch(() => undefined);
      client = null;
      const c = new Client({ connectionString: server });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export interface ReceivedMail {
  to: string;
  subject: string;
  messageId: string;
  deliveryId: string;
  acceptedAt: number;
  /** The SMTP session (one per client connection) and its client port: which process sent it. */
  session: string;
  clientPort: number;
}

export interface SmtpSink {
  url: string;
  port: number;
  received: ReceivedMail[];
  /** Messages whose DATA ended but were not (yet) accepted, or were dropped because the client left. */
  inFlight(): number;
  dropped: number;
  setDelay(ms: number): void;
  /** Slows the reply to RCPT TO (before DATA, so before the message's final "."). */
  setRcptDelay(ms: number): void;
  /** RCPT TO commands waiting for their (delayed) reply. */
  rcptWaiting(): number;
  close(): Promise<void>;
}

function header(raw: string, name: string): string {
  const head = raw.split(/\r?\n\r?\n/, 1)[0]!.replace(/\r?\n[ \t]+/g, ' ');
  const match = new RegExp(`^${name}:[ \\t]*(.*)$`, 'im').exec(head);
  return match?.[1]?.trim() ?? '';
}

/**
 * An SMTP server that behaves like a real one at the end of DATA: the message counts as
 * delivered only when the 250 reply goes out to a client that is still connected. `delayMs`
 * slows the reply (a slow relay). `received` is in order of acceptance.
 */
export async function startSmtpSink(delayMs = 0): Promise<SmtpSink> {
  let delay = delayMs;
  let rcptDelay = 0;
  let rcptWaiting = 0;
  const waiting = new Map<string, Set<() => void>>();
  const sink = { dropped: 0, pending: 0 };
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    size: 5 * 1024 * 1024,
    onRcptTo(_address, _session, callback) {
      if (rcptDelay <= 0) return callback();
      rcptWaiting += 1;
      setTimeout(() => {
        rcptWaiting -= 1;
        callback();
      }, rcptDelay);
    },
    onClose(session) {
      // The client left before the 250: those messages are not delivered.
      for (const drop of waiting.get(session.id) ?? []) drop();
      waiting.delete(session.id);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        sink.pending += 1;
        const own = waiting.get(session.id) ?? new Set<() => void>();
        waiting.set(session.id, own);
        const drop = () => {
          if (timer) clearTimeout(timer);
          sink.pending -= 1;
          sink.dropped += 1;
          callback(new Error('client gone'));
        };
        const accept = () => {
          own.delete(drop);
          sink.pending -= 1;
          const raw = Buffer.concat(chunks).toString('utf8');
          received.push({
            to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()).join(','),
            subject: header(raw, 'Subject'),
            messageId: header(raw, 'Message-ID'),
            deliveryId: header(raw, 'X-Doorbraak-Delivery'),
            acceptedAt: Date.now(),
            session: session.id,
            clientPort: session.remotePort,
          });
          callback();
        };
        // No delay: answer 250 at once, as a fast relay does (no timer between the "." and the reply).
        const timer = delay > 0 ? setTimeout(accept, delay) : undefined;
        if (timer === undefined) return accept();
        own.add(drop);
      });
    },
  });
  // A client that is SIGKILLed resets its connections: not an error of the test.
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as net.AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    received,
    inFlight: () => sink.pending,
    get dropped() {
      return sink.dropped;
    },
    setDelay(ms: number) {
      delay = ms;
    },
    setRcptDelay(ms: number) {
      rcptDelay = ms;
    },
    rcptWaiting: () => rcptWaiting,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface AppProcess {
  role: string;
  child: ChildProcess;
  output(): string;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  signal(signal: NodeJS.Signals): void;
}

/** The environment of a spawned app: only what the test gives (not the test runner's DATABASE_URL). */
export function baseEnv(extra: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, LOG_LEVEL: 'warn' };
  for (const [key, value] of Object.entries(extra)) if (value !== undefined) env[key] = value;
  return env;
}

const READY = /Klaar in|worker gestart|schema is up to date/;

/** Spawns the built app with a role; resolves once it says it is ready (or rejects when it exits). */
export async function spawnApp(
  role: string,
  env: Record<string, string | undefined>,
  options: { waitReady?: boolean; args?: string[] } = {},
): Promise<AppProcess> {
  const child = spawn(process.execPath, [MAIN, ...(options.args ?? [])], {
    env: baseEnv({ ROLE: role, ...env }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const proc: AppProcess = {
    role,
    child,
    output: () => out,
    exited,
    signal: (s) => {
      if (child.exitCode === null && child.signalCode === null) child.kill(s);
    },
  };
  if (options.waitReady === false) return proc;
  await Promise.race([
    waitFor(() => READY.test(out), 60_000, `${role} to start`),
    exited.then((code) => {
      if (!READY.test(out)) throw new Error(`${role} exited (${code}) before it was ready:\n${out}`);
    }),
  ]);
  return proc;
}

/** `node main.js migrate` against a database; resolves with the exit code and output. */
export async function migrate(databaseUrl: string | undefined, extra: Record<string, string> = {}) {
  const proc = await spawnApp(
    '',
    { ROLE: undefined, DATABASE_URL: databaseUrl, ...extra },
    {
      waitReady: false,
      args: ['migrate'],
    },
  );
  const code = await proc.exited;
  return { code, output: proc.output() };
}

/** A cookie-keeping HTTP client for the api process (session + CSRF double submit). */
export class HttpAgent {
  private cookies = new Map<string, string>();

  constructor(private readonly base: string) {}

  static async login(base: string, email: string, password = 'Doorbraak-demo-2026'): Promise<HttpAgent> {
    const agent = new HttpAgent(base);
    const r = await agent.request('POST', '/api/auth/login', { email, password });
    if (r.status !== 200) throw new Error(`login ${email}: ${r.status} ${await r.text()}`);
    return agent;
  }

  async request(method: string, url: string, body?: unknown, headers: Record<string, string> = {}) {
    const h: Record<string, string> = { ...headers };
    if (this.cookies.size > 0) h.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const csrf = this.cookies.get('doorbraak_csrf');
    if (csrf && method !== 'GET') h['x-csrf-token'] = csrf;
    if (body !== undefined) h['content-type'] = 'application/json';
    const response = await fetch(`${this.base}${url}`, {
      method,
      headers: h,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    for (const c of response.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const [name, ...rest] = pair!.split('=');
      const value = rest.join('=');
      if (value === '') this.cookies.delete(name!.trim());
      else this.cookies.set(name!.trim(), value);
    }
    return response;
  }

  async json<T>(method: string, url: string, body?: unknown): Promise<T> {
    const r = await this.request(method, url, body);
    if (r.status >= 300) throw new Error(`${method} ${url}: ${r.status} ${await r.text()}`);
    return (await r.json()) as T;
  }
}

/** Removes the keys a test's processes left under their REDIS_PREFIX on the shared Redis. */
export async function deleteRedisKeys(prefix: string, url = REDIS_URL): Promise<void> {
  const redis = new Redis(url, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

/** A private redis-server (own port, nothing on disk) for tests that FLUSHALL. */
export async function privateRedis(): Promise<{ url: string; stop(): Promise<void> }> {
  const port = await freePort();
  const dir = mkdtempSync(path.join(tmpdir(), 'doorbraak-redis-'));
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir],
    { stdio: 'ignore' },
  );
  const url = `redis://127.0.0.1:${port}`;
  await waitFor(
    () =>
      new Promise<boolean>((resolve) => {
        const socket = net.connect(port, '127.0.0.1', () => {
          socket.end();
          resolve(true);
        });
        socket.on('error', () => resolve(false));
      }),
    10_000,
    'redis-server',
  );
  return {
    url,
    async stop() {
      const exited = new Promise((r) => child.on('exit', r));
      child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The app's environment for a production-like process against a scratch database. */
export function productionEnv(opts: {
  databaseUrl: string;
  smtpUrl: string;
  redisUrl?: string;
  prefix: string;
  port?: number;
  healthPort?: number;
  extra?: Record<string, string>;
}): Record<string, string> {
  const port = opts.port ?? 0;
  return {
    NODE_ENV: 'production',
    DATABASE_URL: opts.databaseUrl,
    REDIS_URL: opts.redisUrl ?? REDIS_URL,
    REDIS_PREFIX: opts.prefix,
    SMTP_URL: opts.smtpUrl,
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    PORT: String(port),
    HOST: '127.0.0.1',
    WORKER_HEALTH_PORT: String(opts.healthPort ?? 0),
    MAIL_SEND_WINDOW: 'always',
    DATA_DIR: path.join(tmpdir(), 'doorbraak-prod-unused'),
    WEB_DIST: path.join(ROOT, 'apps', 'web', 'dist'),
    ...opts.extra,
  };
}
