import { inflateSync } from 'node:zlib';
import {
  CASE_EXPORT_COLUMNS,
  type CaseDetail,
  type CaseEvent,
  type CaseList,
  caseListSchema,
  localDate,
} from '@doorbraak/domain';
import { Workbook } from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, DEMO, startTestApp, type TestApp } from './test-app';

/** WinAnsi bytes 0x80–0x9F that differ from Latin-1 (the rest is Latin-1). */
const WIN_ANSI: Record<number, string> = { 0x91: '‘', 0x92: '’', 0x93: '“', 0x94: '”', 0x96: '–', 0x97: '—' };

/**
 * The text of a pdfkit PDF: inflate every content stream and decode the hex strings of each TJ
 * (standard fonts, WinAnsi). One line per TJ, which is one line of text on the page.
 */
function pdfText(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const lines: string[] = [];
  const streams = /stream\r?\n/g;
  for (let m = streams.exec(raw); m; m = streams.exec(raw)) {
    const start = m.index + m[0].length;
    const end = raw.indexOf('endstream', start);
    let content: string;
    try {
      content = inflateSync(pdf.subarray(start, end)).toString('latin1');
    } catch {
      continue;
    }
    for (const tj of content.matchAll(/\[((?:<[0-9a-f]*>|[-\d.\s])*)\]\s*TJ/g)) {
      const text = [...(tj[1] ?? '').matchAll(/<([0-9a-f]*)>/g)]
        .map((h) =>
          [...Buffer.from(h[1] ?? '', 'hex')].map((b) => WIN_ANSI[b] ?? String.fromCharCode(b)).join(''),
        )
        .join('');
      lines.push(text);
    }
  }
  return lines.join('\n');
}

const pages = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;

