// Tracker throughput on the bundled Binance feed: events per second per core through
// parse -> book/windows -> detectors, next to the floor (gunzip + split + JSON.parse of the
// same lines). Both timed on CPU (process.cpuUsage) in the same process, best of 3 rounds.
// The tracker path reads the feed as ReplaySource.marketEvents does: one message parsed at a
// time as the loop pulls it (streamBinanceFeed), the way a live stream arrives.
// Memory per tracked symbol: what the detectors' state retains after a full run (heap with
// them minus heap after dropping them, both after a full GC), over the symbols.
// Figures go to bench/out/tracker.json.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { asPair } from '../src/core/types.js';
import { EventLoop, SimulatedClock } from '../src/kernel/index.js';
import { streamBinanceFeed } from '../src/sources/market/replay/feed.js';
import { VolumeDetector } from '../src/services/tracker/volume-detector.js';
import { BookDetector } from '../src/services/tracker/book-detector.js';

const ROOT = join(import.meta.dirname, '..');
const OUT = join(ROOT, 'bench', 'out');
const feeds = ['btc', 'eth'].map((b) => ({ symbol: asPair(`${b.toUpperCase()}/USDT`), files: ['20240808', '20240809'].map((d) => join(ROOT, 'data', 'binance-feed', `${b}usdt_${d}.gz`)) }));

const cpu = (f: () => void | Promise<void>) => async (): Promise<number> => {
  const c0 = process.cpuUsage();
  await f();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000;
};

let lines = 0;
const floor = cpu(() => {
  lines = 0;
  for (const f of feeds) for (const file of f.files) {
    const text = gunzipSync(readFileSync(file)).toString('utf8');
    let start = 0;
    while (start < text.length) {
      let end = text.indexOf('\n', start);
      if (end < 0) end = text.length;
      const sp = text.indexOf(' ', start);
      if (sp > start && sp < end) {
        JSON.parse(text.slice(sp + 1, end));
        lines++;
      }
      start = end + 1;
    }
  }
});

let events = 0;
let outputs = 0;
const full = cpu(async () => {
  const loop = new EventLoop(new SimulatedClock());
  for (const f of feeds) loop.addFeed(f.symbol, streamBinanceFeed(f.files, f.symbol));
  loop.addDetector(new VolumeDetector());
  loop.addDetector(new BookDetector());
  const st = await loop.run({ yieldEveryMs: 1e9 });
  events = st.events;
  outputs = st.outputs;
});

const best = async (f: () => Promise<number>) => {
  const r: number[] = [];
  for (let i = 0; i < 3; i++) r.push(await f());
  return Math.min(...r);
};

const floorMs = await best(floor);
const fullMs = await best(full);

// Memory: the state the detectors hold for the two symbols (books of a few thousand levels a side, windows, spoof candidates).
const gc = (globalThis as { gc?: () => void }).gc;
const held: { detectors: [VolumeDetector, BookDetector] | null } = { detectors: [new VolumeDetector(), new BookDetector()] };
{
  const loop = new EventLoop(new SimulatedClock());
  for (const f of feeds) loop.addFeed(f.symbol, streamBinanceFeed(f.files, f.symbol));
  for (const d of held.detectors!) loop.addDetector(d);
  await loop.run({ yieldEveryMs: 1e9 });
}
const levels = feeds.map((f) => held.detectors![1].view(f.symbol, 1e9)).map((v) => (v ? v.bids.length + v.asks.length : 0));
gc?.();
const withState = process.memoryUsage().heapUsed;
held.detectors = null;
gc?.();
const perSymbol = (withState - process.memoryUsage().heapUsed) / feeds.length;

const res = {
  events, outputs, lines,
  floor: { cpuMs: floorMs, perSec: lines / (floorMs / 1000) },
  tracker: { cpuMs: fullMs, perSec: events / (fullMs / 1000) },
  ratioToFloor: fullMs / floorMs,
  goal: { perSec: 200_000, ratio: 2 },
  memoryPerSymbolBytes: gc ? Math.round(perSymbol) : null,
  bookLevelsPerSymbol: levels,
  loadavg: (await import('node:os')).loadavg(),
};
const k = (x: number) => `${Math.round(x / 1000)}k`;
process.stdout.write(`feed: ${lines} lines, ${events} events, ${outputs} detector outputs (load average ${res.loadavg.map((x) => x.toFixed(1)).join(' ')})\n`);
process.stdout.write(`floor (gunzip + JSON.parse): ${floorMs.toFixed(0)} ms CPU, ${k(res.floor.perSec)} lines/s\n`);
process.stdout.write(`tracker (parse -> book/windows -> detectors): ${fullMs.toFixed(0)} ms CPU, ${k(res.tracker.perSec)} events/s/core, ${res.ratioToFloor.toFixed(2)}x the floor\n`);
process.stdout.write(`goal >= 200k events/s/core: ${res.tracker.perSec >= 200_000 ? 'met' : 'NOT met'}; within 2x of the floor: ${res.ratioToFloor <= 2 ? 'met' : 'NOT met'}\n`);
process.stdout.write(`memory per tracked symbol: ${res.memoryPerSymbolBytes === null ? 'run with --expose-gc' : `${(res.memoryPerSymbolBytes / 1e6).toFixed(2)} MB`} (book levels held: ${levels.join(', ')})\n`);
mkdirSync(OUT, { recursive: true });
writeFileSync(join(OUT, 'tracker.json'), `${JSON.stringify(res, null, 2)}\n`);
