/* global process, console */
// Combines the interleaved rounds into the report tables (adapted from the issue 18 harness: the
// Sextant `reuse` run, caller-provided outputs + arena, takes the place of the GLIBC_TUNABLES run).
//   node compare.mjs <results dir>
// Reads <dir>/c_prealloc_R.ndjson, <dir>/ts_default_R.ndjson, <dir>/ts_reuse_R.ndjson, <dir>/c_malloc_R.ndjson
// and, when present, <dir>/ts_reuse-js_R.ndjson (sextant_all.ts `reuse-js`: reuse with ordinary arrays
// instead of the series heap's) (R = 1, 2, 3, ... whatever exists), takes per function the median over rounds of the per-round
// medians, and prints markdown: full table, summary buckets, geometric means, 15 worst ratios,
// agreement checks (defaults, first valid index, last value, 16 sampled values, sums).
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2] ?? '.';
const N_FLOOR = '1,000,000';
const title = process.argv[3];
const kinds = ['c_prealloc', 'ts_default', 'ts_reuse', 'ts_reuse-js', 'c_malloc'];
const rounds = {};
for (const k of kinds) {
  rounds[k] = readdirSync(dir).filter((f) => f.startsWith(k + '_') && f.endsWith('.ndjson')).sort()
    .map((f) => Object.fromEntries(readFileSync(join(dir, f), 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l)).map((o) => [o.name, o])));
}
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const val = (v) => (v === 'NaN' ? NaN : v === 'Infinity' ? Infinity : v === '-Infinity' ? -Infinity : v);
const ms = (k, name) => { const xs = rounds[k].map((r) => r[name]?.ms).filter((x) => x !== undefined); return xs.length ? median(xs) : undefined; };
const spread = (k, name) => { const xs = rounds[k].map((r) => r[name]?.ms).filter((x) => x !== undefined); return xs.length ? [Math.min(...xs), Math.max(...xs)] : undefined; };
const f = (x, d = 2) => (x === undefined ? '–' : x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(d));
const fr = (x) => (x === undefined ? '–' : x >= 10 ? x.toFixed(1) + '×' : x.toFixed(2) + '×');

const cR = rounds.c_prealloc[0] ?? {};
const tR = (rounds.ts_default[0] ?? rounds.ts_reuse[0]) ?? {};
const names = Object.keys(cR);
const out = [];
const p = (s = '') => out.push(s);

// ---------- agreement ----------
function same(a, b, tol = 1e-9) {
  a = val(a); b = val(b);
  if (a === null || b === null) return a === b;
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b);
  if (a === b) return true;
  if (!Number.isFinite(a) || !Number.isFinite(b)) return false;
  const m = Math.max(Math.abs(a), Math.abs(b));
  return Math.abs(a - b) <= tol * Math.max(m, 1e-300) || Math.abs(a - b) < 1e-12;
}
const agree = {};
for (const name of names) {
  const c = cR[name], t = tR[name];
  const issues = [];
  if (!t) { agree[name] = { ok: false, issues: ['no TS result'] }; continue; }
  // defaults
  const tp = Object.fromEntries(Object.entries(t.params).map(([k, v]) => [k.toLowerCase(), v]));
  for (const [k, v] of Object.entries(c.opt ?? {})) {
    const key = k.replace(/^optIn/, '').toLowerCase();
    if (!(key in tp)) issues.push(`param ${k} unknown to Sextant`);
    else if (Math.abs(tp[key] - val(v)) > 1e-12) issues.push(`default ${k}: TA-Lib ${v} vs Sextant ${tp[key]}`);
  }
  if (c.beg !== t.lookback) issues.push(`first index: TA-Lib outBegIdx ${c.beg} vs Sextant lookback ${t.lookback}`);
  if (c.outs.length !== t.outs.length) issues.push(`outputs ${c.outs.length} vs ${t.outs.length}`);
  let lastBits = 0, lastN = 0, maxRel = 0, samplesOk = 0, samplesN = 0, samplesBits = 0;
  c.outs.forEach((co, k) => {
    const to = t.outs[k];
    if (!to) return;
    lastN++;
    if (Object.is(val(co.last), val(to.last)) || (Number.isNaN(val(co.last)) && Number.isNaN(val(to.last)))) lastBits++;
    else if (!same(co.last, to.last)) issues.push(`out${k} last ${co.last} vs ${to.last}`);
    if (Number.isFinite(val(co.last)) && Number.isFinite(val(to.last)) && val(co.last) !== val(to.last)) {
      maxRel = Math.max(maxRel, Math.abs(val(co.last) - val(to.last)) / Math.max(Math.abs(val(co.last)), 1e-300));
    }
    co.samples.forEach(([i, v], s) => {
      const [ti, tv] = to.samples[s];
      if (ti !== i) { issues.push('sample index mismatch'); return; }
      if (v === null) return; // inside TA-Lib's lookback
      samplesN++;
      if (Object.is(val(v), val(tv)) || (Number.isNaN(val(v)) && Number.isNaN(val(tv)))) samplesBits++;
      if (same(v, tv)) samplesOk++; else issues.push(`out${k}[${i}] ${v} vs ${tv}`);
    });
    if (!same(co.sum, to.sum, 1e-9)) issues.push(`out${k} sum ${co.sum} vs ${to.sum}`);
    if (!same(co.sumAbs, to.sumAbs, 1e-9)) issues.push(`out${k} sum|x| ${co.sumAbs} vs ${to.sumAbs}`);
  });
  agree[name] = { ok: issues.length === 0, issues, lastBits, lastN, maxRel, samplesOk, samplesN, samplesBits, last: c.outs.map((o) => o.last), tlast: t.outs.map((o) => o.last) };
}

