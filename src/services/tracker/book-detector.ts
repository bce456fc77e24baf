import type { BookDiff, MarketEvent, Pair, TopOfBook } from '../../core/types.js';
import { analyzeBook, DEFAULT_BOOK_OPTIONS, type BookAnalyticsOptions, type BookMetrics } from '../../core/orderbook/analytics.js';
import { DEFAULT_SPOOF_OPTIONS, SpoofTracker, type SpoofOptions } from '../../core/orderbook/spoof.js';
import { SyncedBook, type BookView } from '../../core/orderbook/sync.js';
import { formatKey } from '../../kernel/keys.js';
import type { Detector, KernelContext } from '../../kernel/ports.js';
import { TOPIC, type TrackerEvent } from './types.js';

/**
 * Order books per symbol (snapshot + diff sync), their analytics and the events read off them:
 * - imbalance: |imbalance| within the band reaches `imbalancePct` %; fires again only after
 *   it fell below half of that (hysteresis, so a book hovering at the bar is one event).
 * - wall: a level ≥ wallFactor × the band's mean level size that was not a wall in the last
 *   `wallMemoryMs` (a wall whose size hovers at the bar is one event, not one per sample).
 * - spoof: core/orderbook/spoof.ts.
 * - resync: a sequence gap (or a top-of-book that disagrees with the rebuilt book) discards it.
 * Analytics are sampled every `sampleMs` of exchange time, not on every diff: band scans
 * cost O(levels in band) and a 100 ms diff stream does not need them more often.
 * Top-of-book messages (Binance bookTicker) are checked against the rebuilt book when
 * their update id equals the last id of an applied diff: bid, ask and both sizes must match.
 */
export interface BookDetectorOptions {
  analytics: BookAnalyticsOptions;
  spoof: SpoofOptions;
  sampleMs: number;
  imbalancePct: number;
  wallMemoryMs: number;
  /** Discard the book when the venue's top of book disagrees with it. */
  resyncOnMismatch: boolean;
}

export const DEFAULT_BOOK_DETECTOR_OPTIONS: BookDetectorOptions = {
  analytics: DEFAULT_BOOK_OPTIONS,
  spoof: DEFAULT_SPOOF_OPTIONS,
  sampleMs: 1000,
  imbalancePct: 80,
  wallMemoryMs: 60_000,
  resyncOnMismatch: true,
};

export interface TopCheck { verified: number; mismatched: number; lastMismatch?: { updateId: number; expected: TopOfBook; got: [number, number, number, number] } }

interface SymbolBook {
  sync: SyncedBook;
  spoof: SpoofTracker;
  metrics: BookMetrics | null;
  nextSample: number;
  imbalanceArmed: boolean;
  /** Wall id (side:price) -> last sample time it was a wall. */
  walls: Map<string, number>;
  check: TopCheck;
  /** Tops seen before the diff they describe (bookTicker runs ahead of the 100 ms diff stream). */
  tops: Map<number, TopOfBook>;
}

export class BookDetector implements Detector {
  readonly name = 'tracker.book';
  readonly wants = ['book.snapshot', 'book.diff', 'book.top', 'book.reset', 'trade'] as const;
  private readonly books = new Map<Pair, SymbolBook>();
  readonly opts: BookDetectorOptions;

  constructor(opts: Partial<BookDetectorOptions> = {}) {
    this.opts = { ...DEFAULT_BOOK_DETECTOR_OPTIONS, ...opts };
  }

  private get(symbol: Pair): SymbolBook {
    let b = this.books.get(symbol);
    if (!b) {
      b = { sync: new SyncedBook(), spoof: new SpoofTracker(this.opts.spoof), metrics: null, nextSample: -Infinity, imbalanceArmed: true, walls: new Map(), check: { verified: 0, mismatched: 0 }, tops: new Map() };
      this.books.set(symbol, b);
    }
    return b;
  }

