/**
 * bench/indicators: Sextant's indicators against TA-Lib C, side by side in one run (issue 18).
 *
 *   node --import tsx bench/indicators/run.ts [--rounds=3] [--only=SMA,EMA] [--part=all|batch|request] [--clock=wall|cpu] [--runner=bundle|tsx] [--js-peers]
 *   (or `npm run bench -- indicators --rounds=1 --only=...`)
 *
 * batch:   every TA-Lib function (161; --only picks some) on the same 1,000,000 real candles (the bundled
 *          data/binance-daily CSVs repeated, talib-c/make_data.mjs), default parameters, in this order per round:
 *          TA-Lib C through its abstract interface with outputs allocated once (`prealloc`), Sextant's
 *          default API (fresh outputs per call), Sextant with reused outputs (computeInto + arena) on
 *          arrays from Sextant's allocator (the series heap, as C's side mallocs its own), the same on
 *          ordinary Float64Arrays (`reuse-js`: the JS kernels), TA-Lib C with outputs malloc'd per call. Each: 2 warm-up + 7 timed calls, median; the table takes per
 *          function the median over rounds. Ratios divide figures of the same run, same data, same statistic.
 *          Each round also times the engine floor: the plain loop out[i] = high[i] op low[i] (op = + - *)
 *          in C (talib_all.c `floor`, same gcc -O2) and in plain JS (sextant_all.ts `floor`: as written in
 *          C, and unrolled by 16, the best JS form found), so the report shows beside ADD/SUB/MULT which
 *          part of a ratio no JS loop on this node avoids.
 * request: one API-sized request (200 candles, 10 common indicators), 64 windows rotated, 10k warm-up
 *          requests, 5 runs x 100k requests, median: TA-Lib C, Sextant's IndicatorRunner, Sextant's
 *          allocating API, @ixjb94/indicators.
 * --clock=cpu times both sides in process CPU time (user + system; C: CLOCK_PROCESS_CPUTIME_ID, node:
 *          process.cpuUsage, GC threads included) instead of wall time: on a machine shared with other
 *          work, time spent waiting for a core then counts on neither side.
 * --runner=bundle (default) runs the batch's Sextant side from an esbuild bundle under plain node (compiled JS,
 *          as shipped); --runner=tsx under tsx's loader as before (see below why that is slower).
 * --js-peers also runs js-peers.ts (Sextant against the talib binding, technicalindicators, trading-signals).
 *
 * Needs gcc and TA-Lib C as the `talib` npm package builds it, plus @ixjb94/indicators, both installed by
 * `npm --prefix bench/indicators ci`. Figures go to bench/out/indicators/<time>/ (batch_tables.md,
 * request_tables.md, the raw NDJSON and loads.log, the load average before each step).
 */
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { BENCH_OUT } from '../../test/helpers/paths.js';

const HERE = import.meta.dirname;
const H = join(HERE, 'talib-c');
const ROOT = join(HERE, '..', '..');
const args = process.argv.slice(2);
const opt = (name: string, def: string) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? def;
const ROUNDS = Number(opt('rounds', '3'));
const PART = opt('part', 'all');
const CLOCK = opt('clock', 'wall');
if (CLOCK !== 'wall' && CLOCK !== 'cpu') throw new Error('--clock=wall|cpu');
const ONLY = opt('only', '').split(',').map((s) => s.trim().toUpperCase()).filter(Boolean);
const N = 1_000_000;
const TL = join(HERE, 'node_modules', 'talib', 'src', 'lib');
const LIBS = ['abstract', 'func', 'common', 'libc'].map((k) => join(TL, 'lib', `libta_${k}_csr.a`));

function fail(msg: string): never {
  process.stderr.write(`bench/indicators: ${msg}\n`);
  process.exit(2);
}
if (!LIBS.every((l) => existsSync(l))) fail('TA-Lib C is not built: run `npm --prefix bench/indicators ci` (the talib package builds it)');
if (spawnSync('gcc', ['--version']).status !== 0) fail('gcc is needed to build the C side');
if (PART !== 'batch' && !existsSync(join(HERE, 'node_modules', '@ixjb94', 'indicators'))) fail('@ixjb94/indicators missing: run `npm --prefix bench/indicators ci`');

const OUT = join(BENCH_OUT, 'indicators', new Date().toISOString().replace(/[:.]/g, '-'));
mkdirSync(OUT, { recursive: true });

function run(cmd: string, argv: string[], stdoutFile?: string): void {
  const fd = stdoutFile ? openSync(join(OUT, stdoutFile), 'w') : 'inherit';
  const r = spawnSync(cmd, argv, { cwd: ROOT, stdio: ['ignore', fd, 'inherit'], env: { ...process.env, BENCH_CLOCK: CLOCK } });
  if (typeof fd === 'number') closeSync(fd);
  if (r.status !== 0) fail(`${cmd} ${argv.join(' ')} exited with ${r.status ?? r.signal}`);
}
function log(step: string): void {
  const line = `${new Date().toISOString()} ${step} | clock ${CLOCK} | load ${loadavg().map((x) => x.toFixed(2)).join(' ')}`;
  writeFileSync(join(OUT, 'loads.log'), line + '\n', { flag: 'a' });
  process.stderr.write(line + '\n');
}

