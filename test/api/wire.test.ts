import { describe, expect, it } from 'vitest';
import { computeSignal } from '../../src/core/signals/compute.js';
import { signalToWire, storedSignalToWire } from '../../src/api/wire/signal.js';
import { SqliteStore } from '../../src/infra/store/sqlite.js';
import { toStoredSignal } from '../../src/services/pipeline/persist.js';
import { daily, spread } from '../core/structure/data.js';

/** SPEC C's record, in the order the API has always written it. */
const SPEC_C = ['symbol', 'timeframe', 'timestamp', 'market_score', 'direction', 'price', 'entry1', 'entry2', 'sl', 'tp1', 'tp2', 'tp3',
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
  });

  it('a stored signal adds source and ISO time after the series fields', () => {
    const r = computeSignal(btc, { symbol: 'BTC/USDT', timeframe: '1d', at: 1500 });
    const w = storedSignalToWire(toStoredSignal(key, r));
    expect(Object.keys(w)).toEqual(['symbol', 'timeframe', 'source', 'timestamp', 'time', ...SPEC_C.slice(3)]);
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
