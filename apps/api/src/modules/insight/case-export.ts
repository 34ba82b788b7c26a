import { once } from 'node:events';
import { PassThrough, Readable } from 'node:stream';
import {
  type Actor,
  CASE_EXPORT_COLUMNS,
  CASE_STATUS_LABELS,
  type CaseExportQuery,
  localDate,
} from '@doorbraak/domain';
import { stream as excelStream } from 'exceljs';
import type { DataSource } from 'typeorm';
import { buildCaseListQuery, type CaseRow, caseListPage } from '../cases/case-list.query';

/** Rows fetched per statement: the export is keyset batches, never one big result held in memory. */
export const EXPORT_BATCH = 1_000;

export type ExportCell = string | number | null;

interface Labels {
  knelpunt: Map<string, string>;
  level: Map<string, string>;
}

async function labels(db: DataSource): Promise<Labels> {
  const found: { kind: 'knelpunt' | 'level'; code: string; label: string }[] = await db.query(
    `SELECT 'knelpunt' AS kind, code, label_nl AS label FROM knelpunt_types
     UNION ALL SELECT 'level', code, label_nl FROM escalation_levels`,
  );
  const result: Labels = { knelpunt: new Map(), level: new Map() };
  for (const r of found) result[r.kind].set(r.code, r.label);
  return result;
}

/** One export row, in the order of CASE_EXPORT_COLUMNS. */
function toCells(row: CaseRow, l: Labels): ExportCell[] {
  return [
    row.reference,
    row.project_name,
    row.municipality_name,
    row.province_name,
    row.homes_total,
    row.homes_social_or_affordable,
    (row.knelpunt_types ?? []).map((k) => l.knelpunt.get(k) ?? k).join(', '),
    CASE_STATUS_LABELS[row.status].nl,
    l.level.get(row.level_code) ?? row.level_code,
    localDate(new Date(row.created_at)),
  ];
}

/**
 * Every case of GET /api/cases for these filters (cursor and limit ignored), batch by batch along
 * the list's own keyset — the same statement as the list, so the export and the list agree. The
 * first batch is read before anything is sent, so an error there is still a problem+json answer.
 */
export async function caseExportBatches(
  db: DataSource,
  actor: Actor,
  query: CaseExportQuery,
): Promise<AsyncGenerator<ExportCell[][]>> {
  const l = await labels(db);
  const fetch = async (cursor: string | undefined) => {
    const { sql, params } = buildCaseListQuery(actor, { ...query, cursor, limit: EXPORT_BATCH });
    const found: CaseRow[] = await db.query(sql, params);
    return { rows: found.slice(0, EXPORT_BATCH), next: caseListPage(found, EXPORT_BATCH).nextCursor };
  };
  const first = await fetch(undefined);
  return (async function* batches() {
    let batch = first;
    yield batch.rows.map((r) => toCells(r, l));
    while (batch.next) {
      batch = await fetch(batch.next);
      yield batch.rows.map((r) => toCells(r, l));
    }
  })();
}

/** A CSV field (RFC 4180 quoting); text that a spreadsheet would run as a formula gets a leading quote. */
export function csvField(value: ExportCell): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[";\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * CSV as Dutch spreadsheets open it: UTF-8 with a byte-order mark, `;` between fields, CRLF lines,
 * numbers without thousands separators. Pulled batch by batch as the client reads.
 */
export function csvStream(batches: AsyncGenerator<ExportCell[][]>): Readable {
  const line = (cells: readonly ExportCell[]) => `${cells.map(csvField).join(';')}\r\n`;
  return Readable.from(
    (async function* csv() {
      yield `\uFEFF${line(CASE_EXPORT_COLUMNS)}`;
      for await (const batch of batches) yield batch.map(line).join('');
    })(),
  );
}

const WIDTHS = [16, 40, 24, 16, 11, 18, 40, 16, 30, 12];

/**
 * XLSX through exceljs' streaming writer: rows are committed (serialised into the zip) batch by
 * batch, and the next batch is read only when the client has taken what was written.
 */
export function xlsxStream(batches: AsyncGenerator<ExportCell[][]>, onError: (e: unknown) => void): Readable {
  const out = new PassThrough();
  void (async () => {
    const workbook = new excelStream.xlsx.WorkbookWriter({
      stream: out,
      useStyles: true,
      useSharedStrings: false,
    });
    workbook.creator = 'Doorbraak';
    const sheet = workbook.addWorksheet('Dossiers', { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = CASE_EXPORT_COLUMNS.map((header, i) => ({
      header,
      width: WIDTHS[i] ?? 14,
      ...(header === 'Ingediend' ? { style: { numFmt: 'dd-mm-yyyy' } } : {}),
    }));
    sheet.getRow(1).font = { bold: true };
    sheet.getRow(1).commit();
    for await (const batch of batches) {
      if (out.destroyed) return;
      for (const cells of batch) {
        const submitted = cells[9] as string;
        sheet.addRow([...cells.slice(0, 9), new Date(`${submitted}T00:00:00Z`)]).commit();
      }
      if (out.writableNeedDrain) await Promise.race([once(out, 'drain'), once(out, 'close')]);
    }
    sheet.commit();
    await workbook.commit();
  })().catch((error: unknown) => {
    onError(error);
    out.destroy(error instanceof Error ? error : new Error(String(error)));
  });
  return out;
}
