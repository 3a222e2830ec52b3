// Content negotiation of supervision answers: JSON by default, CSV with
// `Accept: text/csv` (or ?format=csv), XLSX with the spreadsheet media type (or
// ?format=xlsx) — written by exceljs, a maintained library, not by hand.
import type { Request, Response } from 'express';
import { readEnumParameter } from './input/read-parameters.ts';
import { formatCsv, type Table } from '../engine/supervision/tabulate-statistics.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The answer's format: `?format=` when given (json, csv or xlsx; anything else 400), else by `Accept`. */
export function wantedFormat(req: Request): 'json' | 'csv' | 'xlsx' {
  if (req.query.format !== undefined) return readEnumParameter(req.query.format, 'format', ['json', 'csv', 'xlsx'] as const);
  const best = req.accepts(['application/json', 'text/csv', XLSX]);
  return best === 'text/csv' ? 'csv' : best === XLSX ? 'xlsx' : 'json';
}

/** Sends `json` as JSON, or `table()` as a CSV or XLSX download named `<name>.csv|xlsx`. */
export async function sendTable(req: Request, res: Response, name: string, json: unknown, table: () => Table): Promise<void> {
  const format = wantedFormat(req);
  if (format === 'json') {
    res.json(json);
    return;
  }
  const t = table();
  if (format === 'csv') {
    res.type('text/csv; charset=utf-8').attachment(`${name}.csv`).send(formatCsv(t));
    return;
  }
  // Loaded at the first spreadsheet asked for: exceljs is about 28 MB of resident code that most processes never run.
  const { default: ExcelJS } = await import('exceljs');
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet(name.slice(0, 31));
  sheet.columns = t.columns.map((c) => ({ header: c.vi, key: c.key, width: Math.max(12, Math.min(40, c.vi.length + 2)) }));
  for (const row of t.rows) sheet.addRow(row);
  sheet.getRow(1).font = { bold: true };
  const buffer = await book.xlsx.writeBuffer();
  res.type(XLSX).attachment(`${name}.xlsx`).send(Buffer.from(buffer as ArrayBuffer));
}
