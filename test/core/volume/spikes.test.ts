import { describe, it, expect } from 'vitest';
import { detectSpikes, spikeConfidence, spikeEvents, resolveSpikeParams, DEFAULT_SPIKE_PARAMS } from '../../../src/core/volume/spikes.js';
import { FREQTRADE_DIR, HAS_FREQTRADE, NFI_DIR, freqtradeFiles, loadFreqtrade } from './real-data.js';

const files = HAS_FREQTRADE ? [
  ...freqtradeFiles(FREQTRADE_DIR, '-5m').map((f) => ({ ...f, tf: '5m' })),
  ...freqtradeFiles(FREQTRADE_DIR, '-1m').map((f) => ({ ...f, tf: '1m' })),
  ...freqtradeFiles(NFI_DIR, '-1h').map((f) => ({ ...f, tf: '1h' })),
] : [];

/** The rule written out as plainly as possible: fresh sums over the previous `w` candles. */
function naive(volume: Float64Array, w: number, k: number) {
  const out: { i: number; limit: number; z: number }[] = [];
  for (let i = w; i < volume.length; i++) {
    let s = 0;
    for (let j = i - w; j < i; j++) s += volume[j]!;
    const mean = s / w;
    let ss = 0;
    for (let j = i - w; j < i; j++) ss += (volume[j]! - mean) ** 2;
    const std = Math.sqrt(ss / (w - 1));
    const limit = mean + k * std;
    if (volume[i]! > limit) out.push({ i, limit, z: std > 0 ? (volume[i]! - mean) / std : Infinity });
  }
  return out;
}

