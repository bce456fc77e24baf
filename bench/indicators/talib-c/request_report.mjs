/* global process, console */
// Combines req_{c,sextant,sextant-default,ixjb94}_R.json rounds: per library median over rounds of the
// per-round medians (adapted from the issue 18 harness: Sextant is shown reusing buffers and allocating).
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
const dir = process.argv[2] ?? '.';
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const load = (k) => readdirSync(dir).filter((f) => f.startsWith(`req_${k}_`) && /_\d+\.json$/.test(f)).sort().map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')));
const c = load('c'), s = load('sextant'), sd = load('sextant-default'), x = load('ixjb94');
const row = (label, xs, key = 'us_per_request') => {
  const v = xs.map((r) => r[key]);
  return { label, med: median(v), min: Math.min(...v), max: Math.max(...v), n: v.length, gcs: xs.map((r) => r.gcs) };
};
const rows = [
  row('TA-Lib C direct, preallocated outputs', c),
  row("TA-Lib C direct, outputs malloc'd + freed per request", c, 'malloc_us_per_request'),
  row(`Sextant ${s[0]?.version ?? ''} IndicatorRunner (outputs + temporaries reused)`, s),
  row(`Sextant ${sd[0]?.version ?? ''} runIndicator (fresh outputs per call)`, sd),
  row(`@ixjb94/indicators ${x[0]?.version ?? ''} IndicatorsSync, plain arrays`, x),
];
const cp = rows[0].med, xp = rows[4].med;
// run.ts writes one line per step to loads.log: the clock and the load average before each step.
let loads = [];
try { loads = readFileSync(join(dir, 'loads.log'), 'utf8').split('\n').filter((l) => l.includes('request')); } catch { /* run by hand */ }
const clock = loads.some((l) => l.includes('clock cpu')) ? 'process CPU time (user + system)' : loads.length ? 'wall time' : 'see the run';
const load1 = loads.map((l) => Number(/load (\S+)/.exec(l)?.[1])).filter(Number.isFinite);
console.log(`Clock: ${clock}; 1-minute load average before each step ${load1.length ? `${Math.min(...load1).toFixed(1)}–${Math.max(...load1).toFixed(1)}` : 'not recorded'}.`);
console.log();
console.log(`| 200-candle request, 10 indicators | µs/request (median of ${rows[0].n} rounds) | range over rounds | requests/s/core | × TA-Lib C prealloc | × @ixjb94 | GCs in timed runs |`);
console.log('|:--|--:|--:|--:|--:|--:|--:|');
for (const r of rows) console.log(`| ${r.label} | ${r.med.toFixed(1)} | ${r.min.toFixed(1)}–${r.max.toFixed(1)} | ${Math.round(1e6 / r.med).toLocaleString('en')} | ${(r.med / cp).toFixed(2)}× | ${(r.med / xp).toFixed(2)}× | ${r.gcs.every((g) => g === undefined) ? '–' : r.gcs.join(', ')} |`);
console.log();
console.log(`Per-round ratios, Sextant runner / C prealloc: ${s.map((r, i) => (r.us_per_request / c[i].us_per_request).toFixed(2)).join(', ')}; Sextant runner / ixjb94: ${s.map((r, i) => (r.us_per_request / x[i].us_per_request).toFixed(2)).join(', ')}`);
// Each indicator alone (talib_request.c and request.ts `per`): where the request's time goes on each side.
const perOf = (xs, k) => { const v = xs.map((r) => r.per?.[k]).filter((t) => t !== undefined); return v.length ? median(v) : undefined; };
const PER = ['SMA', 'EMA', 'RSI', 'MACD', 'BBANDS', 'ATR', 'ADX', 'MFI', 'STOCH', 'OBV'];
if (PER.some((k) => perOf(c, k) !== undefined && perOf(s, k) !== undefined)) {
  const f = (t) => (t === undefined ? '–' : t.toFixed(2));
  const sum = (xs) => PER.reduce((a, k) => a + (perOf(xs, k) ?? NaN), 0);
  console.log();
  console.log('Each indicator alone (same windows rotated, reps/10 calls per run, median of the runs, then of the rounds; Sextant: its prepared kernel through an IndicatorRunner; outside the request, so the branch predictor and caches see one function at a time):');
  console.log();
  console.log('| indicator | TA-Lib C µs/call | Sextant runner µs/call | × C | @ixjb94 µs/call | Sextant × @ixjb94 |');
  console.log('|:--|--:|--:|--:|--:|--:|');
  for (const k of PER) {
    const cv = perOf(c, k), sv = perOf(s, k), xv = perOf(x, k);
    console.log(`| ${k} | ${f(cv)} | ${f(sv)} | ${cv && sv ? (sv / cv).toFixed(2) + '×' : '–'} | ${f(xv)} | ${xv && sv ? (sv / xv).toFixed(2) + '×' : '–'} |`);
  }
  const cs = sum(c), ss = sum(s), xs = sum(x);
  console.log(`| sum of the ten | ${f(cs)} | ${f(ss)} | ${(ss / cs).toFixed(2)}× | ${Number.isFinite(xs) ? f(xs) : '–'} | ${Number.isFinite(xs) ? (ss / xs).toFixed(2) + '×' : '–'} |`);
}
const names = ['SMA', 'EMA', 'RSI', 'MACD', 'BBANDS upper', 'ATR', 'ADX', 'MFI', 'STOCH slowK', 'OBV'];
console.log();
console.log('| window 0, last value | TA-Lib C | Sextant | identical | @ixjb94 |');
console.log('|:--|--:|--:|:--:|--:|');
names.forEach((n, i) => console.log(`| ${n} | ${c[0].last[i]} | ${s[0].last[i]} | ${c[0].last[i] === s[0].last[i] ? 'yes' : 'no'} | ${x[0].last[i]} |`));