  onEvent(ev: MarketEvent, ctx: KernelContext): void {
    switch (ev.type) {
      case 'book.snapshot': {
        const b = this.get(ev.book.symbol);
        if (b.sync.onSnapshot(ev.book, ev.at) === 'synced') b.spoof.reset();
        return;
      }
      case 'book.diff':
        return this.onDiff(ev.diff, ev.at, ctx);
      case 'book.top':
        return this.onTop(ev.top, ctx);
      case 'book.reset': {
        // A live connection was lost: the book waits for the snapshot the stream takes after reconnecting.
        const b = this.get(ev.symbol);
        const was = b.sync.state;
        this.invalidate(ev.symbol, ev.at);
        if (was === 'synced') this.fire(ctx, { key: formatKey([['book', 'resync']]), kind: 'resync', symbol: ev.symbol, at: ctx.clock.now(), time: ev.at, value: 0, detail: { reason: ev.reason } });
        return;
      }
      case 'trade': {
        const b = this.books.get(ev.trade.symbol);
        b?.spoof.onTrade(ev.trade.price);
        return;
      }
      default:
    }
  }

  private onDiff(d: BookDiff, at: number, ctx: KernelContext): void {
    const b = this.get(d.symbol);
    const synced = b.sync.state === 'synced';
    const m = b.metrics;
    if (synced && m && d.lastId > b.sync.lastUpdateId && d.firstId <= b.sync.lastUpdateId + 1) {
      // Spoof rule needs each level's size before the update.
      for (const [p, q] of d.bids) this.spoofLevel(ctx, d, b, 'bid', p, b.sync.book.bids.sizeOf(p), q, m.mid, m.bidRef);
      for (const [p, q] of d.asks) this.spoofLevel(ctx, d, b, 'ask', p, b.sync.book.asks.sizeOf(p), q, m.mid, m.askRef);
    }
    const r = b.sync.onDiff(d, at);
    if (r === 'gap') {
      b.spoof.reset();
      b.metrics = null;
      this.fire(ctx, { key: formatKey([['book', 'resync']]), kind: 'resync', symbol: d.symbol, at: ctx.clock.now(), time: d.time, value: d.firstId - b.sync.lastUpdateId, detail: { reason: 'sequence gap', firstId: d.firstId } });
      return;
    }
    if (r !== 'applied') return;
    const top = b.tops.get(d.lastId);
    if (top) this.checkTop(b, top, ctx);
    for (const id of b.tops.keys()) if (id <= d.lastId) b.tops.delete(id);
    if (d.time >= b.nextSample) {
      b.nextSample = d.time - (d.time % this.opts.sampleMs) + this.opts.sampleMs;
      this.sample(b, d.symbol, d.time, ctx);
    }
  }

  private spoofLevel(ctx: KernelContext, d: BookDiff, b: SymbolBook, side: 'bid' | 'ask', price: number, before: number, after: number, mid: number, ref: number): void {
    const s = b.spoof.onLevel(side, price, before, after, d.time, mid, ref);
    if (!s) return;
    const o = this.opts.spoof;
    this.fire(ctx, {
      key: formatKey([['spoof', o.sizeFactor], ['life_s', o.maxLifeMs / 1000], ['band_bp', o.bandPct * 1e4], ['side', side]]),
      kind: 'spoof', symbol: d.symbol, at: ctx.clock.now(), time: d.time, value: s.ratio,
      detail: { price, size: s.size, left: s.left, appeared: s.appeared, vanished: s.vanished, lifeMs: s.vanished - s.appeared },
    });
  }

  private onTop(t: TopOfBook, ctx: KernelContext): void {
    const b = this.books.get(t.symbol);
    if (!b || b.sync.state !== 'synced') return;
    if (t.updateId === b.sync.lastUpdateId) this.checkTop(b, t, ctx);
    else if (t.updateId > b.sync.lastUpdateId) {
      if (b.tops.size >= 64) b.tops.delete(b.tops.keys().next().value!);
      b.tops.set(t.updateId, t);
    }
  }

