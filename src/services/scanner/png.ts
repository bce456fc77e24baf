import { fromRows } from '../../core/series.js';
import { renderCandleChartAsync, type ChartMarker } from '../../infra/charts/index.js';
import type { PairOk } from './types.js';

/** The pair's candles and volume as a PNG, spike candles marked (red: alert level, orange: below). */
export async function pairChartPng(p: PairOk): Promise<Buffer> {
  const s = p.series;
  const candles = fromRows(s.time.map((t, i) => [t, s.open[i]!, s.high[i]!, s.low[i]!, s.close[i]!, s.volume[i]!]));
  const markers: ChartMarker[] = p.spikes.map((x) => ({
    index: x.index, price: s.high[x.index] ?? x.volume, color: x.alert ? '#d32f2f' : '#fb8c00', shape: 'triangle-down', label: Number.isFinite(x.relVolume) ? `${x.relVolume.toFixed(1)}×` : 'new',
  }));
  return renderCandleChartAsync({ candles, title: `${p.symbol} ${p.timeframe} volume spikes`, subtitle: `${p.spikes.length} spike(s), ${p.alerts} at alert level`, markers, width: 1000, height: 600 });
}
