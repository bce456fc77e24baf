import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { htDcPeriod } from '../../../src/core/indicators/cycle/ht-dcperiod.js';
import { htDcPhase } from '../../../src/core/indicators/cycle/ht-dcphase.js';
import { htPhasor } from '../../../src/core/indicators/cycle/ht-phasor.js';
import { htSine } from '../../../src/core/indicators/cycle/ht-sine.js';
import { htTrendMode } from '../../../src/core/indicators/cycle/ht-trendmode.js';
import { htTrendline, runTrendline } from '../../../src/core/indicators/overlap/ht-trendline.js';
import { mama, runMama } from '../../../src/core/indicators/overlap/mama.js';
import { cycle } from '../../../src/core/indicators/cycle/index.js';
import { HT_TRENDLINE } from '../../../src/core/indicators/overlap/ht-trendline.js';
import { MAMA } from '../../../src/core/indicators/overlap/mama.js';
import { DEG2RAD, RAD2DEG } from '../../../src/core/indicators/cycle/hilbert.js';
import { Arena } from '../../../src/core/indicators/arena.js';
import { seriesHeap } from '../../../src/core/indicators/heap.js';
import { REPO_ROOT, SHARED_GOLDEN } from '../../helpers/paths.js';
import { requires } from '../../helpers/requires.js';
import { referenceHilbert } from './hilbert-reference.js';

const definitions = [...cycle, HT_TRENDLINE, MAMA];
const hasGolden = await requires('shared:golden/talib-binance-btcusdt-1h.json');

const sineWave = (n: number, period: number, base = 100, amp = 5) =>
  Float64Array.from({ length: n }, (_, i) => base + amp * Math.sin((2 * Math.PI * i) / period));

describe('Hilbert transform family', () => {
  it('fixed warm-ups: 32 bars for DCPERIOD/PHASOR/MAMA, 63 for DCPHASE/SINE/TRENDLINE/TRENDMODE', () => {
    const byName = new Map(definitions.map((d) => [d.name, d]));
    for (const n of ['HT_DCPERIOD', 'HT_PHASOR', 'MAMA']) expect(byName.get(n)!.lookback({ fastLimit: 0.5, slowLimit: 0.05 })).toBe(32);
    for (const n of ['HT_DCPHASE', 'HT_SINE', 'HT_TRENDLINE', 'HT_TRENDMODE']) expect(byName.get(n)!.lookback({})).toBe(63);
    const x = sineWave(100, 20);
    const [m, f] = mama(x, 0.5, 0.05);
    expect(Number.isNaN(m[31]!)).toBe(true);
    expect(Number.isFinite(m[32]!)).toBe(true);
    expect(Number.isFinite(f[32]!)).toBe(true);
    expect(Number.isNaN(htSine(x)[0][62]!)).toBe(true);
    expect(Number.isFinite(htSine(x)[0][63]!)).toBe(true);
  });

  it('measures the dominant cycle of a pure sine wave', () => {
    const x = sineWave(600, 20);
    const p = htDcPeriod(x);
    for (let i = 300; i < 600; i += 37) expect(Math.abs(p[i]! - 20)).toBeLessThan(2);
  });

  it('sine outputs stay in [-1, 1], trend mode is 0/1, phase in (-45, 315]', () => {
    const x = sineWave(400, 25);
    const [s, lead] = htSine(x);
    const mode = htTrendMode(x);
    const phase = htDcPhase(x);
    for (let i = 63; i < 400; i++) {
      expect(Math.abs(s[i]!)).toBeLessThanOrEqual(1);
      expect(Math.abs(lead[i]!)).toBeLessThanOrEqual(1);
      expect([0, 1]).toContain(mode[i]);
      expect(phase[i]!).toBeGreaterThan(-45 - 1e-9);
      expect(phase[i]!).toBeLessThanOrEqual(315);
    }
  });

  it('a constant price has a trendline equal to it and MAMA converging to it', () => {
    const x = new Float64Array(300).fill(42);
    expect(htTrendline(x)[299]).toBeCloseTo(42, 9);
    const [m, f] = mama(x, 0.5, 0.05);
    expect(m[299]).toBeCloseTo(42, 6);
    expect(f[299]).toBeCloseTo(42, 3);
    const [inPhase, quad] = htPhasor(x);
    expect(inPhase[299]).toBeCloseTo(0, 9);
    expect(quad[299]).toBeCloseTo(0, 9);
  });

  it('short inputs: all-NaN arrays of the same length, no throw', () => {
    for (const def of definitions) {
      for (const len of [0, 5, def.lookback({ fastLimit: 0.5, slowLimit: 0.05 })]) {
        const outs = def.compute([sineWave(len, 10)], { fastLimit: 0.5, slowLimit: 0.05 });
        for (const o of outs) {
          expect(o.length).toBe(len);
          expect(Array.from(o).every(Number.isNaN)).toBe(true);
        }
      }
    }
  });

  const goldenFile = join(SHARED_GOLDEN, 'talib-binance-btcusdt-1h.json');
  it.runIf(hasGolden)('TA-Lib golden agreement and prefix invariance (direct, without the registry)', () => {
    const g = JSON.parse(readFileSync(goldenFile, 'utf8')) as {
      candles: Record<string, number[]>;
      cases: { fn: string; inputs: string[]; params: Record<string, number>; begIndex: number; outputs: Record<string, (number | null)[]> }[];
    };
    const byName = new Map(definitions.map((d) => [d.name, d]));
    let checked = 0;
    for (const c of g.cases) {
      const def = byName.get(c.fn);
      if (!def) continue;
      const params = { fastLimit: c.params['optInFastLimit'] ?? 0.5, slowLimit: c.params['optInSlowLimit'] ?? 0.05 };
      expect(def.lookback(params)).toBe(c.begIndex);
      const ins = c.inputs.map((name) => Float64Array.from(g.candles[name]!));
      const outs = def.compute(ins, params);
      def.outputs.forEach((spec, k) => {
        const exp = c.outputs[spec.name]!;
        for (let i = 0; i < exp.length; i++) {
          const e = exp[i];
          const a = outs[k]![i]!;
          if (e === null || e === undefined) expect(Number.isNaN(a)).toBe(true);
          else if (spec.kind === 'integer') expect(a).toBe(e);
          else expect(Math.abs(a - e) <= 1e-9 * Math.max(1, Math.abs(e))).toBe(true);
        }
      });
      // Odd and even prefix lengths: the odd/even delay lines key on the absolute bar index.
      for (const len of [201, 250]) {
        const pre = def.compute(ins.map((x) => x.subarray(0, len)), params);
        for (let k = 0; k < outs.length; k++) {
          for (let i = 0; i < len; i++) expect(Object.is(pre[k]![i], outs[k]![i])).toBe(true);
        }
      }
      checked++;
    }
    expect(checked).toBe(7);
  });
});

