/**
 * Child process for the multi-process test: one "worker" that migrates, ingests the 2021
 * daily candles and claims every BTC/USDT candle it can, then prints a JSON report.
 * Usage: node --import tsx test/store/worker.ts <sqlite path | postgres url> [schema]
 */
import { candleCount } from '../../../src/core/series.js';
import { openStore } from '../../../src/infra/store/index.js';
import { readDailyYear } from './real-data.js';

const [target, schema] = process.argv.slice(2);
if (!target) throw new Error('usage: worker.ts <sqlite path | postgres url> [schema]');
const pgUrl = /^postgres(ql)?:\/\//.test(target);
const store = await openStore(pgUrl ? { databaseUrl: target, ...(schema ? { schema } : {}) } : { sqlitePath: target });

const series = readDailyYear(2021);
let inserted = 0;
let updated = 0;
for (const [symbol, c] of series) {
  const r = await store.upsertCandles('binance', symbol, '1d', c);
  inserted += r.inserted;
  updated += r.updated;
}
const btc = series.get('BTC/USDT')!;
let claimed = 0;
for (let i = 0; i < candleCount(btc); i++) {
  if (await store.markProcessed('binance', 'BTC/USDT', '1d', btc.time[i]!)) claimed++;
}
await store.close();
process.stdout.write(JSON.stringify({ inserted, updated, claimed }) + '\n');
