import { asPair } from '../../src/core/types.js';
// Regenerates test/fixtures/golden/talib-binance-lowprice-1d.json: TA-Lib C (0.6, through the
// `talib` binding installed in bench/indicators) on real sub-cent Binance daily candles.
// The shared golden files hold BTC and ETH only, whose prices hide epsilon mistakes
// (TA-Lib treats |x| < 1e-14 as zero; a larger epsilon zeroes real values at 1e-5 prices).
// Run from the repo root: node --import tsx bench/indicators/make-lowprice-golden.ts
import { createRequire } from 'node:module';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ReplaySource } from '../../src/sources/market/replay/source.js';
import { listIndicators, resolveParams } from '../../src/core/indicators/registry.js';
import { concatCandles } from '../../src/core/series.js';

interface TalibInfo { inputs: { name: string; type: string }[]; optInputs: { name: string }[] }
interface Talib { execute(p: Record<string, unknown>): { begIndex: number; nbElement: number; result: Record<string, number[]> }; explain(n: string): TalibInfo }

const require = createRequire(join(import.meta.dirname, 'package.json'));
const talib = require('talib') as Talib;
const replay = new ReplaySource();
// Two sub-cent pairs back to back: SHIB (1e-5) then PEPE (1e-6..1e-5).
const c = concatCandles([replay.history(asPair('SHIB/USDT'), '1d'), replay.history(asPair('PEPE/USDT'), '1d')]);
const n = c.close.length;
const col = (a: Float64Array) => Array.from(a);
const candles = { time: col(c.time), open: col(c.open), high: col(c.high), low: col(c.low), close: col(c.close), volume: col(c.volume) };
const periods = Array.from({ length: n }, (_, i) => 5 + (i % 20));

const cases = [];
for (const def of listIndicators()) {
  if (def.group === 'Sextant Extras') continue;
  const info = talib.explain(def.name);
  const params = resolveParams(def, {});
  const args: Record<string, unknown> = { name: def.name, startIdx: 0, endIdx: n - 1 };
  const inputs: string[] = [];
  for (const input of info.inputs) {
    if (input.type === 'price') {
      Object.assign(args, { open: candles.open, high: candles.high, low: candles.low, close: candles.close, volume: candles.volume });
    } else if (input.name === 'inReal0') { args[input.name] = candles.high; } else if (input.name === 'inReal1') { args[input.name] = candles.low; } else if (input.name === 'inPeriods') { args[input.name] = periods; } else { args[input.name] = candles.close; }
  }
  for (const name of def.inputs) {
    inputs.push(name === 'real' ? 'close' : name === 'real0' ? 'high' : name === 'real1' ? 'low' : name === 'periods' ? 'periods(5+i%20)' : name);
  }
  const optIn: Record<string, number> = {};
  for (const opt of info.optInputs) {
    const key = opt.name.replace(/^optIn/, '').toLowerCase();
    const mine = Object.entries(params).find(([k]) => k.toLowerCase() === key);
    if (mine) { args[opt.name] = mine[1]; optIn[opt.name] = mine[1]; }
  }
  const res = talib.execute(args);
  const outputs: Record<string, (number | null)[]> = {};
  for (const [name, vals] of Object.entries(res.result)) {
    const out: (number | null)[] = new Array(n).fill(null);
    for (let i = 0; i < res.nbElement; i++) out[res.begIndex + i] = Number.isFinite(vals[i]!) ? vals[i]! : null;
    outputs[name] = out;
  }
  cases.push({ fn: def.name, group: def.group, inputs, params: optIn, begIndex: res.begIndex, outputs });
}
const dir = join(import.meta.dirname, '..', '..', 'test', 'fixtures', 'golden');
mkdirSync(dir, { recursive: true });
const file = join(dir, 'talib-binance-lowprice-1d.json');
writeFileSync(file, JSON.stringify({
  source: 'data/binance-daily (Binance SHIB/USDT then PEPE/USDT daily, concatenated; Unlicense)',
  generator: 'TA-Lib C via the npm package talib (bench/indicators), default parameters',
  candles, cases,
}));
console.log(`${cases.length} cases on ${n} candles -> ${file}`);
