import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { candleCount, fromRows, sliceCandles } from '../../../src/core/series.js';
import { cleanCandles } from '../../../src/core/quality.js';
import { timeframeMs, type Timeframe } from '../../../src/core/timeframes.js';
import { ReplaySource } from '../../../src/sources/market/replay/source.js';
import { loadCandles, type LoadedCandles } from '../../../src/services/candles.js';
import { analyzeCandles, writeEnglish, writePersian } from '../../../src/services/analysis/index.js';
import { LABELS } from '../../../src/services/analysis/readings.js';
import type { AnalysisData } from '../../../src/services/analysis/types.js';
import { shared } from '../../helpers/paths.js';
import { requires } from '../../helpers/requires.js';

/**
 * The English report and the Persian summary state the same readings: for each category
 * (trend strength, volatility, setup status) the shared classification decides one value,
 * and each text must carry that value's phrase and no other value's phrase of its kind.
 * Over many bars of real daily, weekly and hourly series, with short and long windows.
 */
const replay = new ReplaySource();
const NFI = 'data/nostalgia-for-infinity/binance';
const has1h = await requires(`shared:${NFI}`);

async function series(): Promise<LoadedCandles[]> {
  const out: LoadedCandles[] = [];
  for (const pair of ['BTC/USDT', 'ETH/USDT', 'SOL/USDT', 'XRP/USDT', 'ADA/USDT', 'DOGE/USDT']) {
    for (const timeframe of ['1d', '1w'] as Timeframe[]) out.push(await loadCandles(replay, { pair, timeframe }));
  }
  if (has1h) {
    for (const base of ['BTC', 'ETH']) {
      const raw = fromRows(JSON.parse(readFileSync(shared(`${NFI}/${base}_USDT-1h.json`), 'utf8')) as number[][]);
      const { candles, report } = cleanCandles(raw, timeframeMs('1h'));
      out.push({ symbol: `${base}/USDT`, timeframe: '1h', candles, quality: report, origin: 'file' });
    }
  }
  return out;
}

type Kind = 'strength' | 'volatility' | 'setup';
const valueOf = (d: AnalysisData, k: Kind): string => (k === 'strength' ? d.trend.strength : k === 'volatility' ? d.volatility.level : d.setup);

function expectOnly(text: string, labels: Record<string, string>, value: string, where: string): void {
  expect(text, `${where}: says "${labels[value]}"`).toContain(labels[value]);
  for (const [other, phrase] of Object.entries(labels)) {
    if (other !== value) expect(text, `${where}: does not also say "${phrase}"`).not.toContain(phrase);
  }
}

describe('English and Persian texts agree', () => {
  it('render the same category for trend strength, volatility and setup status at many bars and pairs', async () => {
    const seen: Record<Kind, Set<string>> = { strength: new Set(), volatility: new Set(), setup: new Set() };
    let reports = 0;
    for (const s of await series()) {
      const n = candleCount(s.candles);
      for (let k = 0; k < 12; k++) {
        const bar = Math.min(n - 1, 40 + Math.floor(((n - 41) * k) / 11));
        const history = { ...s, candles: sliceCandles(s.candles, 0, bar + 1) };
        for (const limit of [1, 60, 200]) {
          const { data } = analyzeCandles(history, 'test', limit);
          const en = writeEnglish(data);
          const fa = writePersian(data);
          const where = `${s.symbol} ${s.timeframe} bar ${bar} limit ${limit}`;
          for (const kind of ['strength', 'volatility', 'setup'] as Kind[]) {
            const v = valueOf(data, kind);
            seen[kind].add(v);
            expectOnly(en, LABELS.en[kind], v, `${where} en`);
            expectOnly(fa, LABELS.fa[kind], v, `${where} fa`);
          }
          expect(data.setup === 'valid').toBe(data.signal.valid);
          if (data.indicators.adx14 === null) {
            expect(data.trend.strength).toBe('unknown');
            expect(en).not.toMatch(/ADX is low/);
          }
          // One percent sign per language.
          expect(fa).not.toContain('%');
          expect(en).not.toContain('٪');
          reports++;
        }
      }
    }
    expect(reports).toBeGreaterThan(400);
    // Enough variety that agreement is not trivial.
    expect(seen.strength.size).toBe(4);
    expect(seen.volatility.size).toBe(4);
    for (const st of ['valid', 'invalidated', 'tp1-reached', 'low-risk-reward']) expect(seen.setup).toContain(st);
  }, 300_000);

  it('SOL/USDT 1w: the volatility reading is one category, named alike in both languages', async () => {
    const sol = await loadCandles(replay, { pair: 'SOL/USDT', timeframe: '1w' });
    const { data } = analyzeCandles(sol, 'replay', 200);
    const en = writeEnglish(data);
    const fa = writePersian(data);
    expectOnly(en, LABELS.en.volatility, data.volatility.level, 'en');
    expectOnly(fa, LABELS.fa.volatility, data.volatility.level, 'fa');
    // ATR% and band width were read apart before ("high" and "normal"); now one reading names both.
    expect(en).not.toMatch(/Bollinger.*normal for this window/);
  });
});
