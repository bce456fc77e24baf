/**
 * Records test/fixtures/pipeline/replay-golden.json from a checkout of Sextant (its dist/
 * built): the reference that golden.test.ts holds every later pipeline to. It was recorded
 * from the per-candle pipeline (commit ac3131b) before persistence was batched.
 *
 *   node --import tsx test/services/pipeline/make-golden.ts ../baseline
 */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { dumpStore, GOLDEN_RUN } from './golden.js';

type AnyFn = (...a: unknown[]) => unknown;
type Ctor = new (...a: unknown[]) => Record<string, AnyFn>;

const root = resolve(process.argv[2] ?? '.');
const load = async (...candidates: string[]): Promise<Record<string, unknown>> => {
  for (const c of candidates) {
    const f = join(root, 'dist', `${c}.js`);
    if (existsSync(f)) return (await import(pathToFileURL(f).href)) as Record<string, unknown>;
  }
  throw new Error(`none of ${candidates.join(', ')} under ${root}/dist`);
};
const storeMod = await load('infra/store/index', 'store/index');
const replayMod = await load('sources/market/replay/source', 'market/replay/source');
const service = await load('services/pipeline/service');

const path = join(mkdtempSync(join(tmpdir(), 'sextant-golden-')), 'store.db');
const store = (await (storeMod['openStore'] as AnyFn)({ sqlitePath: path })) as Record<string, AnyFn>;
const series = GOLDEN_RUN.pairs.map((symbol) => ({ symbol, timeframe: GOLDEN_RUN.timeframe }));
const p = new (service['PipelineService'] as Ctor)({
  source: new (replayMod['ReplaySource'] as Ctor)(), store, series, replay: true, since: Date.parse(GOLDEN_RUN.since), window: GOLDEN_RUN.window,
});
await p['runReplay']!();
await p['close']!();
await store['close']!();
const out = resolve(import.meta.dirname, '../../fixtures/pipeline/replay-golden.json');
writeFileSync(out, `${JSON.stringify(dumpStore(path))}\n`);
console.log(`wrote ${out}`);