/** Closes of every symbol in the bundled Binance daily file, one series per symbol, concatenated. */
function binanceCloses(): Float64Array {
  const lines = readFileSync(join(REPO_ROOT, 'data', 'binance-daily', 'binance_daily_ohlcv_2022.csv'), 'utf8').trim().split('\n');
  const hdr = lines[0]!.split(',');
  const close = hdr.indexOf('close');
  return Float64Array.from(lines.slice(1), (l) => Number(l.split(',')[close]));
}

describe('MAMA and HT_TRENDLINE loops (reordered for speed) against TA-Lib-order reference loops', () => {
  const all = binanceCloses();
  const mamaParams = [{ fastLimit: 0.5, slowLimit: 0.05 }, { fastLimit: 0.3, slowLimit: 0.1 }];
  const bad = (a: Float64Array, b: Float64Array) => {
    let k = 0;
    for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) k++;
    return k;
  };
  const reference = (x: Float64Array, name: 'MAMA' | 'HT_TRENDLINE', prm: { fastLimit: number; slowLimit: number }) => {
    const a = new Float64Array(x.length).fill(NaN);
    const b = new Float64Array(x.length).fill(NaN);
    referenceHilbert(x, name === 'MAMA' ? 'mama' : 'trendline', a, b, prm.fastLimit, prm.slowLimit);
    return name === 'MAMA' ? [a, b] : [a];
  };
  const series: [string, Float64Array][] = [
    ['closes', all],
    ['odd length', all.subarray(0, 4001)],
    ['lookback + 1', all.subarray(0, 64)],
    ['lookback + 2', all.subarray(100, 166)],
    ['MAMA lookback + 1', all.subarray(7, 40)],
    // A NaN poisons the recursive state from there on, in both.
    ['with NaN', all.slice(0, 3000).map((v, i) => (i === 1500 ? NaN : v))],
    ['constant', new Float64Array(500).fill(42)],
    ['zeros', new Float64Array(300)],
  ];

  it('compute: the same bits in every cell', () => {
    for (const [label, x] of series) {
      for (const prm of mamaParams) {
        for (const def of [MAMA, HT_TRENDLINE]) {
          const want = reference(x, def.name as 'MAMA' | 'HT_TRENDLINE', prm);
          const got = def.compute([x], prm);
          want.forEach((w, k) => expect(bad(got[k]!, w), `${def.name} ${label} output ${k}`).toBe(0));
        }
      }
    }
  });

  it('computeInto over dirty outputs, ordinary and series-heap arrays: the same bits', () => {
    const arena = new Arena();
    for (const onHeap of [false, true]) {
      for (const [label, src] of series) {
        const x = onHeap ? seriesHeap.alloc(src.length) : new Float64Array(src.length);
        x.set(src);
        for (const def of [MAMA, HT_TRENDLINE]) {
          const prm = mamaParams[1]!;
          const outs = def.outputs.map(() => (onHeap ? seriesHeap.alloc(x.length) : new Float64Array(x.length)).fill(-7));
          def.computeInto!([x], prm, outs, arena);
          const want = reference(src, def.name as 'MAMA' | 'HT_TRENDLINE', prm);
          want.forEach((w, k) => expect(bad(outs[k]!, w), `${def.name} ${label} heap=${onHeap} output ${k}`).toBe(0));
        }
      }
    }
  });

  it('an output that is its own input reads what the reference loop reads (the loops, without the NaN warm-up fill)', () => {
    for (const [label, src] of series) {
      const prm = mamaParams[0]!;
      const x = src.slice();
      runTrendline(x, x);
      const y = src.slice();
      referenceHilbert(y, 'trendline', y, null);
      expect(bad(x, y), `HT_TRENDLINE ${label}`).toBe(0);
      const m = src.slice();
      const f = new Float64Array(m.length);
      runMama(m, m, f, prm.fastLimit, prm.slowLimit);
      const rm = src.slice();
      const rf = new Float64Array(rm.length);
      referenceHilbert(rm, 'mama', rm, rf, prm.fastLimit, prm.slowLimit);
      expect(bad(m, rm), `MAMA ${label}`).toBe(0);
      expect(bad(f, rf), `FAMA ${label}`).toBe(0);
      // In place, the outputs differ from a run on a copy past the first bars the loops read back.
      if (src.length > 200 && label === 'closes') expect(bad(x, htTrendline(src))).toBeGreaterThan(0);
    }
  });

  it('the loops write 180 / (4 atan 1) and its inverse as literals: the same doubles', () => {
    expect(RAD2DEG).toBe(57.29577951308232);
    expect(DEG2RAD).toBe(0.017453292519943295);
  });
});
