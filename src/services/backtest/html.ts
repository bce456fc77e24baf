import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Candles } from '../../core/series.js';
import type { BacktestReport } from './run.js';

let echartsJs: string | undefined;
/** ECharts from node_modules, inlined: the report opens offline, with no CDN. */
function echartsSource(): string {
  echartsJs ??= readFileSync(createRequire(import.meta.url).resolve('echarts/dist/echarts.min.js'), 'utf8');
  return echartsJs;
}

/** JSON that is safe inside a <script> element. */
const embed = (x: unknown) => JSON.stringify(x).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
const esc = (s: string) => s.replace(/[&<>"]/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[ch]!);
const fmt = (x: number, d = 2) => (Number.isFinite(x) ? x.toFixed(d) : '—');

/**
 * A self-contained HTML report: metrics table, equity curve, drawdown, and the first
 * symbol's closes with every entry and exit marked.
 */
export function reportHtml(r: BacktestReport, price: { symbol: string; candles: Candles }): string {
  const m = r.metrics;
  const eq = r.result.equity;
  const times = Array.from(r.result.times);
  let peak = -Infinity;
  const dd = Array.from(eq, (e) => {
    peak = Math.max(peak, e);
    return +((e / peak - 1) * 100).toFixed(4);
  });
  const trades = r.result.trades.filter((t) => t.symbol === price.symbol);
  const data = {
    times,
    equity: Array.from(eq, (e) => +e.toFixed(2)),
    dd,
    priceTimes: Array.from(price.candles.time),
    close: Array.from(price.candles.close),
    entries: trades.map((t) => [t.entryTime, t.entryPrice]),
    exits: trades.map((t) => [t.exitTime, t.exitPrice, t.pnl > 0 ? 1 : 0]),
  };
  const rows: [string, string][] = [
    ['Strategy', `${r.strategy} ${Object.entries(r.params).map(([k, v]) => `${k}=${v}`).join(' ')}`],
    ['Symbols', `${r.symbols.join(', ')} ${r.timeframe}`],
    ['Final equity', fmt(m.finalEquity)], ['Total return %', fmt(m.totalReturnPct)], ['Annual return %', fmt(m.annualReturnPct)],
    ['Max drawdown %', fmt(m.maxDrawdownPct)], ['Sharpe', fmt(m.sharpe, 3)], ['Sortino', fmt(m.sortino, 3)], ['Calmar', fmt(m.calmar, 3)],
    ['Trades', String(m.trades)], ['Win rate %', fmt(m.winRatePct)], ['Profit factor', fmt(m.profitFactor, 3)], ['Expectancy', fmt(m.expectancy)],
    ['Exposure %', fmt(m.exposurePct)], ['Commissions', fmt(m.commissions)], ['Buy & hold %', fmt(m.buyHoldReturnPct)],
  ];
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Sextant backtest — ${esc(r.strategy)} ${esc(r.symbols.join(', '))}</title>
<style>body{font:14px system-ui,sans-serif;margin:16px;color:#222}table{border-collapse:collapse;margin-bottom:12px}td{padding:2px 10px;border-bottom:1px solid #eee}
.chart{width:100%;max-width:1100px;height:320px}h1{font-size:18px}</style></head><body>
<h1>Backtest: ${esc(r.strategy)} on ${esc(r.symbols.join(', '))} (${esc(r.timeframe)})</h1>
<table>${rows.map(([k, v]) => `<tr><td>${esc(k)}</td><td>${esc(v)}</td></tr>`).join('')}</table>
<div id="price" class="chart"></div><div id="equity" class="chart"></div><div id="drawdown" class="chart" style="height:220px"></div>
<script>${echartsSource()}</script>
<script>
const D = ${embed(data)};
const zip = (t, v) => t.map((x, i) => [x, v[i]]);
const base = (title) => ({ title: { text: title, left: 'center', textStyle: { fontSize: 13 } }, tooltip: { trigger: 'axis' }, grid: { left: 70, right: 20, top: 36, bottom: 40 },
  xAxis: { type: 'time' }, yAxis: { type: 'value', scale: true }, dataZoom: [{ type: 'inside' }], animation: false });
echarts.init(document.getElementById('price')).setOption({ ...base(${embed(`${price.symbol} close, entries ▲ and exits ▼`)}), series: [
  { type: 'line', name: 'close', showSymbol: false, data: zip(D.priceTimes, D.close), lineStyle: { width: 1 } },
  { type: 'scatter', name: 'entry', symbol: 'triangle', symbolSize: 9, itemStyle: { color: '#1a7f37' }, data: D.entries },
  { type: 'scatter', name: 'exit', symbol: 'triangle', symbolRotate: 180, symbolSize: 9, data: D.exits.map((e) => ({ value: [e[0], e[1]], itemStyle: { color: e[2] ? '#1a7f37' : '#cf222e' } })) },
] });
echarts.init(document.getElementById('equity')).setOption({ ...base('Equity'), series: [{ type: 'line', showSymbol: false, data: zip(D.times, D.equity) }] });
echarts.init(document.getElementById('drawdown')).setOption({ ...base('Drawdown %'), series: [{ type: 'line', showSymbol: false, areaStyle: { color: '#f5c2c0' }, lineStyle: { color: '#cf222e' }, data: zip(D.times, D.dd) }] });
</script></body></html>
`;
}
