import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { chartHtml } from './chart-html.js';
import { reportHtml } from './report-html.js';
import { pairFileName, type BatchSummary, type PairResult } from './types.js';

/** Where the one shared ECharts copy lives, relative to a chart page (<root>/<batch>/charts/). */
export const ECHARTS_ASSET = 'assets/echarts.min.js';
const CHART_TO_ASSET = `../../${ECHARTS_ASSET}`;

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

/**
 * <root>/<batch>/{pairs/<PAIR>.json, charts/<PAIR>.html, report.html, summary.json}.
 * summary.json goes last: its presence marks a complete batch for readers.
 */
export function writeBatch(root: string, summary: BatchSummary, pairs: readonly PairResult[]): string {
  const dir = join(resolve(root), summary.batchId);
  mkdirSync(join(dir, 'pairs'), { recursive: true });
  mkdirSync(join(dir, 'charts'), { recursive: true });
  ensureEcharts(resolve(root));
  for (const p of pairs) {
    const f = pairFileName(p.symbol);
    writeFileSync(join(dir, 'pairs', `${f}.json`), JSON.stringify({ batchId: summary.batchId, ...p }));
    if (p.status === 'ok') writeFileSync(join(dir, 'charts', `${f}.html`), chartHtml(p, summary.params.k, CHART_TO_ASSET));
  }
  writeFileSync(join(dir, 'report.html'), reportHtml(summary, pairs));
  writeAtomic(join(dir, 'summary.json'), JSON.stringify(summary, null, 2));
  return dir;
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
  if (!BATCH_ID.test(batchId)) return null;
  const f = join(root, batchId, 'pairs', `${pairFileName(symbol)}.json`);
  return existsSync(f) ? (JSON.parse(readFileSync(f, 'utf8')) as PairResult & { batchId: string }) : null;
}

