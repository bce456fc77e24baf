import { esc, fmt, isoMinute, STYLE } from './html.js';
import type { BatchSummary, PairFiles, PairOk } from './types.js';

/** One pair's HTML report (seed 000's `{pair}_{timeframe}_{timestamp}_report.html`). */
export function pairReportHtml(p: PairOk, s: BatchSummary, files: PairFiles): string {
  const prm = s.params;
  const spikes = p.spikes.map((x) => `<tr${x.alert ? ' class="alert"' : ''}><td>${esc(isoMinute(x.time))}</td><td>${fmt(x.volume)}</td><td>${fmt(x.mean)}</td><td>${fmt(x.limit)}</td><td>${fmt(x.z)}</td><td>${fmt(x.relVolume)}</td><td>${fmt(x.confidence, 3)}</td><td>${x.alert ? 'yes' : 'no'}</td><td>${x.time === p.lastClosed ? 'latest closed' : ''}</td></tr>`).join('');
  const sp = p.split;
  const split = sp
    ? `<p>Taker split of the ${esc(isoMinute(sp.candleTime))} candle: <b>${fmt(sp.buyRatio * 100, 1)}% buy</b> over ${sp.trades} trades (${esc(isoMinute(sp.from))} → ${esc(isoMinute(sp.to))})${sp.complete ? '' : ', <span class="muted">partial: the source\'s recent trades start inside the candle</span>'}.</p>`
    : '<p class="muted">No buy/sell split: the source has no trades inside the candle it would describe.</p>';
  const img = files.png ? `<p><img src="${esc(files.png)}" alt="${esc(p.symbol)} chart" style="max-width:100%"></p>` : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(p.symbol)} ${esc(p.timeframe)} volume report</title><style>${STYLE}</style></head>
<body>
<h1>${esc(p.symbol)} · ${esc(p.timeframe)} · batch ${esc(s.batchId)}</h1>
<p>Rank ${p.rank} by quote volume (${fmt(p.quoteVolume)}), ${p.candles} candles fetched (${esc(isoMinute(p.first))} → ${esc(isoMinute(p.last))}), ${p.scanned} judged; latest closed candle ${esc(isoMinute(p.lastClosed))}.
Spike when volume &gt; mean + ${prm.k}·std of the previous ${prm.window} candles; alert at confidence ≥ ${prm.alertThreshold}.</p>
<p><b>${p.spikes.length}</b> spike(s), <b>${p.alerts}</b> at alert level, max confidence ${fmt(p.maxConfidence, 3)}, last relative volume ${fmt(p.lastRelVolume)}.</p>
${split}
${img}
<p><a href="${esc(files.chart)}">interactive chart</a> · <a href="${esc(files.data)}">data (JSON)</a> · <a href="report.html">batch report</a></p>
<table><tr><th>time (UTC)</th><th>volume</th><th>mean</th><th>limit</th><th>z</th><th>rel. volume</th><th>confidence</th><th>alert level</th><th></th></tr>${spikes || '<tr><td colspan="9" class="muted">no spikes in the scanned periods</td></tr>'}</table>
</body></html>
`;
}