// ---------- timing table ----------
const rows = names.map((name) => {
  const c = ms('c_prealloc', name), td = ms('ts_default', name), tr = ms('ts_reuse', name), tj = ms('ts_reuse-js', name), cm = ms('c_malloc', name);
  return { name, c, cm, td, tr, tj, rd: td !== undefined ? td / c : undefined, rr: tr !== undefined ? tr / c : undefined, rj: tj !== undefined ? tj / c : undefined };
});
const geo = (xs) => Math.exp(xs.reduce((a, x) => a + Math.log(x), 0) / xs.length);
const bucket = (key) => {
  const xs = rows.map((r) => r[key]).filter((x) => x !== undefined);
  return { n: xs.length, le1: xs.filter((x) => x <= 1).length, le125: xs.filter((x) => x <= 1.25).length, le2: xs.filter((x) => x <= 2).length, gt2: xs.filter((x) => x > 2).length, geo: geo(xs), med: median(xs), sumRatio: undefined };
};
const sum = (key) => rows.reduce((a, r) => a + (r[key] ?? 0), 0);

if (title) { p(`## ${title}`); p(); }
const hasJs = rounds['ts_reuse-js'].length > 0;
p(`Rounds: C prealloc ${rounds.c_prealloc.length}, Sextant default ${rounds.ts_default.length}, Sextant reuse ${rounds.ts_reuse.length}${hasJs ? `, Sextant reuse-js ${rounds['ts_reuse-js'].length}` : ''}, C malloc ${rounds.c_malloc.length}; ${names.length} functions.`);
p();
p('### Summary (ratio = Sextant ms / TA-Lib C ms, preallocated C outputs; per-function median over rounds of per-round medians of 7)');
p();
p('| Sextant run | ≤ 1.0× | ≤ 1.25× | ≤ 2× | > 2× | geometric mean | median ratio | Σ Sextant ms | Σ C ms |');
p('|:--|--:|--:|--:|--:|--:|--:|--:|--:|');
for (const [key, label, tkey] of [['rd', 'default (fresh outputs per call)', 'td'], ['rr', 'reused outputs (computeInto + arena, series heap arrays)', 'tr'], ['rj', 'reused outputs, ordinary arrays (reuse-js)', 'tj']]) {
  const b = bucket(key);
  if (!b.n) continue;
  p(`| ${label} | ${b.le1} | ${b.le125} | ${b.le2} | ${b.gt2} | ${fr(b.geo)} | ${fr(b.med)} | ${f(sum(tkey))} | ${f(sum('c'))} |`);
}
if (rounds.c_malloc.length) {
  const xs = rows.filter((r) => r.cm !== undefined).map((r) => r.cm / r.c);
  p();
  p(`TA-Lib C with outputs malloc'd per call (fresh mmap) vs preallocated: geometric mean ${fr(geo(xs))}, Σ ${f(sum('cm'))} ms. Sextant default vs C malloc'd: geometric mean ${fr(geo(rows.filter((r) => r.cm && r.td).map((r) => r.td / r.cm)))}.`);
}
p();
for (const [key, label] of [['rd', 'default'], ['rr', 'reused outputs']]) {
  const xs = rows.filter((r) => r[key] !== undefined).sort((a, b) => b[key] - a[key]).slice(0, 15);
  if (!xs.length) continue;
  p(`### 15 worst ratios (${label})`);
  p();
  p('| function | C ms | Sextant ms | ratio |');
  p('|:--|--:|--:|--:|');
  for (const r of xs) p(`| ${r.name} | ${f(r.c)} | ${f(key === 'rd' ? r.td : r.tr)} | ${fr(r[key])} |`);
  p();
}

