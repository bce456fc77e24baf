// The chart as Sextant drew it before issue 18 (ECharts SSR SVG, resvg RGBA PNG): the peer
// bench/analyze.ts times the current renderer against, in the same run. Copied from
// src/infra/charts/option.ts at bdfeee4~1; not used by Sextant itself.
import { candleCount } from '../../src/core/series.js';
import { CHART_FONT_FAMILY } from '../../src/infra/charts/fonts.js';
import type { CandleChartInput } from '../../src/infra/charts/types.js';
// The pieces the two renderers share by design are taken from the current one.
import { compact, DOWN_COLOR, formatPrice, priceRange, UP_COLOR } from '../../src/infra/charts/svg.js';

const nanToGap = (v: number | undefined) => (v === undefined || !Number.isFinite(v) ? '-' : v);

/**
 * Intraday candles need the time of day on the axis (the year is in the title);
 * daily and longer only the date. Short labels matter: resvg shapes every glyph on
 * every render, and axis text is the largest share of it.
 */
function timeLabels(time: Float64Array): string[] {
  const step = time.length > 1 ? time[1]! - time[0]! : 86_400_000;
  return step < 86_400_000
    ? Array.from(time, (t) => new Date(t).toISOString().slice(5, 16).replace('T', ' '))
    : Array.from(time, (t) => new Date(t).toISOString().slice(0, 10));
}

/** The ECharts option: price pane (candles, overlays, levels, markers) over a volume pane. */
export function candleChartOption(input: CandleChartInput, width: number, height: number): Record<string, unknown> {
  const c = input.candles;
  const n = candleCount(c);
  const x = timeLabels(c.time);
  const [min, max] = priceRange(input);
  const top = input.subtitle ? 84 : 64;
  const bottom = 34;
  const gap = 18;
  const volumeHeight = Math.round((height - top - bottom) * 0.2);
  const priceHeight = height - top - bottom - volumeHeight - gap;
  // Price axis on the left; the right margin holds the level tags, clear of the candles.
  const left = 64;
  const right = 120;
  const text = { fontFamily: CHART_FONT_FAMILY };

  // Up and down volume as two stacked plain-number series: per-item style objects cost
  // more than the rest of the chart together.
  const candleData = new Array(n);
  const upVolume = new Array(n);
  const downVolume = new Array(n);
  for (let i = 0; i < n; i++) {
    candleData[i] = [c.open[i], c.close[i], c.low[i], c.high[i]];
    const up = c.close[i]! >= c.open[i]!;
    upVolume[i] = up ? c.volume[i] : 0;
    downVolume[i] = up ? 0 : c.volume[i];
  }

  const overlays = (input.overlays ?? []).map((o) => ({
    name: o.name,
    type: 'line',
    xAxisIndex: 0,
    yAxisIndex: 0,
    data: Array.from({ length: n }, (_, i) => nanToGap(o.values[i])),
    showSymbol: false,
    connectNulls: false,
    lineStyle: { color: o.color, width: o.width ?? 1.5, type: o.dashed ? 'dashed' : 'solid' },
    itemStyle: { color: o.color },
    z: 3,
  }));

  const markers = (input.markers ?? []).filter((m) => m.index >= 0 && m.index < n && Number.isFinite(m.price));
  const markerSeries = markers.length
    ? [{
      name: 'markers',
      type: 'scatter',
      xAxisIndex: 0,
      yAxisIndex: 0,
      data: markers.map((m) => ({
        value: [m.index, m.price],
        symbol: m.shape === 'circle' ? 'circle' : 'triangle',
        symbolRotate: m.shape === 'triangle-down' ? 180 : 0,
        symbolSize: 9,
        itemStyle: { color: m.color },
        label: m.label ? { show: true, formatter: m.label, position: m.shape === 'triangle-down' ? 'top' : 'bottom', color: m.color, fontSize: 10, ...text } : undefined,
      })),
      z: 5,
    }]
    : [];

  const levels = (input.levels ?? []).filter((l) => Number.isFinite(l.price));

  return {
    animation: false,
    backgroundColor: '#ffffff',
    textStyle: text,
    title: {
      text: input.title,
      subtext: input.subtitle,
      left: 'center',
      top: 6,
      textStyle: { fontSize: 16, fontWeight: 'normal', color: '#222', ...text },
      subtextStyle: { fontSize: 12, color: '#555', ...text },
    },
    legend: {
      top: input.subtitle ? 54 : 32,
      left: 'center',
      data: ['price', ...overlays.map((o) => o.name)],
      textStyle: { fontSize: 11, color: '#333', ...text },
      itemHeight: 8,
    },
    axisPointer: { show: false },
    grid: [
      { left, right, top, height: priceHeight, containLabel: false },
      { left, right, top: top + priceHeight + gap, height: volumeHeight, containLabel: false },
    ],
    xAxis: [
      { type: 'category', data: x, gridIndex: 0, boundaryGap: true, axisLabel: { show: false }, axisTick: { show: false }, axisLine: { lineStyle: { color: '#999' } } },
      {
        type: 'category', data: x, gridIndex: 1, boundaryGap: true,
        axisLabel: { color: '#444', fontSize: 10, interval: Math.max(0, Math.ceil(n / 7) - 1), hideOverlap: true, ...text },
        axisLine: { lineStyle: { color: '#999' } },
      },
    ],
    yAxis: [
      {
        type: 'value', gridIndex: 0, position: 'left', min, max, scale: true,
        splitLine: { lineStyle: { color: '#eee' } },
        // Padded extremes are not round numbers; their labels would collide with the tick labels.
        axisLabel: { color: '#444', fontSize: 10, formatter: formatPrice, showMinLabel: false, showMaxLabel: false, ...text },
      },
      {
        type: 'value', gridIndex: 1, position: 'left', splitNumber: 2,
        splitLine: { show: false },
        axisLabel: { color: '#666', fontSize: 9, formatter: (v: number) => compact(v), ...text },
      },
    ],
    series: [
      {
        name: 'price',
        type: 'candlestick',
        xAxisIndex: 0,
        yAxisIndex: 0,
        data: candleData,
        itemStyle: { color: UP_COLOR, color0: DOWN_COLOR, borderColor: UP_COLOR, borderColor0: DOWN_COLOR },
        barMaxWidth: 14,
        markLine: levels.length
          ? {
            silent: true,
            symbol: 'none',
            precision: 10,
            data: levels.map((l) => ({
              yAxis: l.price,
              lineStyle: { color: l.color, type: 'dashed', width: 1.2 },
              label: { show: true, formatter: l.label, position: 'end', distance: 4, color: l.color, fontSize: 10, ...text },
            })),
          }
          : undefined,
        z: 2,
      },
      ...overlays,
      ...markerSeries,
      ...([['volume up', upVolume, UP_COLOR], ['volume down', downVolume, DOWN_COLOR]] as const).map(([name, data, color]) => ({
        name,
        type: 'bar',
        xAxisIndex: 1,
        yAxisIndex: 1,
        data,
        // Large mode draws each series as one path instead of one per bar (a third of the SVG
        // time); it cannot stack, so the two series overlap and one is 0 on each bar.
        barGap: '-100%',
        barMaxWidth: 14,
        barCategoryGap: '20%',
        large: true,
        largeThreshold: 60,
        itemStyle: { color, opacity: 0.6 },
      })),
    ],
  };
}
