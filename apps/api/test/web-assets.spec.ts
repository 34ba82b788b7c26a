import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './test-app';

/** The web build's precompressed assets (.br/.gz beside each file, apps/web/vite.config.ts) are served as is. */
describe('web assets: precompressed, cached', () => {
  let t: TestApp;
  let webDist: string;
  const source = `export const rows = ${JSON.stringify(Array.from({ length: 500 }, (_, i) => `dossier ${i}`))};`;

  beforeAll(async () => {
    webDist = mkdtempSync(path.join(tmpdir(), 'doorbraak-web-'));
    mkdirSync(path.join(webDist, 'assets'));
    writeFileSync(path.join(webDist, 'index.html'), '<!doctype html><html><body></body></html>');
    const file = path.join(webDist, 'assets', 'list-abc123.js');
    writeFileSync(file, source);
    writeFileSync(`${file}.br`, brotliCompressSync(source));
    writeFileSync(`${file}.gz`, gzipSync(source));
    writeFileSync(path.join(webDist, 'assets', 'plain-abc123.css'), 'body{margin:0}');
    t = await startTestApp({ WEB_DIST: webDist });
  });
  afterAll(async () => {
    await t?.close();
    rmSync(webDist, { recursive: true, force: true });
  });

  const get = (url: string, encoding?: string) =>
    t.request({ method: 'GET', url, headers: encoding ? { 'accept-encoding': encoding } : {} });

  it('sends brotli or gzip to a browser that accepts it, the plain file otherwise', async () => {
    const br = await get('/assets/list-abc123.js', 'gzip, deflate, br');
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(source);
    expect(br.rawPayload.length).toBeLessThan(source.length / 3);

    const gz = await get('/assets/list-abc123.js', 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).toString()).toBe(source);

    const plain = await get('/assets/list-abc123.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.payload).toBe(source);
  });

  it('serves an asset without compressed siblings as it is', async () => {
    const css = await get('/assets/plain-abc123.css', 'br');
    expect(css.statusCode).toBe(200);
    expect(css.headers['content-encoding']).toBeUndefined();
    expect(css.payload).toBe('body{margin:0}');
  });
});