describe('volume spikes on real Binance data', () => {
  it.runIf(HAS_FREQTRADE)('has the data', () => {
    expect(freqtradeFiles(FREQTRADE_DIR, '-5m').length).toBe(13);
    expect(freqtradeFiles(FREQTRADE_DIR, '-1m').length).toBe(13);
    expect(freqtradeFiles(NFI_DIR, '-1h').length).toBe(24);
  });

  for (const params of [DEFAULT_SPIKE_PARAMS, { window: 10, k: 2.5, threshold: 0.5 }]) {
    it.runIf(HAS_FREQTRADE)(`equal a direct computation (window ${params.window}, k ${params.k}) on ${files.length} files`, () => {
      let spikes = 0;
      let candles = 0;
      for (const f of files) {
        const c = loadFreqtrade(f.file);
        candles += c.volume.length;
        const got = detectSpikes(c.volume, params);
        const want = naive(c.volume, params.window, params.k);
        const gotIdx = Array.from(got.spikes.subarray(0, got.count));
        // Rounding can differ only for a volume within 1e-9 of its threshold; none may differ otherwise.
        const wantIdx = want.map((s) => s.i);
        const gotSet = new Set(gotIdx);
        const wantSet = new Set(wantIdx);
        const diff = [...gotIdx.filter((i) => !wantSet.has(i)), ...wantIdx.filter((i) => !gotSet.has(i))];
        for (const i of diff) expect(Math.abs(c.volume[i]! - got.limit[i]!)).toBeLessThan(1e-9 * Math.abs(got.limit[i]!));
        expect(diff, `${f.pair} ${f.tf}`).toEqual([]);
        for (const s of want) {
          expect(Math.abs(got.limit[s.i]! - s.limit)).toBeLessThanOrEqual(1e-9 * Math.abs(s.limit));
          expect(got.confidence[s.i]).toBeCloseTo(spikeConfidence(s.z, params.k), 9);
        }
        spikes += got.count;
      }
      expect(candles).toBeGreaterThan(100_000);
      expect(spikes).toBeGreaterThan(50);
    });
  }

  it.runIf(HAS_FREQTRADE)('is prefix invariant: the value at i from candles [0..i] equals the one from the whole series', () => {
    for (const f of files.filter((x) => x.tf !== '1m')) {
      const c = loadFreqtrade(f.file);
      const full = detectSpikes(c.volume);
      const n = c.volume.length;
      const fullSpikes = Array.from(full.spikes.subarray(0, full.count));
      const probes = [24, 25, 26, 50, 51, 137, Math.floor(n / 3), Math.floor(n / 2) + 1, n - 2, n - 1, ...fullSpikes.slice(0, 5)];
      for (const i of probes) {
        const pre = detectSpikes(c.volume.subarray(0, i + 1));
        for (const col of ['mean', 'std', 'limit', 'z', 'relVolume', 'confidence'] as const) {
          const a = pre[col][i]!;
          const b = full[col][i]!;
          if (Number.isNaN(b)) expect(a).toBeNaN();
          else if (Number.isFinite(b)) expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-9 * Math.abs(b) + 1e-12);
          else expect(a).toBe(b);
        }
        expect(Array.from(pre.spikes.subarray(0, pre.count))).toEqual(fullSpikes.filter((s) => s <= i));
      }
    }
  });

  it('excludes the current candle: a spike does not raise its own threshold', () => {
    const v = new Float64Array(30).fill(100);
    for (let i = 0; i < 25; i++) v[i] = 100 + (i % 5); // some spread so std > 0
    v[25] = 10_000;
    const r = detectSpikes(v);
    expect(r.limit[25]).toBeLessThan(120);
    expect(Array.from(r.spikes.subarray(0, r.count))).toContain(25);
    // The spike is now inside the window of candle 26, so a repeat is judged against a raised bar.
    expect(r.limit[26]).toBeGreaterThan(4000);
  });

  it.runIf(HAS_FREQTRADE)('has a NaN warm-up of `window` candles and never flags it', () => {
    const c = loadFreqtrade(freqtradeFiles(FREQTRADE_DIR, '-5m')[0]!.file);
    const r = detectSpikes(c.volume, { window: 25 });
    for (let i = 0; i < 25; i++) expect(r.mean[i]).toBeNaN();
    expect(r.mean[25]).not.toBeNaN();
    expect(r.spikes[0]).toBeGreaterThanOrEqual(25);
  });

  it.runIf(HAS_FREQTRADE)('confidence is 0 at k, 0.7 near k + 1.2, saturates at 1, alerts follow the threshold', () => {
    expect(spikeConfidence(4, 4)).toBe(0);
    expect(spikeConfidence(3, 4)).toBe(0);
    expect(spikeConfidence(4 + Math.log(1 / 0.3), 4)).toBeCloseTo(0.7, 12);
    expect(spikeConfidence(Infinity, 4)).toBe(1);
    const c = loadFreqtrade(freqtradeFiles(FREQTRADE_DIR, '-5m')[0]!.file);
    const r = detectSpikes(c.volume);
    const ev = spikeEvents(c.time, c.volume, r, 0.7);
    expect(ev.length).toBe(r.count);
    for (const e of ev) {
      expect(e.confidence).toBeGreaterThanOrEqual(0);
      expect(e.confidence).toBeLessThanOrEqual(1);
      expect(e.alert).toBe(e.confidence >= 0.7);
      expect(e.relVolume).toBeCloseTo(e.volume / e.mean, 12);
    }
  });

  it.runIf(HAS_FREQTRADE)('reuses the output buffers (no allocation per call of the same length)', () => {
    const c = loadFreqtrade(freqtradeFiles(FREQTRADE_DIR, '-5m')[1]!.file);
    const a = detectSpikes(c.volume);
    const b = detectSpikes(c.volume, {}, a);
    expect(b).toBe(a);
  });

  it('rejects bad parameters naming the field', () => {
    expect(() => resolveSpikeParams({ window: 1 })).toThrow(/^window: /);
    expect(() => resolveSpikeParams({ k: -1 })).toThrow(/^k: /);
    expect(() => resolveSpikeParams({ threshold: 2 })).toThrow(/^threshold: /);
  });
});