const cc = (src: string, bin: string) => run('gcc', ['-O2', '-Wall', '-o', join(OUT, bin), join(H, src), `-I${join(TL, 'include')}`, ...LIBS, '-lm']);
cc('talib_all.c', 'talib_all');
cc('talib_request.c', 'talib_request');
const data = join(OUT, 'candles.bin');
run(process.execPath, [join(H, 'make_data.mjs'), ROOT, data, String(N)]);
const TS = [process.execPath, '--expose-gc', '--import', 'tsx'];
const ts = (script: string, argv: string[], file: string) => run(TS[0]!, [...TS.slice(1), join(H, script), ...argv], file);

/*
 * The batch's Sextant side runs as compiled JavaScript under plain node, as the shipped CLI and
 * server do (bin/sextant.js imports dist/): sextant_all.ts is bundled by esbuild (the TypeScript
 * transpiler tsx itself uses) into one .mjs. Under tsx's on-the-fly loader, loading the indicator
 * modules invalidates V8's ArrayBuffer-detaching protector (seen with --print-opt-code: every
 * typed-array access in every kernel then carries a "buffer was detached" check), which costs a
 * simple loop ~25-40% and does not happen in the compiled build. --runner=tsx restores the old way.
 */
const RUNNER = opt('runner', 'bundle');
if (RUNNER !== 'bundle' && RUNNER !== 'tsx') throw new Error('--runner=bundle|tsx');
let sextantAll: string[] = [...TS.slice(1), join(H, 'sextant_all.ts')];
if (RUNNER === 'bundle' && (PART === 'all' || PART === 'batch')) {
  const { build } = await import('esbuild');
  // outside the repo: a bundle under bench/out would be linted
  const outfile = join(mkdtempSync(join(tmpdir(), 'sextant-bench-')), 'sextant_all.mjs');
  await build({ entryPoints: [join(H, 'sextant_all.ts')], bundle: true, platform: 'node', format: 'esm', target: 'node20', outfile, logLevel: 'warning' });
  sextantAll = ['--expose-gc', outfile];
}
const sextant = (argv: string[], file: string) => run(process.execPath, [...sextantAll, ...argv], file);

if (PART === 'all' || PART === 'batch') {
  sextant(['--names'], 'all-names.txt');
  let names = readFileSync(join(OUT, 'all-names.txt'), 'utf8').split(/\s+/).filter(Boolean);
  if (ONLY.length) names = names.filter((n) => ONLY.includes(n));
  if (!names.length) fail(`no TA-Lib function matches --only=${ONLY.join(',')}`);
  writeFileSync(join(OUT, 'names.txt'), names.join('\n') + '\n');
  const namesFile = join(OUT, 'names.txt');
  for (let r = 1; r <= ROUNDS; r++) {
    log(`batch round ${r}/${ROUNDS}: C prealloc`);
    run(join(OUT, 'talib_all'), [data, String(N), namesFile, 'prealloc', '7', '2'], `c_prealloc_${r}.ndjson`);
    log(`batch round ${r}/${ROUNDS}: Sextant default`);
    sextant([data, String(N), namesFile, 'default', '7', '2'], `ts_default_${r}.ndjson`);
    log(`batch round ${r}/${ROUNDS}: Sextant reuse`);
    sextant([data, String(N), namesFile, 'reuse', '7', '2'], `ts_reuse_${r}.ndjson`);
    log(`batch round ${r}/${ROUNDS}: Sextant reuse, plain arrays`);
    sextant([data, String(N), namesFile, 'reuse-js', '7', '2'], `ts_reuse-js_${r}.ndjson`);
    log(`batch round ${r}/${ROUNDS}: C malloc`);
    run(join(OUT, 'talib_all'), [data, String(N), namesFile, 'malloc', '7', '2'], `c_malloc_${r}.ndjson`);
    log(`batch round ${r}/${ROUNDS}: engine floor, C and JS`);
    run(join(OUT, 'talib_all'), [data, String(N), '-', 'floor', '7', '2'], `floor_c_${r}.ndjson`);
    sextant([data, String(N), '-', 'floor', '7', '2'], `floor_js_${r}.ndjson`);
  }
  log('batch done');
  run(process.execPath, [join(H, 'compare.mjs'), OUT, `Clock: ${CLOCK === 'cpu' ? 'process CPU time' : 'wall time'}; Sextant side: ${RUNNER === 'bundle' ? 'esbuild bundle under plain node' : 'tsx loader'}`], 'batch_tables.md');
  process.stdout.write(readFileSync(join(OUT, 'batch_tables.md'), 'utf8') + '\n');
}

if (PART === 'all' || PART === 'request') {
  for (let r = 1; r <= ROUNDS; r++) {
    log(`request round ${r}/${ROUNDS}: C`);
    run(join(OUT, 'talib_request'), [data, String(N), '200', '100000', '5'], `req_c_${r}.json`);
    for (const lib of ['sextant', 'sextant-default', 'ixjb94']) {
      log(`request round ${r}/${ROUNDS}: ${lib}`);
      ts('request.ts', [lib, data, String(N), '200', '100000', '5'], `req_${lib}_${r}.json`);
    }
  }
  log('request done');
  run(process.execPath, [join(H, 'request_report.mjs'), OUT], 'request_tables.md');
  process.stdout.write(readFileSync(join(OUT, 'request_tables.md'), 'utf8') + '\n');
}

if (args.includes('--js-peers')) run(TS[0]!, [...TS.slice(1), join(HERE, 'js-peers.ts')]);
process.stderr.write(`figures in ${OUT}\n`);
