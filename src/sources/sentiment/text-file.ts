import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { InputError, NotFoundError } from '../../errors.js';

export interface TextRow {
  text: string;
  /** Epoch ms when the file has a time column. */
  time?: number;
  /** The label column's value, when asked for. */
  label?: string;
}

export interface TextFileOptions {
  textColumn: string;
  /** Column holding the post time (ISO or epoch ms/s); none = untimed. */
  timeColumn?: string;
  labelColumn?: string;
}

/** Texts (and their times) from a CSV with a header row; quoted multi-line texts are one row. */
export function readTextCsv(path: string, opts: TextFileOptions): TextRow[] {
  let raw: string;
  try {
    raw = readFileSync(path, 'utf8');
  } catch (e) {
    throw new NotFoundError(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, 'input');
  }
  let rows: Record<string, string>[];
  try {
    rows = parse(raw, { columns: true, skip_empty_lines: true, relax_column_count: true, bom: true });
  } catch (e) {
    throw new InputError(`${path} is not a CSV with a header row: ${(e as Error).message}`, 'input');
  }
  const header = rows.length ? Object.keys(rows[0]!) : [];
  if (rows.length && !header.includes(opts.textColumn)) throw new InputError(`--text-column "${opts.textColumn}" is not a column of ${path} (columns: ${header.join(', ')})`, 'text-column');
  if (opts.timeColumn && rows.length && !header.includes(opts.timeColumn)) throw new InputError(`--time-column "${opts.timeColumn}" is not a column of ${path} (columns: ${header.join(', ')})`, 'time-column');
  if (opts.labelColumn && rows.length && !header.includes(opts.labelColumn)) throw new InputError(`--label-column "${opts.labelColumn}" is not a column of ${path} (columns: ${header.join(', ')})`, 'label-column');
  return rows.map((r) => {
    const row: TextRow = { text: r[opts.textColumn] ?? '' };
    if (opts.labelColumn) row.label = r[opts.labelColumn] ?? '';
    if (opts.timeColumn) {
      const t = parseTime(r[opts.timeColumn] ?? '');
      if (t !== undefined) row.time = t;
    }
    return row;
  });
}

function parseTime(s: string): number | undefined {
  const v = s.trim();
  if (!v) return undefined;
  if (/^\d+(\.\d+)?$/.test(v)) {
    const n = Number(v);
    return n < 1e11 ? n * 1000 : n;
  }
  // "2025-10-24 16:18:41" carries no zone; Reddit exports are UTC.
  const t = Date.parse(/^\d{4}-\d{2}-\d{2} \d/.test(v) ? `${v.replace(' ', 'T')}Z` : v);
  return Number.isFinite(t) ? t : undefined;
}
