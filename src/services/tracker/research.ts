import type { Pair } from '../../core/types.js';
import type { Candles } from '../../core/series.js';
import type { MarketSource } from '../../sources/market/types.js';
import { TrackerService, type TrackerFeed, type TrackerOptions } from './service.js';
import { baseRate, eventOutcomes, HORIZONS, type OutcomeGroup, type PriceSeries } from './outcomes.js';
import type { TrackerEvent } from './types.js';

/** A candle series that can measure outcomes of one symbol's events (e.g. a 1h file for the 1d horizon). */
export interface OutcomeCandles {
  symbol: Pair;
  /** Shown next to every figure measured on it, e.g. the file name. */
  name: string;
  timeframeMs: number;
  candles: Candles;
}

export interface ResearchOptions {
  feed: TrackerFeed;
  symbols: Pair[];
  candles?: readonly OutcomeCandles[];
  horizons?: Readonly<Record<string, number>>;
  by?: 'key' | 'prefix';
  volume?: TrackerOptions['volume'];
  book?: TrackerOptions['book'];
}

export interface ResearchReport {
  /** What was replayed through the detectors. */
  replay: { symbols: Pair[]; first: string | null; last: string | null; marketEvents: number; events: number };
  horizons: Record<string, number>;
  by: 'key' | 'prefix';
  /** The price series outcomes were measured on, per symbol. */
  series: { symbol: Pair; name: string; resolutionMs: number; from: string | null; to: string | null; points: number }[];
  /** Share of up/down forward returns from every minute of each symbol's feed: what a hit rate is read against. */
  base: { symbol: Pair; horizon: string; n: number; upShare: number | null; downShare: number | null }[];
  groups: OutcomeGroup[];
  notes: string[];
}

const iso = (t: number): string | null => (Number.isFinite(t) ? new Date(t).toISOString() : null);

function candleSeries(c: OutcomeCandles): PriceSeries {
  const n = c.candles.time.length;
  const time = new Float64Array(n);
  for (let i = 0; i < n; i++) time[i] = c.candles.time[i]! + c.timeframeMs;
  return { name: c.name, resolutionMs: c.timeframeMs, time, price: c.candles.close, end: n ? time[n - 1]! : -Infinity };
}

/**
 * Research mode: replays a recorded feed through the tracker's own detectors (the same
 * TrackerService that runs live, at full speed, no store) and then measures what followed
 * each event. The prices used for outcomes are collected on the side and read only after
 * the run has ended: the detectors saw nothing of them.
 */
export async function runResearch(o: ResearchOptions): Promise<ResearchReport> {
  if (o.feed.kind !== 'replay') throw new Error('research replays recorded history: give it a replay feed');
  const horizons = { ...(o.horizons ?? HORIZONS) };
  const t = new TrackerService({
    symbols: o.symbols, feed: o.feed, speed: Infinity,
    ...(o.volume ? { volume: o.volume } : {}), ...(o.book ? { book: o.book } : {}),
  });
  const events: TrackerEvent[] = [];
  t.listen((m) => {
    if (m.type === 'event') events.push(m.data);
  });
  const ticks = new Map<Pair, { time: number[]; price: number[]; end: number }>();
  const tick = (s: Pair) => {
    let x = ticks.get(s);
    if (!x) ticks.set(s, (x = { time: [], price: [], end: -Infinity }));
    return x;
  };
  t.loop.subscribe('research.prices', (ev) => {
    if (ev.type === 'trade') {
      const x = tick(ev.trade.symbol);
      x.time.push(ev.at);
      x.price.push(ev.trade.price);
      x.end = ev.at;
    } else if (ev.type === 'book.diff') tick(ev.diff.symbol).end = ev.at;
  });
  const stats = await t.run();

  const prices = new Map<Pair, PriceSeries[]>();
  for (const s of o.symbols) {
    const list: PriceSeries[] = [];
    const x = ticks.get(s);
    if (x && x.time.length) list.push({ name: `${s} trades of the replayed feed`, resolutionMs: 0, time: x.time, price: x.price, end: x.end });
    for (const c of o.candles ?? []) if (c.symbol === s) list.push(candleSeries(c));
    prices.set(s, list);
  }
  const groups = eventOutcomes(events, (s) => prices.get(s as Pair) ?? [], { horizons, by: o.by ?? 'key' });

  const base: ResearchReport['base'] = [];
  for (const s of o.symbols) {
    const x = ticks.get(s);
    if (!x?.time.length) continue;
    for (const [name, h] of Object.entries(horizons)) {
      const b = baseRate(prices.get(s)!, x.time[0]!, x.end, h);
      base.push({ symbol: s, horizon: name, n: b.n, upShare: b.n ? b.up / b.n : null, downShare: b.n ? b.down / b.n : null });
    }
  }
  const spanMin = (stats.last - stats.first) / 60_000;
  const notes = [
    'Forward returns and hit rates are outcomes, measured after the replay from prices the detectors never saw.',
    'Events are timed when they were concluded (a window event after its window closed); the entry price is the last trade or candle close known then.',
    'The 95% interval of a hit rate takes as its sample size the clusters (distinct symbol × horizon-long time blocks with a measured event), not the events: overlapping events share one outcome path.',
    `A horizon is measured only on a price series at least 6x finer than it that covers the event and the event + horizon; otherwise the event counts in notMeasurable, not in n.`,
    `The replay spans ${Number.isFinite(spanMin) ? spanMin.toFixed(1) : 0} minutes: events of one short feed overlap in time, so their outcomes are not independent samples and n overstates the evidence.`,
  ];
  if (!o.candles?.length) notes.push('No candle series given: horizons longer than the feed (1h, 1d) cannot be measured (n = 0). Add one per symbol with --candles PAIR=FILE.');
  return {
    replay: { symbols: o.symbols, first: iso(stats.first), last: iso(stats.last), marketEvents: stats.events, events: events.length },
    horizons,
    by: o.by ?? 'key',
    series: [...prices].flatMap(([symbol, list]) => list.map((s) => ({
      symbol, name: s.name, resolutionMs: s.resolutionMs,
      from: s.time.length ? iso(s.time[0]!) : null, to: iso(s.end), points: s.time.length,
    }))),
    base,
    groups,
    notes,
  };
}

