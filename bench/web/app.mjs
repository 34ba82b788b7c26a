// Shared by the web benchmarks: the production build (`node apps/api/dist/main.js`) on the
// embedded defaults (PGlite in its own DATA_DIR, Redis discovery, embedded SMTP catcher), and a
// demo login. Build first: npx nx run-many -t build -p api web
import { spawn } from 'node:child_process';
import { cpSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CHROMIUM = process.env.CHROME_PATH ?? '/usr/bin/chromium';

export function assertBuilt() {
  for (const file of ['apps/api/dist/main.js', 'apps/web/dist/index.html'])
    if (!existsSync(join(root, file)))
      throw new Error(`${file} is missing: build first (npx nx run-many -t build -p api web)`);
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
}

/**
 * A copy of apps/web/dist for this run (others may rebuild the shared dist while it runs), checked
 * to be complete: every asset index.html names is there.
 */
export function snapshotWebDist(dest) {
  for (let attempt = 1; ; attempt++) {
    rmSync(dest, { recursive: true, force: true });
    cpSync(join(root, 'apps/web/dist'), dest, { recursive: true });
    const html = readFileSync(join(dest, 'index.html'), 'utf8');
    const assets = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+)"/g)].map((m) => m[1]);
    if (assets.length > 0 && assets.every((a) => existsSync(join(dest, a)))) return dest;
    if (attempt === 5) throw new Error('apps/web/dist is incomplete (a build in progress?)');
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10_000);
  }
}

/** Starts the built app; resolves once it says "Klaar in". */
export function startApp({ port, dataDir, env = {} }) {
  const child = spawn(process.execPath, [join(root, 'apps/api/dist/main.js')], {
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      REDIS_PREFIX: `bench-web-${port}`,
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const ready = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`app not ready after 180 s:\n${out}`)), 180_000);
    child.stdout.on('data', () => {
      if (out.includes('Klaar in')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`app exited (${code}) before it was ready:\n${out}`));
    });
  });
  return {
    child,
    base: `http://127.0.0.1:${port}`,
    ready,
    output: () => out,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** POST /api/auth/login as a demo account; returns the Cookie header value. */
export async function login(base, email = 'coordinator.zh@demo.doorbraak.nl') {
  const r = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: 'Doorbraak-demo-2026' }),
  });
  if (!r.ok) throw new Error(`login ${email}: ${r.status} ${await r.text()}`);
  return r.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

export const median = (values) => {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)];
};

export const percentile = (values, p) => {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
