import { readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { getIndicator, resolveParams } from '../../src/core/indicators/registry.js';
import { asPair } from '../../src/core/types.js';
import { ReplaySource } from '../../src/sources/market/replay/source.js';
import { SHARED_GOLDEN } from './paths.js';
import { requires } from './requires.js';

export const GOLDEN_DIR = SHARED_GOLDEN;
/**
 * The shared TA-Lib golden files (names under ../shared/golden), plus the repo's own low-price
 * file (an absolute path; epsilon mistakes hide at BTC prices), which is checked on every clone.
 */
export const LOWPRICE_GOLDEN = join(import.meta.dirname, '..', 'fixtures', 'golden', 'talib-binance-lowprice-1d.json');
export const GOLDEN_FILES = ['talib-binance-btcusdt-1h.json', 'talib-binance-ethusdt-1d.json', LOWPRICE_GOLDEN];

export interface GoldenCase {
  fn: string;
  group: string;
  inputs: string[];
  params: Record<string, number>;
  begIndex: number;
  outputs: Record<string, (number | null)[]>;
}

export interface GoldenFile {
  candles: Record<'time' | 'open' | 'high' | 'low' | 'close' | 'volume', number[]>;
  cases: GoldenCase[];
}

/** The in-repo file is always there; a shared one skips (or, under REQUIRE_SERVICES=1, fails) when absent. */
export async function goldenPresent(file: string): Promise<boolean> {
  return isAbsolute(file) || requires(`shared:golden/${file}`);
}

export function loadGolden(file: string): GoldenFile {
  const path = isAbsolute(file) ? file : join(GOLDEN_DIR, file);
  return JSON.parse(readFileSync(path, 'utf8')) as GoldenFile;
}

/**
 * The candles of talib-binance-ethusdt-1d.json read from the bundled data/ instead: the same real
 * Binance ETH/USDT daily bars (golden.test.ts checks they are identical), so checks that need
 * only the candles run on a clone without ../shared.
 */
export function ethDailyCandles(): GoldenFile['candles'] {
  const c = new ReplaySource().history(asPair('ETH/USDT'), '1d');
  const col = (a: Float64Array) => Array.from(a);
  return { time: col(c.time), open: col(c.open), high: col(c.high), low: col(c.low), close: col(c.close), volume: col(c.volume) };
}

/** Builds the input arrays a golden case names: candle fields, or MAVP's `periods(5+i%20)`. */
export function goldenInputs(g: GoldenFile, names: string[]): Float64Array[] {
  const n = g.candles.close.length;
  return names.map((name) => {
    const periods = /^periods\((\d+)\+i%(\d+)\)$/.exec(name);
    if (periods) {
      const base = Number(periods[1]);
      const mod = Number(periods[2]);
      return Float64Array.from({ length: n }, (_, i) => base + (i % mod));
    }
    const col = g.candles[name as keyof GoldenFile['candles']];
    if (!col) throw new Error(`golden input ${name} unknown`);
    return Float64Array.from(col);
  });
}

export interface CaseResult { ok: boolean; reason?: string }

const TOL = 1e-9;

/** The agreement rule of shared/golden/README.md. */
export function checkCase(g: GoldenFile, c: GoldenCase): CaseResult {
  let def;
  try {
    def = getIndicator(c.fn);
  } catch {
    return { ok: false, reason: 'not implemented' };
  }
  const params = resolveParams(def, c.params);
  const lookback = def.lookback(params);
  if (lookback !== c.begIndex) return { ok: false, reason: `lookback ${lookback} != begIndex ${c.begIndex}` };
  const outs = def.compute(goldenInputs(g, c.inputs), params);
  for (let k = 0; k < def.outputs.length; k++) {
    const spec = def.outputs[k]!;
    const expected = c.outputs[spec.name];
    if (!expected) return { ok: false, reason: `output ${spec.name} not in golden (${Object.keys(c.outputs).join(',')})` };
    const got = outs[k]!;
    if (got.length !== expected.length) return { ok: false, reason: `${spec.name}: length ${got.length} != ${expected.length}` };
    for (let i = 0; i < expected.length; i++) {
      const e = expected[i];
      const a = got[i]!;
      if (e === null || e === undefined) {
        // JSON has no Infinity: after warm-up a null is TA-Lib's overflow (EXP, COSH, SINH) or 0/0.
        if (i >= c.begIndex ? Number.isFinite(a) : !Number.isNaN(a)) {
          return { ok: false, reason: `${spec.name}[${i}]: expected ${i >= c.begIndex ? 'a non-finite value' : 'warm-up NaN'}, got ${a}` };
        }
        continue;
      }
      if (spec.kind === 'integer') {
        if (a !== e) return { ok: false, reason: `${spec.name}[${i}]: ${a} != ${e}` };
        continue;
      }
      const diff = Math.abs(a - e);
      const scale = Math.abs(e);
      if (!(diff <= TOL || diff <= TOL * scale)) {
        return { ok: false, reason: `${spec.name}[${i}]: ${a} != ${e} (diff ${diff.toExponential(2)})` };
      }
    }
  }
  return { ok: true };
}