  private checkTop(b: SymbolBook, t: TopOfBook, ctx: KernelContext): void {
    const bk = b.sync.book;
    const got: [number, number, number, number] = [bk.bids.priceAt(0) ?? NaN, bk.bids.sizeAt(0), bk.asks.priceAt(0) ?? NaN, bk.asks.sizeAt(0)];
    if (got[0] === t.bid && got[1] === t.bidAmount && got[2] === t.ask && got[3] === t.askAmount) {
      b.check.verified++;
      return;
    }
    b.check.mismatched++;
    b.check.lastMismatch = { updateId: t.updateId, expected: t, got };
    if (this.opts.resyncOnMismatch) {
      b.sync.invalidate(ctx.clock.now());
      b.spoof.reset();
      b.metrics = null;
      this.fire(ctx, { key: formatKey([['book', 'resync']]), kind: 'resync', symbol: t.symbol, at: ctx.clock.now(), time: t.time, value: 0, detail: { reason: 'top of book mismatch', updateId: t.updateId } });
    }
  }

  private sample(b: SymbolBook, symbol: Pair, time: number, ctx: KernelContext): void {
    const m = analyzeBook(b.sync.book, this.opts.analytics);
    b.metrics = m;
    if (!m) return;
    const at = ctx.clock.now();
    ctx.emit({ topic: TOPIC.metrics, at, payload: { symbol, time, ...m } });
    const band = this.opts.analytics.bandPct * 1e4;
    const imb = Math.abs(m.imbalance) * 100;
    if (b.imbalanceArmed && imb >= this.opts.imbalancePct) {
      b.imbalanceArmed = false;
      const side = m.imbalance > 0 ? 'bid' : 'ask';
      this.fire(ctx, { key: formatKey([['imb', this.opts.imbalancePct], ['band_bp', band], ['side', side]]), kind: 'imbalance', symbol, at, time, value: m.imbalance * 100, detail: { bidVolume: m.bidVolume, askVolume: m.askVolume, mid: m.mid } });
    } else if (imb < this.opts.imbalancePct / 2) b.imbalanceArmed = true;
    const memory = this.opts.wallMemoryMs;
    for (const [id, last] of b.walls) if (time - last > memory) b.walls.delete(id);
    for (const w of m.walls) {
      const id = `${w.side}:${w.price}`;
      const seen = b.walls.has(id);
      b.walls.set(id, time);
      if (seen) continue;
      this.fire(ctx, {
        key: formatKey([['wall', this.opts.analytics.wallFactor], ['band_bp', band], ['side', w.side]]),
        kind: 'wall', symbol, at, time, value: w.ratio, detail: { price: w.price, size: w.size, distanceBps: w.distanceBps, mid: m.mid },
      });
    }
    b.spoof.sweep(time);
  }

  private fire(ctx: KernelContext, e: TrackerEvent): void {
    ctx.emit({ topic: TOPIC.event, at: e.at, payload: e });
  }

  symbols(): Pair[] {
    return [...this.books.keys()];
  }

  /** The book as served: levels only while synced. */
  view(symbol: Pair, depth: number): BookView | undefined {
    return this.books.get(symbol)?.sync.view(depth);
  }

  metrics(symbol: Pair): BookMetrics | null {
    return this.books.get(symbol)?.metrics ?? null;
  }

  topCheck(symbol: Pair): TopCheck | undefined {
    return this.books.get(symbol)?.check;
  }

  syncStats(symbol: Pair): SyncedBook['stats'] | undefined {
    return this.books.get(symbol)?.sync.stats;
  }

  /** For the live stream: a reconnect invalidates the book until the next snapshot. */
  invalidate(symbol: Pair, at: number): void {
    const b = this.books.get(symbol);
    if (!b) return;
    b.sync.invalidate(at);
    b.spoof.reset();
    b.metrics = null;
  }

  needsSnapshot(symbol: Pair): boolean {
    return this.books.get(symbol)?.sync.needsSnapshot ?? true;
  }
}
