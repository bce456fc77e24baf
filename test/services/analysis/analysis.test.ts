import { describe, expect, it } from 'vitest';
import { replaySource } from '../../../src/app/sources.js';
import { loadCandles } from '../../../src/services/candles.js';
import { AnalysisService, analyzeCandles, writeEnglish, writePersian } from '../../../src/services/analysis/index.js';
import { runIndicator } from '../../../src/core/indicators/registry.js';
import { MemoryCache } from '../../../src/infra/cache/index.js';
import { pngSize } from '../../infra/charts/png.js';

const source = replaySource();
const eth = await loadCandles(source, { pair: 'ETH/USDT', timeframe: '1d', limit: 200 });

describe('analyzeCandles', () => {
  it('reports the latest indicator values exactly as the registry computes them', () => {
    const { data } = analyzeCandles(eth, 'replay');
    const last = (a: Float64Array) => a[a.length - 1];
    const c = eth.candles;
    expect(data.indicators.ema9).toBe(last(runIndicator('EMA', [c.close], { timePeriod: 9 }).outputs[0]!));
    expect(data.indicators.ema50).toBe(last(runIndicator('EMA', [c.close], { timePeriod: 50 }).outputs[0]!));
    expect(data.indicators.rsi14).toBe(last(runIndicator('RSI', [c.close], { timePeriod: 14 }).outputs[0]!));
    expect(data.indicators.bb.upper).toBe(last(runIndicator('BBANDS', [c.close], { timePeriod: 20 }).outputs[0]!));
    expect(data.indicators.adx14).toBe(last(runIndicator('ADX', [c.high, c.low, c.close], { timePeriod: 14 }).outputs[0]!));
    expect(data.indicators.mfi14).toBe(last(runIndicator('MFI', [c.high, c.low, c.close, c.volume], { timePeriod: 14 }).outputs[0]!));
    expect(data.close).toBe(last(c.close));
    expect(data.last_candle_time).toBe(new Date(last(c.time)!).toISOString());
  });

  it('classifies trend from EMA order and ADX, and lists supports below and resistances above the close', () => {
    const { data } = analyzeCandles(eth, 'replay');
    const { ema9, ema21, ema50, adx14 } = data.indicators;
    if (data.trend.direction === 'up') expect(ema9! > ema21! && ema21! > ema50! && adx14! >= 20).toBe(true);
    for (const l of data.levels) {
      if (l.role === 'support') expect(l.price).toBeLessThanOrEqual(data.close);
      else expect(l.price).toBeGreaterThanOrEqual(data.close);
      expect(l.state).toBe('active');
    }
    expect(data.signal.symbol).toBe('ETH/USDT');
  });

  it('short histories give nulls, never NaN, in JSON', () => {
    const short = { ...eth, candles: { ...eth.candles, ...Object.fromEntries(Object.entries(eth.candles).map(([k, v]) => [k, (v as Float64Array).subarray(170)])) } };
    const { data } = analyzeCandles(short as typeof eth, 'replay');
    expect(data.indicators.ema50).toBeNull();
    const json = JSON.stringify(data);
    expect(json).not.toContain('NaN');
    expect(writeEnglish(data)).toContain('too few candles');
  });
});

describe('built-in writers', () => {
  const { data } = analyzeCandles(eth, 'replay');

  it('are deterministic and cover trend, momentum, volatility, volume, levels, plan and risks', () => {
    const en = writeEnglish(data);
    expect(writeEnglish(data)).toBe(en);
    for (const section of ['Trend:', 'Momentum:', 'Volatility:', 'Volume:', 'Levels', 'Plan:', 'Risks:']) expect(en).toContain(section);
    expect(en).toContain(data.close.toFixed(2));
    expect(en).toContain(`RSI14 is ${data.indicators.rsi14!.toFixed(1)}`);
  });

  it('write the Persian summary in Persian script and digits', () => {
    const fa = writePersian(data);
    expect(writePersian(data)).toBe(fa);
    expect(fa).toMatch(/روند/);
    expect(fa).toMatch(/[۰-۹]/);
    expect(fa).toContain('ETH/USDT');
  });
});

describe('AnalysisService', () => {
  it('returns SPEC A fields with a real PNG and caches by last candle', async () => {
    const cache = new MemoryCache();
    const svc = new AnalysisService({ source, cache });
    const first = await svc.analyzeJson({ pair: 'eth_usdt', timeframe: '1d', limit: 200 });
    const second = await svc.analyzeJson({ pair: 'ETHUSDT', timeframe: '1d', limit: 200 });
    expect(first.cached).toBe(false);
    expect(second.cached).toBe(true);
    expect(second.body.equals(first.body)).toBe(true);
    const res = JSON.parse(first.body.toString('utf8'));
    expect(res).toMatchObject({ status: 'success', message: null, writer: 'builtin', writer_note: null });
    expect(res.chart_image_base64.startsWith('data:image/png;base64,')).toBe(true);
    expect(pngSize(Buffer.from(res.chart_image_base64.split(',')[1], 'base64'))).toEqual({ width: 800, height: 500 });
    const other = await svc.analyzeJson({ pair: 'eth_usdt', timeframe: '1d', limit: 150 });
    expect(other.cached).toBe(false);
    expect(await cache.stats()).toMatchObject({ hits: 1, misses: 2, size: 2 });
  });

  it('shares one computation between identical concurrent requests', async () => {
    const cache = new MemoryCache();
    const svc = new AnalysisService({ source, cache });
    const all = await Promise.all(Array.from({ length: 4 }, () => svc.analyzeJson({ pair: 'BTC/USDT', timeframe: '1d', limit: 100 })));
    expect(new Set(all.map((r) => r.body.toString('utf8'))).size).toBe(1);
    expect((await cache.stats()).size).toBe(1);
  });
});
