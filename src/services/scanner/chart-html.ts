import { esc, fmt, isoMinute, scriptJson, STYLE } from './html.js';
import type { PairOk } from './types.js';

/**
 * One pair's interactive chart: candles, volume bars with spikes coloured (red = alert,
 * orange = spike below the alert level) and the mean + k·std limit line. ECharts is
 * loaded from `echartsSrc` (a relative path to the results folder's single copy) so the
 * page opens offline without repeating a 1 MB library in every file.
 */
export function chartHtml(p: PairOk, k: number, echartsSrc: string): string {
  const spikeAt = Object.fromEntries(p.spikes.map((s) => [s.index, s.alert ? 2 : 1]));
  const scannedFrom = p.series.time.length - p.scanned;
  const data = { ...p.series, spikeAt, scannedFrom, title: `${p.symbol} ${p.timeframe}` };
  const rows = p.spikes.map((s) => `<tr${s.alert ? ' class="alert"' : ''}><td>${esc(isoMinute(s.time))}</td><td>${fmt(s.volume)}</td><td>${fmt(s.mean)}</td><td>${fmt(s.limit)}</td><td>${fmt(s.z)}</td><td>${fmt(s.relVolume)}</td><td>${fmt(s.confidence, 3)}</td><td>${s.alert ? 'yes' : 'no'}</td></tr>`).join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(p.symbol)} ${esc(p.timeframe)} volume spikes</title>
<style>${STYLE}#chart{width:100%;height:560px}</style></head>
<body>
<h2>${esc(p.symbol)} · ${esc(p.timeframe)} · ${p.spikes.length} spike(s), ${p.alerts} alert(s)</h2>
<p class="muted">Spike: volume &gt; mean + ${esc(k)}·std of the previous candles (the current candle is not in its own baseline). Shaded: baseline-only candles before the scanned periods.</p>
<div id="chart"></div>
<table><tr><th>time (UTC)</th><th>volume</th><th>mean</th><th>limit</th><th>z</th><th>rel. volume</th><th>confidence</th><th>alert</th></tr>${rows || '<tr><td colspan="8" class="muted">no spikes in the scanned periods</td></tr>'}</table>
<script src="${esc(echartsSrc)}"></script>
<script id="pair-data" type="application/json">${scriptJson(data)}</script>
<script>
(function () {
  var d = JSON.parse(document.getElementById('pair-data').textContent);
  var x = d.time.map(function (t) { return new Date(t).toISOString().slice(0, 16).replace('T', ' '); });
  var kline = d.time.map(function (_, i) { return [d.open[i], d.close[i], d.low[i], d.high[i]]; });
  var vol = d.volume.map(function (v, i) {
    var s = d.spikeAt[i];
    return { value: v, itemStyle: { color: s === 2 ? '#d32f2f' : s === 1 ? '#fb8c00' : '#90a4ae' } };
  });
  var chart = echarts.init(document.getElementById('chart'), null, { renderer: 'canvas' });
  chart.setOption({
    animation: false,
    title: { text: d.title, left: 'center', textStyle: { fontSize: 13 } },
    tooltip: { trigger: 'axis', axisPointer: { type: 'cross' } },
    axisPointer: { link: [{ xAxisIndex: 'all' }] },
    legend: { top: 22, data: ['price', 'volume', 'limit (mean + k·std)'] },
    grid: [{ left: 70, right: 30, top: 50, height: '50%' }, { left: 70, right: 30, top: '68%', height: '22%' }],
    xAxis: [{ type: 'category', data: x, boundaryGap: true }, { type: 'category', data: x, gridIndex: 1, boundaryGap: true, axisLabel: { show: false } }],
    yAxis: [{ scale: true }, { gridIndex: 1, scale: true, splitNumber: 3 }],
    dataZoom: [{ type: 'inside', xAxisIndex: [0, 1] }, { type: 'slider', xAxisIndex: [0, 1], bottom: 4 }],
    series: [
      { name: 'price', type: 'candlestick', data: kline, itemStyle: { color: '#26a69a', color0: '#ef5350', borderColor: '#26a69a', borderColor0: '#ef5350' } },
      { name: 'volume', type: 'bar', xAxisIndex: 1, yAxisIndex: 1, data: vol, itemStyle: { color: '#90a4ae' },
        markArea: d.scannedFrom > 0 ? { silent: true, itemStyle: { color: 'rgba(0,0,0,0.05)' }, data: [[{ xAxis: x[0] }, { xAxis: x[d.scannedFrom - 1] }]] } : undefined },
      { name: 'limit (mean + k·std)', type: 'line', xAxisIndex: 1, yAxisIndex: 1, data: d.limit, showSymbol: false, connectNulls: false, itemStyle: { color: '#5e35b1' }, lineStyle: { type: 'dashed', color: '#5e35b1' } }
    ]
  });
  window.addEventListener('resize', function () { chart.resize(); });
})();
</script>
</body></html>
`;
}
