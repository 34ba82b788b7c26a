// Scrolling the dossier list with more than 10,000 rows (virtualized), in Debian's Chromium via
// Playwright, against the production build on the embedded defaults.
//
// Usage: npx nx run-many -t build -p api web && node bench/web/scroll.mjs
//   SCROLL_CASES=10500 (cases added to the demo data)  SCROLL_STEP=300 (px per frame)  PORT=3106
//   SCROLL_PAGE_SIZE=200 (rows per "Meer laden"; the web asks 50, the benchmark rewrites the limit)
// 1. starts the app once on a fresh DATA_DIR (migrations, demo data) and stops it;
// 2. adds the cases to that embedded database (PGlite, same extensions as the app) with the
//    case-list benchmark's generator (bench/cases-list/generate.sql, cases and knelpunten only);
// 3. starts the app again, signs in as the demo admin (sees every case), opens /dossiers and
//    presses "Meer laden" until every case is in the list;
// 4. scrolls from top to bottom by SCROLL_STEP px per animation frame and records the time
//    between frames (requestAnimationFrame), long tasks and the rows in the DOM.
import { readFileSync, rmSync, mkdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { pgcrypto } from '@electric-sql/pglite/contrib/pgcrypto';
import { chromium } from 'playwright';
import { assertBuilt, CHROMIUM, login, percentile, root, snapshotWebDist, startApp } from './app.mjs';

const PORT = Number(process.env.PORT ?? 3106);
const CASES = Number(process.env.SCROLL_CASES ?? 10_500);
const STEP = Number(process.env.SCROLL_STEP ?? 300);
const MAX_SECONDS = Number(process.env.SCROLL_MAX_SECONDS ?? 120);
const outDir = join(root, '.data', 'bench-web');
const dataDir = join(outDir, `scroll-db-${PORT}`);

/** generate.sql without its psql directive and its events, for CASES cases. */
function seedSql() {
  let sql = readFileSync(join(root, 'bench', 'cases-list', 'generate.sql'), 'utf8');
  sql = sql.replace(/^\\set .*$/m, '');
  const events = sql.indexOf('INSERT INTO case_events');
  const commit = sql.indexOf('COMMIT;');
  if (events < 0 || commit < events)
    throw new Error('generate.sql changed shape: update bench/web/scroll.mjs');
  sql = sql.slice(0, events) + sql.slice(commit);
  if (!sql.includes('generate_series(1, 100000)'))
    throw new Error('generate.sql: no generate_series(1, 100000)');
  return sql.replace('generate_series(1, 100000)', `generate_series(1, ${CASES})`);
}

assertBuilt();
mkdirSync(outDir, { recursive: true });
rmSync(dataDir, { recursive: true, force: true });
const webDist = snapshotWebDist(join(outDir, `web-dist-${PORT}`));
const env = { WEB_DIST: webDist };

const first = startApp({ port: PORT, dataDir, env });
await first.ready;
await first.stop();

const seedStarted = Date.now();
const db = await PGlite.create({ dataDir: join(dataDir, 'pglite'), extensions: { pgcrypto, pg_trgm } });
await db.exec(seedSql());
const total = (await db.query('SELECT count(*)::int AS n FROM cases')).rows[0].n;
await db.close();
console.error(
  `seeded ${CASES} cases (${total} in all) in ${((Date.now() - seedStarted) / 1000).toFixed(1)} s`,
);

const app = startApp({ port: PORT, dataDir, env });
await app.ready;
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-background-timer-throttling'],
});
let result;
try {
  const cookie = await login(app.base, 'admin@demo.doorbraak.nl');
  const context = await browser.newContext({ viewport: { width: 1350, height: 940 }, locale: 'nl-NL' });
  await context.addCookies(
    cookie.split('; ').map((pair) => {
      const [name, ...rest] = pair.split('=');
      return { name, value: rest.join('='), url: app.base };
    }),
  );
  const page = await context.newPage();
  // Pages of SCROLL_PAGE_SIZE (the api's maximum, 200) instead of the web's 50, so filling the
  // list takes ~50 clicks instead of ~200; what is rendered and scrolled is the same.
  const pageSize = Number(process.env.SCROLL_PAGE_SIZE ?? 200);
  await page.route(/\/api\/cases\?/, (route) => {
    const url = new URL(route.request().url());
    if (url.pathname === '/api/cases' && url.searchParams.has('limit'))
      url.searchParams.set('limit', String(pageSize));
    return route.continue({ url: url.toString() });
  });
  await page.goto(`${app.base}/dossiers`);
  const status = page.getByRole('status').filter({ hasText: /dossiers getoond/ });
  await status.waitFor();

  page.on('crash', () => console.error('the page crashed'));
  const loadStarted = Date.now();
  const more = page.getByRole('button', { name: 'Meer laden' });
  const pageTimes = [];
  for (;;) {
    if (!(await more.isVisible())) break;
    const clickStarted = Date.now();
    const before = await status.textContent();
    // A click without scrolling to the button: at the bottom of a virtualized list it keeps
    // moving while rows are measured, and scrolling is measured below.
    await more.evaluate((button) => button.click());
    await page.waitForFunction(
      (text) => {
        const el = [...document.querySelectorAll('[role="status"]')].find((e) =>
          /dossiers getoond/.test(e.textContent ?? ''),
        );
        return el && el.textContent !== text;
      },
      before,
      { timeout: 120_000 },
    );
    pageTimes.push(Date.now() - clickStarted);
    if (pageTimes.length % 20 === 0)
      console.error(`${pageTimes.length} pages: this one ${pageTimes.at(-1)} ms`);
  }
  const loadedText = await status.textContent();
  const rowsLoaded = Number((loadedText ?? '').replace(/\D/g, ''));
  const loadSeconds = (Date.now() - loadStarted) / 1000;

  result = await page.evaluate(
    async ([step, maxMs]) => {
      const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
      window.scrollTo(0, 0);
      for (let i = 0; i < 30; i++) await frame();
      // The frame clock of this browser with nothing to do: the reference for a "frame".
      const idle = [];
      let last = await frame();
      for (let i = 0; i < 120; i++) {
        const now = await frame();
        idle.push(now - last);
        last = now;
      }
      const longTasks = [];
      const observer = new PerformanceObserver((list) => {
        for (const e of list.getEntries()) longTasks.push(e.duration);
      });
      observer.observe({ type: 'longtask' });
      const deltas = [];
      let maxRows = 0;
      const started = performance.now();
      last = await frame();
      const bottom = () => document.documentElement.scrollHeight - window.innerHeight;
      const stuck = [];
      while (window.scrollY < bottom() - 1 && performance.now() - started < maxMs) {
        const y = window.scrollY;
        window.scrollBy(0, step);
        const now = await frame();
        if (window.scrollY < y + step / 2) stuck.push(window.scrollY - y);
        deltas.push(now - last);
        last = now;
        maxRows = Math.max(maxRows, document.querySelectorAll('tbody tr:not(.table__spacer)').length);
      }
      for (let i = 0; i < 10; i++) await frame();
      observer.disconnect();
      const lastRow = [...document.querySelectorAll('tbody tr[aria-rowindex]')]
        .at(-1)
        ?.getAttribute('aria-rowindex');
      return {
        reachedEnd: window.scrollY >= bottom() - 1,
        scrollY: window.scrollY,
        stuck: stuck.length,
        stuckSample: stuck.slice(0, 10),
        idle,
        deltas,
        longTasks,
        maxRows,
        lastRow,
        scrollHeight: document.documentElement.scrollHeight,
        seconds: (performance.now() - started) / 1000,
      };
    },
    [STEP, MAX_SECONDS * 1000],
  );
  result.rowsLoaded = rowsLoaded;
  result.loadSeconds = loadSeconds;
  result.pageTimes = pageTimes;
} finally {
  await browser.close();
  await app.stop();
}

