import { renderCandleChartAsync, type CandleChartInput, type ChartMarker } from '../../infra/charts/index.js';
import type { LoadedCandles } from '../candles.js';
import type { AnalysisCore } from './compute.js';
import { num, price } from './format.js';

const TREND_FA = { up: 'صعودی', down: 'نزولی', sideways: 'خنثی' } as const;

/** SPEC A's chart: candles, EMA9, EMA50, Bollinger Bands, the S/R levels, recent swings, volume. */
export function analysisChartInput(loaded: LoadedCandles, core: AnalysisCore): CandleChartInput {
  const { data, series, structure } = core;
  const markers: ChartMarker[] = structure.swings.filter((s) => s.index >= 0).slice(-12).map((s) => ({
    index: s.index,
    price: s.price,
    color: s.kind === 'high' ? '#c62828' : '#2e7d32',
    shape: s.kind === 'high' ? 'triangle-down' : 'triangle-up',
  }));
  return {
    candles: loaded.candles,
    title: `${data.pair} · ${data.timeframe} · ${data.last_candle_time.slice(0, 16).replace('T', ' ')} UTC · close ${price(data.close)}`,
    subtitle: `Trend ${data.trend.direction} (${data.trend.strength}) · RSI ${num(data.indicators.rsi14)} · ADX ${num(data.indicators.adx14)} · روند ${TREND_FA[data.trend.direction]}`,
    overlays: [
      { name: 'EMA9', values: series.ema9, color: '#1e88e5' },
      { name: 'EMA50', values: series.ema50, color: '#fb8c00', width: 2 },
      { name: 'BB upper', values: series.bbUpper, color: '#8e24aa', dashed: true, width: 1 },
      { name: 'BB middle', values: series.bbMiddle, color: '#b39ddb', dashed: true, width: 1 },
      { name: 'BB lower', values: series.bbLower, color: '#8e24aa', dashed: true, width: 1 },
    ],
    levels: data.levels.map((l) => ({
      price: l.price,
      label: `${l.role === 'support' ? 'S' : 'R'} ${price(l.price)} ×${l.touches}`,
      color: l.role === 'support' ? '#2e7d32' : '#c62828',
    })),
    markers,
  };
}

/** The chart as the data URL SPEC A's response carries. */
export async function analysisChartDataUrl(loaded: LoadedCandles, core: AnalysisCore): Promise<string> {
  const png = await renderCandleChartAsync(analysisChartInput(loaded, core));
  return `data:image/png;base64,${png.toString('base64')}`;
}
