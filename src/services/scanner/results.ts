import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { chartHtml } from './chart-html.js';
import { batchSummaryFile, pairFiles } from './files.js';
import { pairReportHtml } from './pair-report-html.js';
import { pairChartPng } from './png.js';
import { reportHtml } from './report-html.js';
import type { BatchSummary, PairResult } from './types.js';

/** Where the one shared ECharts copy lives, relative to the results root. */
export const ECHARTS_ASSET = 'assets/echarts.min.js';
/** From a page in <root>/<batch>/. */
const PAGE_TO_ASSET = `../${ECHARTS_ASSET}`;

function ensureEcharts(root: string): void {
  const src = createRequire(import.meta.url).resolve('echarts/dist/echarts.min.js');
  const dst = join(root, ECHARTS_ASSET);
  if (existsSync(dst) && statSync(dst).size === statSync(src).size) return;
  mkdirSync(join(root, 'assets'), { recursive: true });
  copyFileSync(src, `${dst}.tmp`);
  renameSync(`${dst}.tmp`, dst);
}

function writeAtomic(file: string, text: string): void {
  writeFileSync(`${file}.tmp`, text);
  renameSync(`${file}.tmp`, file);
}

export interface WriteOptions {
  /** Which pairs get a PNG chart (rendering costs ~0.1-0.3 s of CPU per pair). */
  png?: 'spikes' | 'all' | 'none';
}

/**
 * <root>/<batch>/ holds seed 000's files — per pair `{pair}_{timeframe}_{timestamp}_data.json`,
 * `_chart.html`, `_report.html`, `_chart.png`, and `batch_summary_{timestamp}.json` — plus
 * Sextant's batch page report.html and summary.json. The summary (which names every file)
 * goes last: its presence marks a complete batch for readers.
 */
export async function writeBatch(root: string, summary: BatchSummary, pairs: readonly PairResult[], opts: WriteOptions = {}): Promise<{ dir: string; summary: BatchSummary }> {
  const dir = join(resolve(root), summary.batchId);
  mkdirSync(dir, { recursive: true });
  ensureEcharts(resolve(root));
  const png = opts.png ?? 'spikes';
  const filesOf = new Map<string, ReturnType<typeof pairFiles>>();
  for (const p of pairs) {
    const wantPng = p.status === 'ok' && (png === 'all' || (png === 'spikes' && p.spikes.length > 0));
    const f = pairFiles(p.symbol, summary.params.timeframe, summary.startedAt, wantPng);
    writeFileSync(join(dir, f.data), JSON.stringify({ batchId: summary.batchId, ...p }));
    if (p.status !== 'ok') continue;
    filesOf.set(p.symbol, f);
    writeFileSync(join(dir, f.chart), chartHtml(p, summary.params.k, PAGE_TO_ASSET));
    if (f.png) writeFileSync(join(dir, f.png), await pairChartPng(p));
    writeFileSync(join(dir, f.report), pairReportHtml(p, summary, f));
  }
  const withFiles: BatchSummary = {
    ...summary,
    results: summary.results.map((r) => {
      const f = filesOf.get(r.symbol) ?? pairFiles(r.symbol, summary.params.timeframe, summary.startedAt, false);
      return { ...r, files: r.status === 'ok' ? f : { data: f.data } };
    }),
    files: { summary: batchSummaryFile(summary.startedAt), report: 'report.html' },
  };
  writeFileSync(join(dir, 'report.html'), reportHtml(withFiles, pairs));
  const text = JSON.stringify(withFiles, null, 2);
  writeAtomic(join(dir, withFiles.files!.summary), text);
  writeAtomic(join(dir, 'summary.json'), text);
  return { dir, summary: withFiles };
}

const BATCH_ID = /^\d{4}-\d{2}-\d{2}T[\d-]+Z(-\d+)?$/;

/** Complete batches, newest first. */
export function batchIds(root: string): string[] {
  if (!existsSync(root)) return [];
  return readdirSync(root)
    .filter((d) => BATCH_ID.test(d) && existsSync(join(root, d, 'summary.json')))
    .sort()
    .reverse();
}

export function readSummary(root: string, batchId: string): BatchSummary | null {
  if (!BATCH_ID.test(batchId)) return null;
  const f = join(root, batchId, 'summary.json');
  return existsSync(f) ? (JSON.parse(readFileSync(f, 'utf8')) as BatchSummary) : null;
}

export function readPair(root: string, batchId: string, symbol: string): (PairResult & { batchId: string }) | null {
  const s = readSummary(root, batchId);
  const name = s?.results.find((r) => r.symbol === symbol)?.files?.data;
  if (!name) return null;
  const f = join(root, batchId, name);
  return existsSync(f) ? (JSON.parse(readFileSync(f, 'utf8')) as PairResult & { batchId: string }) : null;
}

/** Deletes a batch folder (retention); batch ids are checked so nothing outside a batch goes. */
export function removeBatch(root: string, batchId: string): void {
  if (!BATCH_ID.test(batchId)) return;
  rmSync(join(root, batchId), { recursive: true, force: true });
}