const idleFrame = percentile(result.idle, 50);
const dropped = result.deltas.reduce((n, d) => n + Math.max(0, Math.round(d / idleFrame) - 1), 0);
const summary = {
  cases: result.rowsLoaded,
  reachedEnd: result.reachedEnd,
  scrollYAtEnd: Math.round(result.scrollY),
  framesThatMovedLessThanHalfAStep: result.stuck,
  stuckSample: result.stuckSample.map((n) => Math.round(n)),
  loadAllPagesSeconds: Number(result.loadSeconds.toFixed(1)),
  loadMoreMs: {
    first: result.pageTimes[0],
    last: result.pageTimes.at(-1),
    p50: percentile(result.pageTimes, 50),
  },
  scrollHeightPx: result.scrollHeight,
  lastRowIndex: result.lastRow,
  stepPxPerFrame: STEP,
  frames: result.deltas.length,
  scrollSeconds: Number(result.seconds.toFixed(1)),
  idleFrameMs: Number(idleFrame.toFixed(1)),
  frameMs: {
    p50: Number(percentile(result.deltas, 50).toFixed(1)),
    p95: Number(percentile(result.deltas, 95).toFixed(1)),
    p99: Number(percentile(result.deltas, 99).toFixed(1)),
    max: Number(Math.max(...result.deltas).toFixed(1)),
  },
  droppedFrames: dropped,
  droppedPercent: Number(((100 * dropped) / (result.deltas.length + dropped)).toFixed(1)),
  longTasks: result.longTasks.length,
  longestTaskMs: result.longTasks.length ? Math.round(Math.max(...result.longTasks)) : 0,
  maxRowsInDom: result.maxRows,
  loadavg: loadavg().map((n) => Number(n.toFixed(1))),
};
console.log(JSON.stringify(summary, null, 2));