const pct = (x: number | null, d = 1): string => (x === null ? '-' : `${(x * 100).toFixed(d)}%`);
const bps = (x: number | null): string => (x === null ? '-' : `${x >= 0 ? '+' : ''}${x.toFixed(1)}bp`);

/** The research report as a terminal table. */
export function formatResearch(r: ResearchReport): string {
  const hz = Object.keys(r.horizons);
  const lines = [
    `replayed ${r.replay.marketEvents} market events of ${r.replay.symbols.join(', ')} (${r.replay.first ?? '-'} → ${r.replay.last ?? '-'}) through the tracker's detectors: ${r.replay.events} events`,
    'outcome series:',
    ...r.series.map((s) => `  ${s.symbol}: ${s.name} (${s.resolutionMs ? `${s.resolutionMs / 60_000}m candles` : 'trades'}, ${s.points} points, ${s.from ?? '-'} → ${s.to ?? '-'})`),
    'base rate (share of forward returns that were up, from every minute of the feed):',
    ...r.base.map((b) => `  ${b.symbol} ${b.horizon}: ${b.n ? `${pct(b.upShare)} up, ${pct(b.downShare)} down, n=${b.n}` : 'n=0 (not measurable)'}`),
    `OUTCOMES per event ${r.by} (n = events measured; hit = moved in the event's direction):`,
  ];
  for (const g of r.groups) {
    lines.push(`  ${g.group}  (${g.events} events, ${g.symbols.join(' ')})`);
    for (const h of hz) {
      const s = g.horizons[h]!;
      if (!s.n) {
        lines.push(`    ${h.padEnd(3)} n=0 (${s.notMeasurable} not measurable)`);
        continue;
      }
      const hit = s.hitRate === null ? 'hit rate: no direction' : `hit ${pct(s.hitRate)} of ${s.directed} in ${s.clusters} cluster${s.clusters === 1 ? '' : 's'} [95% ${pct(s.hitRate95![0], 0)}–${pct(s.hitRate95![1], 0)}]`;
      lines.push(`    ${h.padEnd(3)} n=${s.n}${s.notMeasurable ? ` (+${s.notMeasurable} not measurable)` : ''}  mean ${bps(s.meanBps)}  median ${bps(s.medianBps)}  ${hit}  on ${s.series.join(', ')}`);
    }
  }
  lines.push('notes:', ...r.notes.map((n) => `  - ${n}`));
  return lines.join('\n');
}

/**
 * Hourly candles of each symbol from a market source (an exchange, or the store) around a
 * replay that starts at `start`, for the 1d horizon. A source that has none, or fails,
 * gives none: that horizon is then not measured, and a note says why.
 */
export async function sourceOutcomeCandles(source: Pick<MarketSource, 'id' | 'candles'>, symbols: readonly Pair[], start: number, spanMs = 3 * 86_400_000): Promise<{ candles: OutcomeCandles[]; notes: string[] }> {
  const candles: OutcomeCandles[] = [];
  const notes: string[] = [];
  for (const symbol of symbols) {
    try {
      const c = await source.candles(symbol, '1h', { since: start - 2 * 3_600_000, until: start + spanMs });
      if (c.time.length) candles.push({ symbol, name: `${symbol} 1h candles of ${source.id}`, timeframeMs: 3_600_000, candles: c });
      else notes.push(`${source.id} has no ${symbol} 1h candles around the replay`);
    } catch (e) {
      notes.push(`${source.id} 1h candles of ${symbol} unavailable: ${(e as Error).message}`);
    }
  }
  return { candles, notes };
}