/** A small RFC 4180 reader for `;`-separated CSV. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ';') {
      row.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 1;
    } else field += ch;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}

describe('insight: exports (CSV, XLSX, case file and progress report as PDF)', () => {
  let t: TestApp;
  let admin: Agent;
  let coordinator: Agent;
  let barendrecht: Agent;
  let assen: Agent;

  /** Every case GET /api/cases returns for a query, in list order. */
  async function listAll(agent: Agent, query: string): Promise<CaseList['items']> {
    const items: CaseList['items'] = [];
    let cursor: string | null = null;
    do {
      const response = await agent.get(
        `/api/cases?${query}&limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      expect(response.statusCode, response.body).toBe(200);
      const page = caseListSchema.parse(response.json());
      items.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return items;
  }

  const caseId = async (projectName: string) => {
    const found: { id: string }[] = await t.db.query(`SELECT id FROM cases WHERE project_name = $1`, [
      projectName,
    ]);
    return found[0]?.id as string;
  };

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.login(DEMO.admin);
    coordinator = await t.login(DEMO.coordinatorZh);
    barendrecht = await t.login(DEMO.barendrecht);
    assen = await t.login(DEMO.assen);
    // 2,345 extra cases in Amsterdam (more than two export batches), with ties on created_at.
    await t.db.query(
      `INSERT INTO cases (reference, project_name, municipality_code, province_code, homes_total,
                          homes_social_or_affordable, status, level_code, is_example, submitter_organisation_id, created_at, updated_at)
       SELECT 'DB-T-' || lpad(g::text, 5, '0'), 'Exporttest ' || g || CASE WHEN g % 97 = 0 THEN ' "met; scheiding"' ELSE '' END,
              'GM0363', 'PV27', 10 + g, CASE WHEN g % 2 = 0 THEN g ELSE NULL END,
              (ARRAY['submitted','in_progress','escalated'])[1 + g % 3], 'regional_table', true,
              (SELECT id FROM organisations WHERE municipality_code = 'GM0363'),
              timestamptz '2026-01-01 10:00+01' + ((g / 3) || ' minutes')::interval, now()
         FROM generate_series(1, 2345) g`,
    );
    await t.db.query(
      `INSERT INTO cases (reference, project_name, municipality_code, province_code, homes_total, status, level_code,
                          submitter_organisation_id)
       VALUES ('DB-T-FORMULA', '=HYPERLINK("https://example.org")', 'GM0363', 'PV27', 5, 'submitted', 'woondeal_table',
               (SELECT id FROM organisations WHERE municipality_code = 'GM0363'))`,
    );
    await t.db.query(
      `INSERT INTO case_knelpunten (case_id, knelpunt_code)
       SELECT id, 'grid_congestion' FROM cases WHERE reference LIKE 'DB-T-%'
       UNION ALL SELECT id, 'nitrogen' FROM cases WHERE reference LIKE 'DB-T-0%' AND homes_total % 5 = 0`,
    );
  });
  afterAll(async () => {
    await t?.close();
  });

  it('CSV: Dutch header, every filtered case once in list order, numbers as numbers, as an attachment', async () => {
    const response = await admin.get('/api/exports/cases.csv?municipality=GM0363&limit=5&cursor=ignored');
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe(
      `attachment; filename="doorbraak-dossiers-${localDate(new Date())}.csv"`,
    );
    expect(
      response.body.startsWith(
        '\uFEFFKenmerk;Project;Gemeente;Provincie;Woningen;Sociaal/betaalbaar;Knelpunten;Status;Niveau;Ingediend\r\n',
      ),
    ).toBe(true);
    const [header, ...rows] = parseCsv(response.body.slice(1));
    expect(header).toEqual([...CASE_EXPORT_COLUMNS]);
    const listed = await listAll(admin, 'municipality=GM0363');
    const inAmsterdam: { n: number }[] = await t.db.query(
      `SELECT count(*)::int AS n FROM cases WHERE municipality_code = 'GM0363'`,
    );
    expect(listed.length).toBe(inAmsterdam[0]?.n);
    expect(listed.length).toBeGreaterThanOrEqual(2345);
    expect(rows.map((r) => r[0])).toEqual(listed.map((c) => c.reference));
    const g97 = rows.find((r) => r[0] === 'DB-T-00097');
    expect(g97).toEqual([
      'DB-T-00097',
      'Exporttest 97 "met; scheiding"',
      'Amsterdam',
      'Noord-Holland',
      '107',
      '',
      'Netcongestie',
      'In behandeling',
      'Regionale versnellingstafel',
      '2026-01-01',
    ]);
    expect(rows.find((r) => r[0] === 'DB-T-00090')?.slice(4, 7)).toEqual([
      '100',
      '90',
      'Netcongestie, Stikstof',
    ]);
    // A spreadsheet must not run a project name as a formula.
    expect(rows.find((r) => r[0] === 'DB-T-FORMULA')?.[1]).toBe(`'=HYPERLINK("https://example.org")`);
  });

  it('CSV: filters and scope apply exactly as in GET /api/cases', async () => {
    for (const [agent, query] of [
      [coordinator, 'status=in_progress,escalated'],
      [barendrecht, ''],
      [admin, 'knelpuntType=nitrogen&sort=homes&examples=true'],
      [admin, 'q=Stationstuinen'],
    ] as const) {
      const response = await agent.get(`/api/exports/cases.csv?${query}`);
      expect(response.statusCode).toBe(200);
      const [, ...rows] = parseCsv(response.body.slice(1));
      expect(
        rows.map((r) => r[0]),
        query,
      ).toEqual((await listAll(agent, query)).map((c) => c.reference));
    }
    expect((await admin.get('/api/exports/cases.csv?status=waiting')).statusCode).toBe(400);
    expect((await t.request({ method: 'GET', url: '/api/exports/cases.csv' })).statusCode).toBe(401);
  });

  it('XLSX: opened with exceljs, it round-trips every filtered case with numbers as numbers', async () => {
    const response = await admin.request({
      method: 'GET',
      url: '/api/exports/cases.xlsx?province=PV27,PV28',
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(response.headers['content-disposition']).toMatch(
      /^attachment; filename="doorbraak-dossiers-.*\.xlsx"$/,
    );
    const workbook = new Workbook();
    // exceljs types its input as the Buffer of older @types/node.
    await workbook.xlsx.load(response.rawPayload as unknown as Parameters<typeof workbook.xlsx.load>[0]);
    const sheet = workbook.getWorksheet('Dossiers');
    expect(sheet).toBeDefined();
    const values = (n: number) => (sheet?.getRow(n).values as unknown[]).slice(1);
    expect(values(1)).toEqual([...CASE_EXPORT_COLUMNS]);
    const listed = await listAll(admin, 'province=PV27,PV28');
    expect(sheet?.rowCount).toBe(listed.length + 1);
    const details: { reference: string; homes_total: number; social: number | null; created: Date }[] =
      await t.db.query(
        `SELECT reference, homes_total, homes_social_or_affordable AS social, created_at AS created FROM cases
          WHERE province_code IN ('PV27', 'PV28')`,
      );
    const byReference = new Map(details.map((d) => [d.reference, d]));
    listed.forEach((c, i) => {
      const row = values(i + 2);
      expect(row[0]).toBe(c.reference);
      expect(row[1]).toBe(c.projectName);
      expect(row[2]).toBe(c.municipalityName);
      expect(row[3]).toBe(c.provinceName);
      expect(row[4]).toBe(c.homesTotal);
      expect(typeof row[4]).toBe('number');
      const d = byReference.get(c.reference);
      expect(row[5] ?? null).toBe(d?.social ?? null);
      expect((row[9] as Date).toISOString().slice(0, 10)).toBe(localDate(new Date(c.createdAt)));
    });
    const stationstuinen = listed.findIndex((c) => c.projectName === 'De Stationstuinen');
    expect(values(stationstuinen + 2).slice(6, 9)).toEqual([
      'Netcongestie, Procedures, bezwaar en beroep',
      'Doorbraak',
      'Landelijke versnellingstafel',
    ]);
  });

  it('case file PDF: renders the summary, parties, clocks, escalations and the whole timeline', async () => {
    const id = await caseId('De Stationstuinen');
    const detail = (await coordinator.get(`/api/cases/${id}`)).json<CaseDetail>();
    const response = await coordinator.get(`/api/cases/${id}/export.pdf`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toBe(
      `attachment; filename="dossier-${detail.reference}.pdf"`,
    );
    const pdf = response.rawPayload;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.subarray(-6).toString()).toContain('%%EOF');
    expect(pages(pdf)).toBeGreaterThanOrEqual(2);
    const text = pdfText(pdf);
    for (const expected of [
      `Dossier ${detail.reference} — De Stationstuinen`,
      'Samenvatting',
      'Partijen en afspraken',
      'Stedin — Trekker',
      'Termijnen (klokken)',
      'Opschalingen',
      'Van Woondealtafel naar Landelijke versnellingstafel',
      'Doorbraak',
      'Tijdlijn',
    ]) {
      expect(text, expected).toContain(expected);
    }
    const timeline = (await coordinator.get(`/api/cases/${id}/events`)).json<{ items: CaseEvent[] }>().items;
    expect(timeline.length).toBeGreaterThan(5);
    for (const e of timeline) expect(text).toMatch(new RegExp(`^${e.seq}\\. `, 'm'));
    expect(text).toContain('Doorbraak vastgelegd');
    expect(text).toContain('Opgeschaald');

    // Scope: Assen may not have it (404, not 403); the submitting municipality gets its shared timeline.
    expect((await assen.get(`/api/cases/${id}/export.pdf`)).statusCode).toBe(404);
    const own = await barendrecht.get(`/api/cases/${id}/export.pdf`);
    expect(own.statusCode).toBe(200);
    const shared = (await barendrecht.get(`/api/cases/${id}/events`)).json<{ items: CaseEvent[] }>().items;
    const ownText = pdfText(own.rawPayload);
    for (const e of shared) expect(ownText).toMatch(new RegExp(`^${e.seq}\\. `, 'm'));
    expect((await admin.get('/api/cases/not-a-case/export.pdf')).statusCode).toBe(404);

    // Text outside the standard fonts' WinAnsi is spelled out or stripped of its accent, never garbled.
    const odd = await coordinator.post('/api/cases', {
      projectName: 'Łódź-plein → fase ≥ 2 (Wrocławstraat)',
      municipalityCode: 'GM0489',
      homesTotal: 12,
      knelpuntTypes: ['other'],
    });
    expect(odd.statusCode).toBe(201);
    const oddText = pdfText(
      (await coordinator.get(`/api/cases/${odd.json<CaseDetail>().id}/export.pdf`)).rawPayload,
    );
    expect(oddText).toContain('?ódz-plein -> fase >= 2 (Wroc?awstraat)');
  });

  it("progress report PDF: the Kamerbrief's knelpunten section with the named breakthroughs", async () => {
    const response = await admin.get('/api/exports/progress-report.pdf');
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-disposition']).toMatch(
      /^attachment; filename="voortgangsrapportage-alle-dossiers-in-het-bereik-van-doorbraak-beheer-\d{4}-\d{2}-\d{2}\.pdf"$/,
    );
    expect(response.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(response.rawPayload);
    for (const expected of [
      'Voortgangsrapportage knelpunten woningbouw',
      'Knelpunten',
      'Netcongestie',
      'Doorbraken',
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).toMatch(/8\.680\s+woningen/);
    expect(text).toContain('De Stationstuinen (Barendrecht, Zuid-Holland) — 3.500 woningen');
    expect(text).toContain('Nieuw-Vennep (Haarlemmermeer, Noord-Holland) — 4.580 woningen');
    expect(text).toContain('(Leeuwarden, Fryslân) — 600 woningen');

    const zh = await admin.get('/api/exports/progress-report.pdf?province=PV28');
    expect(zh.statusCode).toBe(200);
    expect(zh.headers['content-disposition']).toContain('voortgangsrapportage-provincie-zuid-holland-');
    const zhText = pdfText(zh.rawPayload);
    expect(zhText).toContain('Provincie Zuid-Holland');
    expect(zhText).toContain('De Stationstuinen');
    expect(zhText).not.toContain('Nieuw-Vennep');

    const regions: { id: string }[] = await t.db.query(
      `SELECT id FROM regions WHERE name = 'Holland Rijnland'`,
    );
    const region = await coordinator.get(`/api/exports/progress-report.pdf?region=${regions[0]?.id}`);
    expect(region.statusCode).toBe(200);
    expect(pdfText(region.rawPayload)).toContain('Woondealregio Holland Rijnland');
    const unknown = await admin.get(
      '/api/exports/progress-report.pdf?region=00000000-0000-4000-8000-000000000000',
    );
    expect(unknown.statusCode).toBe(400);

    // A municipality's report holds only its own breakthroughs.
    const assenText = pdfText((await assen.get('/api/exports/progress-report.pdf')).rawPayload);
    expect(assenText).not.toContain('De Stationstuinen');
    expect(assenText).toContain('Nog geen doorbraken in dit bereik.');
  });
  it('every export is audited: actor, kind, filters and row count (also visible to admins in the audit log)', async () => {
    interface AuditEntry {
      type: string;
      actor_user_id: string | null;
      actor_label: string | null;
      target_type: string | null;
      target_id: string | null;
      data: Record<string, unknown>;
      request_id: string | null;
    }
    const users: { id: string; email: string }[] = await t.db.query(
      `SELECT id, email FROM users WHERE email = ANY($1::text[])`,
      [[DEMO.coordinatorZh, DEMO.barendrecht]],
    );
    const userId = (email: string) => users.find((u) => u.email === email)?.id as string;
    const latest: { last: string }[] = await t.db.query(
      `SELECT coalesce(max(id), 0)::text AS last FROM audit_log`,
    );
    const last = latest[0]?.last ?? '0';
    const newEntries = async (): Promise<AuditEntry[]> =>
      t.db.query(
        `SELECT type, actor_user_id, actor_label, target_type, target_id, data, request_id
           FROM audit_log WHERE id > $1::bigint AND type LIKE 'export.%' ORDER BY id`,
        [last],
      );

    // CSV of a filtered list: the row count is what the file holds.
    const csv = await coordinator.get(
      '/api/exports/cases.csv?status=in_progress,escalated&level=regional_table',
    );
    expect(csv.statusCode).toBe(200);
    const csvRows = parseCsv(csv.body.slice(1)).length - 1;
    // XLSX of the municipality's own cases.
    const xlsx = await barendrecht.get('/api/exports/cases.xlsx');
    expect(xlsx.statusCode).toBe(200);
    const workbook = new Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const xlsxRows = (workbook.getWorksheet('Dossiers')?.actualRowCount ?? 0) - 1;
    // The case file and the progress report.
    const stationstuinen = await caseId('De Stationstuinen');
    expect((await barendrecht.get(`/api/cases/${stationstuinen}/export.pdf`)).statusCode).toBe(200);
    expect((await coordinator.get('/api/exports/progress-report.pdf?province=PV28')).statusCode).toBe(200);
    // Refused exports are not exports: no entry.
    expect((await assen.get(`/api/cases/${stationstuinen}/export.pdf`)).statusCode).toBe(404);
    expect((await admin.get('/api/exports/cases.csv?status=waiting')).statusCode).toBe(400);

    const entries = await newEntries();
    expect(entries.map((e) => e.type)).toEqual([
      'export.cases_csv',
      'export.cases_xlsx',
      'export.case_file',
      'export.progress_report',
    ]);
    const [csvEntry, xlsxEntry, caseFileEntry, reportEntry] = entries as [
      AuditEntry,
      AuditEntry,
      AuditEntry,
      AuditEntry,
    ];
    expect(csvEntry.actor_user_id).toBe(userId(DEMO.coordinatorZh));
    expect(csvEntry.actor_label).toContain('Regionale versnellingstafel Zuid-Holland');
    expect(csvEntry.request_id).toBeTruthy();
    expect(csvEntry.data).toMatchObject({
      actorRole: 'coordinator',
      filters: { status: ['in_progress', 'escalated'], level: ['regional_table'], sort: 'newest' },
      rowCount: csvRows,
      completed: true,
    });
    expect(csvRows).toBeGreaterThan(0);
    expect(csvEntry.data.filters).not.toHaveProperty('limit');

    expect(xlsxEntry.actor_user_id).toBe(userId(DEMO.barendrecht));
    expect(xlsxEntry.data).toMatchObject({ actorRole: 'municipality', rowCount: xlsxRows, completed: true });
    expect(xlsxRows).toBeGreaterThan(0);

    expect(caseFileEntry).toMatchObject({
      actor_user_id: userId(DEMO.barendrecht),
      target_type: 'case',
      target_id: stationstuinen,
    });
    expect(caseFileEntry.data.rowCount).toBeGreaterThan(0);

    expect(reportEntry.actor_user_id).toBe(userId(DEMO.coordinatorZh));
    expect(reportEntry.data).toMatchObject({
      filters: { province: ['PV28'] },
      scope: 'Provincie Zuid-Holland',
    });
    expect(reportEntry.data.rowCount).toBeGreaterThanOrEqual(1); // De Stationstuinen

    // A large export is counted over every batch; admins find exports by the `export.` prefix.
    const big = await admin.get('/api/exports/cases.csv?municipality=GM0363');
    const bigRows = parseCsv(big.body.slice(1)).length - 1;
    expect(bigRows).toBeGreaterThan(2345);
    const log = await admin.get('/api/admin/audit-log?type=export.&limit=1');
    expect(log.statusCode).toBe(200);
    expect(log.json<{ items: { type: string; data: Record<string, unknown> }[] }>().items[0]).toMatchObject({
      type: 'export.cases_csv',
      data: { rowCount: bigRows, completed: true, filters: { municipality: ['GM0363'] } },
    });
  });
});