// ---------- agreement summary ----------
const okN = names.filter((n) => agree[n].ok).length;
p(`### Agreement (TA-Lib C vs Sextant, same data, defaults)`);
p();
p(`${okN}/${names.length} functions agree on: default parameters, first valid index (TA-Lib outBegIdx = Sextant lookback), last value, 16 sampled values and the sum and Σ|x| of every output (relative 1e-9). Last value bit-identical on ${names.reduce((a, n) => a + (agree[n].lastBits ?? 0), 0)}/${names.reduce((a, n) => a + (agree[n].lastN ?? 0), 0)} outputs; sampled values bit-identical ${names.reduce((a, n) => a + (agree[n].samplesBits ?? 0), 0)}/${names.reduce((a, n) => a + (agree[n].samplesN ?? 0), 0)}; not bit-identical somewhere (max rel. diff of a last value ${Math.max(...names.map((n) => agree[n].maxRel ?? 0)).toExponential(1)}): ${names.filter((n) => agree[n].lastBits !== agree[n].lastN || agree[n].samplesBits !== agree[n].samplesN).join(', ') || 'none'}.`);
for (const n of names.filter((n) => !agree[n].ok)) p(`- ${n}: ${agree[n].issues.slice(0, 4).join('; ')}`);
p();
p('Spot check, last value of the first output:');
p();
p('| function | TA-Lib C | Sextant | identical |');
p('|:--|--:|--:|:--:|');
for (const n of ['SMA', 'EMA', 'RSI', 'MACD', 'BBANDS', 'ATR', 'ADX', 'MFI', 'STOCH', 'OBV', 'HT_DCPERIOD', 'MAMA', 'SAR', 'CCI', 'KAMA']) {
  const a = agree[n];
  if (!a) continue;
  p(`| ${n} | ${a.last[0]} | ${a.tlast[0]} | ${Object.is(val(a.last[0]), val(a.tlast[0])) ? 'yes' : 'no'} |`);
}
p();

// ---------- engine floor ----------
const floorRounds = (k) => readdirSync(dir).filter((f) => f.startsWith(`floor_${k}_`) && f.endsWith('.ndjson')).sort()
  .map((f) => readFileSync(join(dir, f), 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l)));
const floorC = floorRounds('c'), floorJs = floorRounds('js');
if (floorC.length && floorJs.length) {
  const fms = (rs, name, loop) => median(rs.map((r) => r.find((o) => o.name === name && (loop === undefined || o.loop === loop))?.ms).filter((x) => x !== undefined));
  p('### Engine floor: the same plain loop in C and in JS, same run');
  p();
  p(`out[i] = high[i] op low[i] over the ${N_FLOOR} candles, timed as the functions (median of 7 per round, median over ${floorC.length} rounds). C: the loop compiled in this run by the same gcc -O2 (scalar, as TA-Lib's loops). JS plain: the same loop under node; JS unrolled: 16 elements per iteration, the best JS form found and the one Sextant's ADD/SUB/MULT use. No JS kernel on this node gets below the last column's ratio for this work; a function's ratio above it is Sextant's to cut.`);
  p();
  p('| loop | C ms | JS plain ms | JS unrolled ms | plain / C | unrolled / C | Sextant (reuse) / C, same run |');
  p('|:--|--:|--:|--:|--:|--:|--:|');
  for (const name of ['ADD', 'SUB', 'MULT']) {
    const c = fms(floorC, name), jp = fms(floorJs, name, 'plain'), ju = fms(floorJs, name, 'unroll16');
    const row = rows.find((r) => r.name === name);
    p(`| ${name} | ${f(c)} | ${f(jp)} | ${f(ju)} | ${fr(jp / c)} | ${fr(ju / c)} | ${row?.rr !== undefined ? fr(row.rr) : '– (not in --only)'} |`);
  }
  p();
}

// ---------- full table ----------
p('### All functions');
p();
p(`| function | C ms | C ms range | Sextant ms (default) | range | ratio | Sextant ms (reuse) | ratio |${hasJs ? ' Sextant ms (reuse-js) | ratio |' : ''}${rounds.c_malloc.length ? ' C malloc ms |' : ''} agree |`);
p(`|:--|--:|--:|--:|--:|--:|--:|--:|${hasJs ? '--:|--:|' : ''}${rounds.c_malloc.length ? '--:|' : ''}:--:|`);
for (const r of rows) {
  const cs = spread('c_prealloc', r.name), ts = spread('ts_default', r.name);
  p(`| ${r.name} | ${f(r.c)} | ${cs ? f(cs[0]) + '–' + f(cs[1]) : '–'} | ${f(r.td)} | ${ts ? f(ts[0]) + '–' + f(ts[1]) : '–'} | ${fr(r.rd)} | ${f(r.tr)} | ${fr(r.rr)} |${hasJs ? ` ${f(r.tj)} | ${fr(r.rj)} |` : ''}${rounds.c_malloc.length ? ` ${f(r.cm)} |` : ''} ${agree[r.name].ok ? '✓' : '✗'} |`);
}
console.log(out.join('\n'));
