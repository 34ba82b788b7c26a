import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { crc32 } from 'node:zlib';
import type { Attachment, CaseDetail } from '@doorbraak/domain';
import type { Response } from 'light-my-request';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CaseEventsService } from '../src/modules/cases/case-events.service';
import { caseInput } from './factories';
import { type Agent, DEMO, startTestApp, type TestApp } from './test-app';

interface Part {
  name: string;
  value: string | Buffer;
  filename?: string;
  contentType?: string;
}

/** A multipart/form-data body built by hand (boundary and CRLFs), as a browser sends it. */
function multipart(parts: Part[]): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----doorbraak${randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    let head = `--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"`;
    if (part.filename !== undefined) head += `; filename="${part.filename}"`;
    head += '\r\n';
    if (part.contentType) head += `Content-Type: ${part.contentType}\r\n`;
    chunks.push(Buffer.from(`${head}\r\n`, 'utf8'), Buffer.from(part.value), Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(chunks),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

function upload(
  agent: Agent,
  caseId: string,
  file: { filename: string; content: Buffer | string; contentType?: string },
  visibility?: string,
): Promise<Response> {
  const parts: Part[] = [];
  if (visibility !== undefined) parts.push({ name: 'visibility', value: visibility });
  parts.push({
    name: 'file',
    value: file.content,
    filename: file.filename,
    contentType: file.contentType ?? 'application/octet-stream',
  });
  const body = multipart(parts);
  return agent.request({
    method: 'POST',
    url: `/api/cases/${caseId}/attachments`,
    payload: body.payload,
    headers: body.headers,
  });
}

/** A stored (uncompressed) ZIP archive with the given entries, in order. */
function zip(entries: { name: string; content: string | Buffer }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const data = Buffer.from(entry.content);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += 30 + name.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

function pdf(size = 64 * 1024): Buffer {
  return Buffer.concat([
    Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1'),
    randomBytes(size),
    Buffer.from('\n%%EOF\n'),
  ]);
}

/** Every file under the attachment storage root. */
function storedFiles(root: string): string[] {
  if (!existsSync(root)) return [];
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => path.join(d.parentPath, d.name));
}

describe('attachments: upload, type checks, size limit, download headers, scope', () => {
  let t: TestApp;
  let barendrecht: Agent;
  let coordinator: Agent;
  let assen: Agent;
  let caseId: string;
  let root: string;

  beforeAll(async () => {
    t = await startTestApp();
    root = path.join(t.runtime.config.dataDir, 'attachments');
    barendrecht = await t.login(DEMO.barendrecht);
    coordinator = await t.login(DEMO.coordinatorZh);
    assen = await t.login(DEMO.assen);
    caseId = (await barendrecht.post('/api/cases', caseInput())).json<CaseDetail>().id;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('a PDF round-trips byte for byte with its sha256, downloaded as an attachment with safe headers', async () => {
    const content = pdf();
    const created = await upload(
      coordinator,
      caseId,
      { filename: 'Netaansluiting rapport – €.pdf', content, contentType: 'application/pdf' },
      'shared',
    );
    expect(created.statusCode).toBe(201);
    const attachment = created.json<Attachment>();
    expect(attachment).toMatchObject({
      caseId,
      filename: 'Netaansluiting rapport – €.pdf',
      contentType: 'application/pdf',
      sizeBytes: content.length,
      sha256: sha256(content),
      visibility: 'shared',
      uploadedBy: 'Fatima El Amrani (Regionale versnellingstafel Zuid-Holland)',
    });

    // The submitter may download a shared attachment.
    const download = await barendrecht.get(`/api/cases/${caseId}/attachments/${attachment.id}/content`);
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(content)).toBe(true);
    expect(sha256(download.rawPayload)).toBe(attachment.sha256);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['content-length']).toBe(String(content.length));
    expect(download.headers['content-disposition']).toBe(
      `attachment; filename="Netaansluiting rapport _ _.pdf"; filename*=UTF-8''${encodeURIComponent(
        'Netaansluiting rapport – €.pdf',
      )}`,
    );
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    expect(download.headers['content-security-policy']).toBe('sandbox');

    const [row] = await t.db.query<{ storage_key: string }[]>(
      `SELECT storage_key FROM case_attachments WHERE id = $1`,
      [attachment.id],
    );
    expect(row?.storage_key).toMatch(/^[0-9a-f]{64}$/);
    const file = path.join(root, row!.storage_key.slice(0, 2), row!.storage_key);
    expect(existsSync(file)).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('keeps internal attachments from the submitter: absent from its list, 404 on download', async () => {
    const internal = await upload(coordinator, caseId, { filename: 'intern.pdf', content: pdf(1024) });
    expect(internal.statusCode).toBe(201);
    const attachment = internal.json<Attachment>();
    expect(attachment.visibility).toBe('internal'); // the default

    const tableList = (await coordinator.get(`/api/cases/${caseId}/attachments`)).json<{
      items: Attachment[];
    }>();
    expect(tableList.items.map((a) => a.id)).toContain(attachment.id);
    const submitterList = (await barendrecht.get(`/api/cases/${caseId}/attachments`)).json<{
      items: Attachment[];
    }>();
    expect(submitterList.items.length).toBeGreaterThan(0);
    expect(submitterList.items.map((a) => a.id)).not.toContain(attachment.id);
    expect(submitterList.items.every((a) => a.visibility === 'shared')).toBe(true);
    const download = await barendrecht.get(`/api/cases/${caseId}/attachments/${attachment.id}/content`);
    expect(download.statusCode).toBe(404);

    const events = (await barendrecht.get(`/api/cases/${caseId}/events`)).json<{
      items: { type: string; data: { attachmentId?: string } }[];
    }>().items;
    expect(events.some((e) => e.data.attachmentId === attachment.id)).toBe(false);
    const tableEvents = (await coordinator.get(`/api/cases/${caseId}/events`)).json<{
      items: { type: string; data: Record<string, unknown> }[];
    }>().items;
    expect(tableEvents.find((e) => e.data.attachmentId === attachment.id)).toMatchObject({
      type: 'attachment.added',
      data: { filename: 'intern.pdf', contentType: 'application/pdf', visibility: 'internal' },
    });
  });

  it('the submitter shares by default and may not upload internal attachments (403, nothing stored)', async () => {
    const before = storedFiles(root).length;
    const refused = await upload(
      barendrecht,
      caseId,
      { filename: 'notitie.txt', content: 'Interne notitie' },
      'internal',
    );
    expect(refused.statusCode).toBe(403);
    expect(storedFiles(root)).toHaveLength(before);
    const shared = await upload(barendrecht, caseId, {
      filename: 'notitie.txt',
      content: 'Gedeelde notitie',
    });
    expect(shared.statusCode).toBe(201);
    expect(shared.json<Attachment>()).toMatchObject({ visibility: 'shared', contentType: 'text/plain' });
    const download = await coordinator.get(
      `/api/cases/${caseId}/attachments/${shared.json<Attachment>().id}/content`,
    );
    expect(download.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(download.body).toBe('Gedeelde notitie');
  });

  it('refuses an EXE or HTML disguised as .pdf (415) whatever the client claims, and keeps no bytes', async () => {
    const before = storedFiles(root).length;
    const exe = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), randomBytes(4096)]);
    const html = '<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>';
    for (const content of [exe, Buffer.from(html)]) {
      const response = await upload(coordinator, caseId, {
        filename: 'factuur.pdf',
        content,
        contentType: 'application/pdf',
      });
      expect(response.statusCode).toBe(415);
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(response.json().type).toBe('https://doorbraak.nl/problems/unsupported-media-type');
    }
    // HTML under its own name is not an allowed type either, nor a shell script named .txt's cousin .sh.
    expect((await upload(coordinator, caseId, { filename: 'pagina.html', content: html })).statusCode).toBe(
      415,
    );
    expect((await upload(coordinator, caseId, { filename: 'run.bat', content: 'del *.*' })).statusCode).toBe(
      415,
    );
    expect(storedFiles(root)).toHaveLength(before);
  });

  it('decides the type from the bytes: PNG, JPEG, CSV, DOCX, XLSX, ODT, ODS; mismatches and junk are 415', async () => {
    const png = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      randomBytes(256),
    ]);
    const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(256)]);
    const docx = zip([
      { name: '[Content_Types].xml', content: '<Types/>' },
      { name: 'word/document.xml', content: '<w:document/>' },
    ]);
    const xlsx = zip([
      { name: '[Content_Types].xml', content: '<Types/>' },
      { name: 'xl/workbook.xml', content: '<workbook/>' },
    ]);
    const odt = zip([
      { name: 'mimetype', content: 'application/vnd.oasis.opendocument.text' },
      { name: 'content.xml', content: '<office:document-content/>' },
    ]);
    const ods = zip([
      { name: 'mimetype', content: 'application/vnd.oasis.opendocument.spreadsheet' },
      { name: 'content.xml', content: '<office:document-content/>' },
    ]);
    const accepted: [string, Buffer | string, string][] = [
      ['kaart.png', png, 'image/png'],
      ['foto.JPG', jpeg, 'image/jpeg'],
      ['woningen.csv', 'gemeente;woningen\nBarendrecht;120\n', 'text/csv'],
      ['brief.docx', docx, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
      ['planning.xlsx', xlsx, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      ['notulen.odt', odt, 'application/vnd.oasis.opendocument.text'],
      ['begroting.ods', ods, 'application/vnd.oasis.opendocument.spreadsheet'],
    ];
    for (const [filename, content, contentType] of accepted) {
      const response = await upload(coordinator, caseId, { filename, content, contentType: 'text/html' });
      expect(response.statusCode, filename).toBe(201);
      expect(response.json<Attachment>().contentType, filename).toBe(contentType);
    }
    const refused: [string, Buffer | string][] = [
      ['kaart.jpg', png], // PNG bytes under a JPEG name
      ['archief.docx', zip([{ name: 'setup.exe', content: 'MZ' }])], // a ZIP that is no Office file
      ['brief.docx', odt], // an ODF document under a Word name
      ['binair.txt', Buffer.from([0x41, 0x00, 0x42])], // a NUL byte is not text
      ['latin1.txt', Buffer.from('caf\xe9', 'latin1')], // not valid UTF-8
      ['afbeelding.gif', Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1')],
    ];
    for (const [filename, content] of refused) {
      expect((await upload(coordinator, caseId, { filename, content })).statusCode, filename).toBe(415);
    }
  });

  it('sanitizes the file name: no directories, control or bidi characters; at most 200 characters', async () => {
    const traversal = await upload(coordinator, caseId, {
      filename: '../../../etc/passwd.txt',
      content: 'root:x:0:0',
    });
    expect(traversal.statusCode).toBe(201);
    expect(traversal.json<Attachment>().filename).toBe('passwd.txt');
    const windows = await upload(coordinator, caseId, {
      filename: '..\\..\\Windows\\System32\\evil\u202etxt.pdf',
      content: pdf(128),
    });
    expect(windows.statusCode).toBe(201);
    expect(windows.json<Attachment>().filename).toBe('eviltxt.pdf');
    const long = await upload(coordinator, caseId, { filename: `${'a'.repeat(300)}.pdf`, content: pdf(128) });
    expect(long.json<Attachment>().filename).toBe(`${'a'.repeat(196)}.pdf`);
    // Nothing was written outside the storage root, and every stored name is a random key.
    for (const file of storedFiles(root)) {
      expect(path.relative(root, file)).toMatch(/^[0-9a-f]{2}\/[0-9a-f]{64}$/);
    }
    expect(existsSync(path.join(t.runtime.config.dataDir, 'etc'))).toBe(false);
  });

  it('answers 413 for a file over the limit (11 MiB, and 10 MiB + 1 byte) and keeps nothing', async () => {
    const before = storedFiles(root).length;
    const eleven = await upload(coordinator, caseId, {
      filename: 'groot.pdf',
      content: pdf(11 * 1024 * 1024),
    });
    expect(eleven.statusCode).toBe(413);
    expect(eleven.headers['content-type']).toMatch(/application\/problem\+json/);
    const content = pdf(10 * 1024 * 1024);
    const justOver = await upload(coordinator, caseId, {
      filename: 'net-te-groot.pdf',
      content: content.subarray(0, 10 * 1024 * 1024 + 1),
    });
    expect(justOver.statusCode).toBe(413);
    expect(justOver.json().type).toBe('https://doorbraak.nl/problems/payload-too-large');
    expect(storedFiles(root)).toHaveLength(before);
    const exactly = await upload(coordinator, caseId, {
      filename: 'precies.pdf',
      content: content.subarray(0, 10 * 1024 * 1024),
    });
    expect(exactly.statusCode).toBe(201);
  });

  it('refuses requests that are not a single-file multipart upload', async () => {
    const before = storedFiles(root).length;
    const json = await coordinator.post(`/api/cases/${caseId}/attachments`, { file: 'x' });
    expect(json.statusCode).toBe(415);
    expect(json.headers['content-type']).toMatch(/application\/problem\+json/);
    const octets = await coordinator.request({
      method: 'POST',
      url: `/api/cases/${caseId}/attachments`,
      payload: pdf(16),
      headers: { 'content-type': 'application/pdf' },
    });
    expect(octets.statusCode).toBe(415);
    const noFile = multipart([{ name: 'visibility', value: 'shared' }]);
    const missing = await coordinator.request({
      method: 'POST',
      url: `/api/cases/${caseId}/attachments`,
      ...noFile,
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors[0].field).toBe('file');
    const badVisibility = await upload(
      coordinator,
      caseId,
      { filename: 'a.pdf', content: pdf(16) },
      'public',
    );
    expect(badVisibility.statusCode).toBe(400);
    const twoFiles = multipart([
      { name: 'file', value: pdf(16), filename: 'a.pdf' },
      { name: 'file', value: pdf(16), filename: 'b.pdf' },
    ]);
    const two = await coordinator.request({
      method: 'POST',
      url: `/api/cases/${caseId}/attachments`,
      ...twoFiles,
    });
    expect(two.statusCode).toBe(413); // files: 1
    expect(two.json().detail).toMatch(/één bestand/);
    const empty = await upload(coordinator, caseId, { filename: 'leeg.txt', content: '' });
    expect(empty.statusCode).toBe(400);
    expect(storedFiles(root)).toHaveLength(before);
  });

  it('deletes the stored bytes when the database transaction fails', async () => {
    const events = t.app.get(CaseEventsService);
    const spy = vi.spyOn(events, 'append').mockRejectedValueOnce(new Error('database went away'));
    const before = storedFiles(root).length;
    const count = async () =>
      (
        await t.db.query<{ n: number }[]>(
          `SELECT count(*)::int AS n FROM case_attachments WHERE case_id = $1`,
          [caseId],
        )
      )[0]?.n;
    const rows = await count();
    try {
      const response = await upload(coordinator, caseId, { filename: 'pech.pdf', content: pdf(2048) });
      expect(response.statusCode).toBe(500);
    } finally {
      spy.mockRestore();
    }
    expect(storedFiles(root)).toHaveLength(before);
    expect(await count()).toBe(rows);
  });

  it('answers 404 outside the scope: Assen cannot list, upload or download on a Barendrecht case', async () => {
    const shared = (
      await upload(coordinator, caseId, { filename: 'openbaar.pdf', content: pdf(256) }, 'shared')
    ).json<Attachment>();
    const before = storedFiles(root).length;
    const list = await assen.get(`/api/cases/${caseId}/attachments`);
    expect(list.statusCode).toBe(404);
    const post = await upload(assen, caseId, { filename: 'inbraak.pdf', content: pdf(256) }, 'shared');
    expect(post.statusCode).toBe(404);
    const download = await assen.get(`/api/cases/${caseId}/attachments/${shared.id}/content`);
    expect(download.statusCode).toBe(404);
    // Nor through a case of its own: the attachment id must belong to the case in the path.
    const own = (
      await assen.post('/api/cases', caseInput({ municipalityCode: 'GM0106' }))
    ).json<CaseDetail>();
    expect((await assen.get(`/api/cases/${own.id}/attachments/${shared.id}/content`)).statusCode).toBe(404);
    const liander = await t.login(DEMO.liander);
    expect((await liander.get(`/api/cases/${caseId}/attachments/${shared.id}/content`)).statusCode).toBe(404);
    expect(storedFiles(root)).toHaveLength(before);
    expect((await t.request({ method: 'GET', url: `/api/cases/${caseId}/attachments` })).statusCode).toBe(
      401,
    );
  });
});
