// Lighthouse (performance category) on the dossier list, signed in, against the production build
// on the embedded defaults, in Debian's Chromium (never a downloaded browser).
//
// Usage: npx nx run-many -t build -p api web && node bench/web/lighthouse.mjs
//   LH_RUNS=3 (runs per form factor; the median run by performance score is reported)
//   LH_FORM_FACTORS=desktop,mobile   LH_PATH=/dossiers   PORT=3106
// The session cookie comes from POST /api/auth/login and goes along as an extra header on every
// request of the page (Lighthouse's `extraHeaders`), so the run measures the signed-in list.
// Full reports (JSON) are written to .data/bench-web/lighthouse-*.json.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import { assertBuilt, CHROMIUM, login, root, snapshotWebDist, startApp } from './app.mjs';

const PORT = Number(process.env.PORT ?? 3106);
const RUNS = Number(process.env.LH_RUNS ?? 3);
const FORM_FACTORS = (process.env.LH_FORM_FACTORS ?? 'desktop,mobile').split(',');
const PATH = process.env.LH_PATH ?? '/dossiers';
const outDir = join(root, '.data', 'bench-web');
const dataDir = join(outDir, `lighthouse-db-${PORT}`);

assertBuilt();
mkdirSync(outDir, { recursive: true });
rmSync(dataDir, { recursive: true, force: true });

const webDist = snapshotWebDist(join(outDir, `web-dist-${PORT}`));
const app = startApp({ port: PORT, dataDir, env: { WEB_DIST: webDist } });
await app.ready;
const chrome = await chromeLauncher.launch({
  chromePath: CHROMIUM,
  chromeFlags: [
    '--headless=new',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-dev-shm-usage',
    '--no-first-run',
  ],
});

const results = [];
try {
  const cookie = await login(app.base);
  const url = `${app.base}${PATH}`;
  for (const formFactor of FORM_FACTORS) {
    const runs = [];
    for (let i = 0; i < RUNS; i++) {
      // A trace Chromium failed to record (NO_NAVSTART, NO_FCP on a busy machine) is run again.
      let result;
      for (let attempt = 1; ; attempt++) {
        result = await lighthouse(
          url,
          {
            port: chrome.port,
            output: 'json',
            logLevel: 'error',
            onlyCategories: ['performance'],
            extraHeaders: { Cookie: cookie },
          },
          formFactor === 'desktop' ? desktopConfig : undefined,
        );
        const error = result.lhr.runtimeError;
        if (!error) break;
        if (attempt === 3) throw new Error(`${error.code}: ${error.message}`);
        console.error(`run ${i + 1} (${formFactor}): ${error.code}, again`);
      }
      const lhr = result.lhr;
      if (!lhr.finalDisplayedUrl.endsWith(PATH))
        throw new Error(`ended at ${lhr.finalDisplayedUrl}, not ${PATH}: not signed in?`);
      const a = lhr.audits;
      const scripts = (a['network-requests'].details?.items ?? []).filter((r) => r.resourceType === 'Script');
      runs.push({
        score: Math.round(lhr.categories.performance.score * 100),
        lcpMs: Math.round(a['largest-contentful-paint'].numericValue),
        fcpMs: Math.round(a['first-contentful-paint'].numericValue),
        tbtMs: Math.round(a['total-blocking-time'].numericValue),
        cls: Number(a['cumulative-layout-shift'].numericValue.toFixed(3)),
        siMs: Math.round(a['speed-index'].numericValue),
        lcpElement:
          a['largest-contentful-paint-element']?.details?.items?.[0]?.items?.[0]?.node?.snippet ?? null,
        renderBlocking: (a['render-blocking-resources']?.details?.items ?? []).map((r) => r.url),
        scriptKbTransferred: Math.round(scripts.reduce((n, r) => n + (r.transferSize ?? 0), 0) / 1024),
        totalKbTransferred: Math.round(
          (a['network-requests'].details?.items ?? []).reduce((n, r) => n + (r.transferSize ?? 0), 0) / 1024,
        ),
      });
      writeFileSync(join(outDir, `lighthouse-${formFactor}-${i + 1}.json`), result.report);
    }
    const sorted = [...runs].sort((x, y) => x.score - y.score || y.lcpMs - x.lcpMs);
    const median = sorted[Math.floor((sorted.length - 1) / 2)];
    results.push({ formFactor, runs: runs.map((r) => `${r.score} / ${r.lcpMs} ms`), median });
  }
} finally {
  await chrome.kill();
  await app.stop();
}

const load = (await import('node:os')).loadavg().map((n) => n.toFixed(1));
console.log(JSON.stringify({ url: PATH, runsPerFormFactor: RUNS, loadavg: load, results }, null, 2));
for (const r of results)
  console.log(
    `${r.formFactor}: performance ${r.median.score}, LCP ${r.median.lcpMs} ms, FCP ${r.median.fcpMs} ms, ` +
      `TBT ${r.median.tbtMs} ms, CLS ${r.median.cls}, SI ${r.median.siMs} ms ` +
      `(runs: ${r.runs.join(', ')})`,
  );
