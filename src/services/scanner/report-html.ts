import { esc, fmt, isoMinute, STYLE } from './html.js';
import type { BatchSummary, PairResult } from './types.js';

/** The batch at a glance: alerts first, then every pair with links to its chart and JSON. */
export function reportHtml(s: BatchSummary, pairs: readonly PairResult[]): string {
  const byPair = new Map(pairs.map((p) => [p.symbol, p]));
  const alertRows = s.alerts.map((a) => `<tr class="alert"><td>${esc(a.symbol)}</td><td>${esc(a.time.slice(0, 16).replace('T', ' '))}</td><td>${fmt(a.volume)}</td><td>${fmt(a.relVolume)}</td><td>${fmt(a.z)}</td><td>${fmt(a.confidence, 3)}</td></tr>`).join('');
  const rows = s.results.filter((r) => r.status === 'ok').map((r) => {
    const p = byPair.get(r.symbol);
    const ok = p?.status === 'ok' ? p : undefined;
    const f = r.files && 'chart' in r.files ? r.files : undefined;
    const split = ok?.split ? `${fmt(ok.split.buyRatio * 100, 1)}% buy (${ok.split.trades} trades, ${isoMinute(ok.split.candleTime)})` : '–';
    const links = f ? `<a href="${esc(f.report)}">report</a> <a href="${esc(f.data)}">json</a>${f.png ? ` <a href="${esc(f.png)}">png</a>` : ''}` : '';
    return `<tr${r.alerts ? ' class="alert"' : ''}><td>${f ? `<a href="${esc(f.chart)}">${esc(r.symbol)}</a>` : esc(r.symbol)}</td><td>${ok?.rank ?? ''}</td><td>${r.spikes}</td><td>${r.alerts}</td><td>${fmt(r.maxConfidence, 3)}</td><td>${fmt(r.lastRelVolume)}</td><td>${esc(isoMinute(ok?.last ?? null))}</td><td>${esc(split)}</td><td>${links}</td></tr>`;
  }).join('');
  const failed = s.failed.map((f) => `<tr><td>${esc(f.symbol)}</td><td style="text-align:left">${esc(f.reason)}</td></tr>`).join('');
  const p = s.params;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Volume-spike scan ${esc(s.batchId)}</title><style>${STYLE}</style></head>
<body>
<h1>Volume-spike scan ${esc(s.batchId)}</h1>
<p>Source <b>${esc(s.source)}</b>, ${esc(p.timeframe)}, top ${esc(p.top)} by quote volume, ${p.periods} periods; spike when volume &gt; mean + ${p.k}·std of the previous ${p.window} candles; alert at confidence ≥ ${p.alertThreshold}.
Started ${esc(s.startedAt)}, ${s.durationMs} ms, trigger ${esc(s.trigger)}.</p>
<p><b>${s.pairs.ok}</b> pairs scanned, <b>${s.pairs.failed}</b> failed, <b>${s.pairs.withSpikes}</b> with spikes, <b>${s.pairs.alerts}</b> alerts. <a href="${esc(s.files?.summary ?? 'summary.json')}">${esc(s.files?.summary ?? 'summary.json')}</a></p>
<h2>Alerts (${p.alertScope === 'all' ? 'every alert-level spike scanned' : 'latest closed candle of each pair'})</h2>
<table><tr><th>pair</th><th>time (UTC)</th><th>volume</th><th>rel. volume</th><th>z</th><th>confidence</th></tr>${alertRows || '<tr><td colspan="6" class="muted">none</td></tr>'}</table>
<h2>Pairs</h2>
<table><tr><th>pair</th><th>rank</th><th>spikes</th><th>alerts</th><th>max confidence</th><th>last rel. volume</th><th>last candle</th><th>buy/sell</th><th>data</th></tr>${rows}</table>
<h2>Failed pairs</h2>
<table><tr><th>pair</th><th>reason</th></tr>${failed || '<tr><td colspan="2" class="muted">none</td></tr>'}</table>
</body></html>
`;
}
