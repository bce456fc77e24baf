import { describe, expect, it } from 'vitest';
import { computeSignal } from '../../src/core/signals/compute.js';
import { signalToWire, storedSignalToWire } from '../../src/api/wire/signal.js';
import { SqliteStore } from '../../src/infra/store/sqlite.js';
import { toStoredSignal } from '../../src/services/pipeline/persist.js';
import { daily, spread } from '../core/structure/data.js';

/** SPEC C's record in the API's order: seed 002's symbol (BTCUSDT), then Sextant's pair beside it. */
const SPEC_C = ['symbol', 'pair', 'timeframe', 'timestamp', 'market_score', 'direction', 'price', 'entry1', 'entry2', 'sl', 'tp1', 'tp2', 'tp3',
  'swing_high', 'swing_low', 'support_level', 'resistance_level', 'confluence', 'risk_reward_ratio', 'confidence_score',
  'confidence_sample', 'valid', 'invalid_reasons'];

describe('one signal type, one wire module', () => {
  const btc = daily('BTC/USDT');
  const key = { source: 'replay', symbol: 'BTC/USDT', timeframe: '1d' };

  it('a computed signal goes on the wire as SPEC C, field for field', () => {
    const s = computeSignal(btc, { symbol: 'BTC/USDT', timeframe: '1d', at: 1500 }).signal;
    const w = signalToWire(s);
    expect(Object.keys(w)).toEqual(SPEC_C);
    expect(w.timestamp).toBe(btc.time[1500]);
    expect(w.market_score).toBe(s.marketScore);
    expect(w.confluence).toBe(s.confluence.join(','));
    expect(w.risk_reward_ratio).toBe(s.riskRewardRatio);
    expect(w.invalid_reasons).toEqual(s.invalidReasons);
    expect(w.symbol).toBe('BTCUSDT');
    expect(w.pair).toBe('BTC/USDT');
    expect(w.confidence_score).toBe(s.confidenceScore === null ? null : Math.round(s.confidenceScore * 10_000) / 100);
  });

  it('confidence_score is the measured rate on seed 002\'s 0-100 scale', () => {
    // A small minimum sample so that many bars have a measured rate; the scale does not depend on it.
    const scored = spread(btc.time.length, 60, 1200).map((at) => computeSignal(btc, { symbol: 'BTC/USDT', timeframe: '1d', at, minSample: 3 }).signal).filter((s) => s.confidenceScore !== null);
    expect(scored.length).toBeGreaterThan(0);
    for (const s of scored) {
      const w = signalToWire(s);
      expect(w.confidence_score).toBeCloseTo(s.confidenceScore! * 100, 2);
      expect(w.confidence_score).toBeGreaterThanOrEqual(0);
      expect(w.confidence_score).toBeLessThanOrEqual(100);
    }
    expect(Math.max(...scored.map((s) => signalToWire(s).confidence_score!))).toBeGreaterThan(1);
  });

  it('a stored signal adds source and ISO time after the series fields', () => {
    const r = computeSignal(btc, { symbol: 'BTC/USDT', timeframe: '1d', at: 1500 });
    const w = storedSignalToWire(toStoredSignal(key, r));
    expect(Object.keys(w)).toEqual(['symbol', 'pair', 'timeframe', 'source', 'timestamp', 'time', ...SPEC_C.slice(4), 'confluence_factors', 'market_data']);
    // The detail behind the score: every factor with its points, summing to market_score.
    expect(w.confluence_factors!.map((f) => f.factor)).toEqual(['OB', 'SR', 'RSI', 'FIB', 'SWING']);
    expect(w.confluence_factors!.reduce((a, f) => a + f.score, 0)).toBe(w.market_score);
    expect(w.confluence_factors!.filter((f) => f.fired).map((f) => f.factor).join(',')).toBe(w.confluence);
    expect(w.market_data).toMatchObject({ price: w.price, rsi: r.rsi, atr: r.atr });
    expect(w.time).toBe(new Date(btc.time[1500]!).toISOString());
  });

  it('the store keeps the core type: what the pipeline writes is what a reader gets back', async () => {
    const store = new SqliteStore({ path: ':memory:' });
    try {
      await store.migrate();
      const written = [];
      for (const at of spread(btc.time.length, 200, 300)) {
        const r = computeSignal(btc, { symbol: 'BTC/USDT', timeframe: '1d', at });
        if (r.signal.direction === 'neutral' || !r.signal.valid) continue;
        const s = toStoredSignal(key, r);
        await store.upsertSignal(s);
        written.push(s);
      }
      expect(written.length).toBeGreaterThan(3);
      const read = await store.querySignals({ source: 'replay', limit: 1000 });
      // JSON round trip: the payload (factors, RSI, ATR) is stored as JSON.
      const plain = (x: unknown) => JSON.parse(JSON.stringify(x)) as unknown;
      expect(plain([...read].sort((a, b) => a.time - b.time))).toEqual(plain(written));
      expect(read.map(storedSignalToWire).map((w) => w.valid)).toEqual(read.map(() => true));
    } finally {
      await store.close();
    }
  });
});
