import type { Exchange, OrderBook as CcxtBook, Trade as CcxtTrade } from 'ccxt';
import type { BookLevel, MarketEvent, Pair } from '../../../core/types.js';
import type { ServiceHealth } from '../../../kernel/service.js';
import type { MarketStreams } from '../types.js';
import { toBook, toTrades } from './convert.js';
import { EventQueue } from './queue.js';
import { backoffDelay, sleep } from './retry.js';
import { SeenTrades } from './streams.js';
import type { PoolRest, StreamPoolOptions } from './pool.js';

interface BookMirror {
  seq: number;
  bids: Map<number, number>;
  asks: Map<number, number>;
}

/**
 * Pooled streams for any CCXT Pro exchange other than Binance spot, through CCXT's unified
 * `watchTradesForSymbols` / `watchOrderBookForSymbols` (per-symbol `watchTrades` /
 * `watchOrderBook` where the exchange has no multi-symbol form). CCXT keeps each venue's
 * book in sync by that venue's own rules (sequence numbers, checksums); its book is turned
 * into kernel events: a `book.snapshot` first (and after every error or `resync`), then
 * `book.diff`s holding the levels that changed, numbered by a local sequence, so the
 * kernel's book and analytics run unchanged. A failed watch resets the group's books and
 * is retried with the same full-jitter backoff as the Binance pool; stall detection is
 * CCXT's keep-alive here.
 */
export class GenericStreams implements MarketStreams {
  readonly id: string;
  private readonly queue = new EventQueue<MarketEvent>();
  private readonly closing = new AbortController();
  private readonly mirrors = new Map<Pair, BookMirror | undefined>();
  private readonly losses: number[] = [];
  private readonly ex: Exchange;
  private readonly now: () => number;
  private started: Promise<void> | undefined;
  private readonly groups: Pair[][] = [];
  readonly counts = { lost: 0, snapshots: 0, resets: 0 };
  private lastError: string | undefined;

  constructor(private readonly rest: PoolRest, private readonly opts: StreamPoolOptions) {
    this.id = rest.id;
    this.ex = rest.exchange;
    this.now = opts.now ?? Date.now;
  }

  get events(): AsyncIterable<MarketEvent> {
    void this.start().catch((e: unknown) => this.opts.log?.('error', `${this.id} streams failed to start`, e));
    return this.queue;
  }

  start(): Promise<void> {
    this.started ??= (async () => {
      const ex = this.ex as Exchange & { options: Record<string, unknown> };
      // The loops do their own backoff; CCXT's per-url dial delay would add to it.
      ex.options['ws'] = { ...(ex.options['ws'] as object | undefined), backoff: { base: 0, max: 0 } };
      if (JSON.stringify(this.ex.urls['api'] ?? {}).includes('"ws://')) await (this.ex as unknown as { loadHttpProxyAgent(): Promise<unknown> }).loadHttpProxyAgent();
      const symbols: Pair[] = [];
      for (const s of this.opts.symbols) symbols.push(await this.rest.resolveSymbol(s));
      for (let i = 0; i < symbols.length; i += this.opts.symbolsPerConnection) this.groups.push(symbols.slice(i, i + this.opts.symbolsPerConnection));
      void (async () => {
        const pace = 1000 / this.opts.subscribesPerSecond;
        for (const g of this.groups) {
          if (this.closing.signal.aborted) return;
          if (this.ex.has['watchTradesForSymbols'] === true || g.length === 1) void this.loop(g, 'trades', () => this.tradesOf(g));
          else for (const s of g) void this.loop([s], 'trades', () => this.tradesOf([s]));
          if (this.ex.has['watchOrderBookForSymbols'] === true || g.length === 1) void this.loop(g, 'books', () => this.bookOf(g));
          else for (const s of g) void this.loop([s], 'books', () => this.bookOf([s]));
          await sleep(pace, this.closing.signal).catch(() => undefined);
        }
      })();
    })();
    return this.started;
  }

  private readonly seen = new Map<Pair, SeenTrades>();

  private async tradesOf(group: Pair[]): Promise<void> {
    const rows: CcxtTrade[] = group.length > 1 || this.ex.has['watchTrades'] !== true
      ? await this.ex.watchTradesForSymbols(group)
      : await this.ex.watchTrades(group[0]!);
    const at = this.now();
    const bySymbol = new Map<Pair, CcxtTrade[]>();
    for (const r of rows) {
      const s = r.symbol as Pair;
      if (!group.includes(s)) continue;
      let l = bySymbol.get(s);
      if (!l) bySymbol.set(s, (l = []));
      l.push(r);
    }
    for (const [s, list] of bySymbol) {
      let seen = this.seen.get(s);
      if (!seen) this.seen.set(s, (seen = new SeenTrades()));
      for (const trade of seen.fresh(toTrades(list, s))) this.queue.push({ type: 'trade', at, source: this.id, trade });
    }
  }

  private async bookOf(group: Pair[]): Promise<void> {
    const b: CcxtBook = group.length > 1 ? await this.ex.watchOrderBookForSymbols(group) : await this.ex.watchOrderBook(group[0]!);
    const symbol = (b.symbol ?? group[0]) as Pair;
    if (!group.includes(symbol)) return;
    const at = this.now();
    const book = toBook(b, symbol, this.id, this.opts.snapshotDepth);
    // The venue's sequence (CCXT's nonce) where it has one, so ids mean the same as the exchange's; else a local count.
    const nonce = book.nonce;
    let m = this.mirrors.get(symbol);
    if (m && nonce !== undefined && nonce <= m.seq) {
      // CCXT started the book over (its own resync): so do we.
      this.mirrors.delete(symbol);
      this.counts.resets++;
      this.queue.push({ type: 'book.reset', at, source: this.id, symbol, reason: 'the exchange client rebuilt its book' });
      m = undefined;
    }
    if (!m) {
      const mirror: BookMirror = { seq: nonce ?? 1, bids: new Map(book.bids), asks: new Map(book.asks) };
      this.mirrors.set(symbol, mirror);
      this.counts.snapshots++;
      this.queue.push({ type: 'book.snapshot', at, source: this.id, book: { ...book, nonce: mirror.seq } });
      return;
    }
    const bids = changes(m.bids, book.bids);
    const asks = changes(m.asks, book.asks);
    if (!bids.length && !asks.length) return;
    const firstId = m.seq + 1;
    m.seq = nonce ?? firstId;
    this.queue.push({ type: 'book.diff', at, source: this.id, diff: { symbol, time: book.time, firstId, lastId: m.seq, bids, asks } });
  }

  private async loop(group: Pair[], what: 'trades' | 'books', step: () => Promise<void>): Promise<void> {
    let failures = 0;
    let upSince = this.now();
    while (!this.closing.signal.aborted) {
      try {
        await step();
        if (this.now() - upSince > this.opts.reconnectMaxMs) failures = 0;
        continue;
      } catch (err) {
        if (this.closing.signal.aborted) return;
        this.lastError = `${what} of ${group.join(',')}: ${(err as Error).message}`;
        this.counts.lost++;
        this.losses.push(this.now());
        if (what === 'books') {
          for (const s of group) {
            this.mirrors.delete(s);
            this.counts.resets++;
            this.queue.push({ type: 'book.reset', at: this.now(), source: this.id, symbol: s, reason: `stream failed: ${(err as Error).message}` });
          }
        }
      }
      const delay = backoffDelay({ attempts: 0, baseDelayMs: this.opts.reconnectBaseMs, maxDelayMs: this.opts.reconnectMaxMs }, failures++, this.opts.random);
      await sleep(delay, this.closing.signal).catch(() => undefined);
      upSince = this.now();
    }
  }

  resync(symbol: Pair): void {
    // The next book CCXT hands over is delivered whole.
    this.mirrors.delete(symbol);
  }

  health(): ServiceHealth {
    const now = this.now();
    while (this.losses.length && now - this.losses[0]! > this.opts.lostWindowMs) this.losses.shift();
    const details = { exchange: this.id, groups: this.groups.length, lostInWindow: this.losses.length, maxLostConnections: this.opts.maxLostConnections, ...this.counts, ...(this.lastError ? { lastError: this.lastError } : {}), queued: this.queue.length };
    if (this.losses.length > this.opts.maxLostConnections) {
      return { status: 'degraded', reason: `${this.id}: ${this.losses.length} stream failures in the last ${Math.round(this.opts.lostWindowMs / 1000)} s (more than the ${this.opts.maxLostConnections} allowed)`, details };
    }
    return { status: 'ok', details };
  }

  async close(): Promise<void> {
    if (this.closing.signal.aborted) return;
    this.closing.abort();
    this.queue.end();
  }
}

/** Levels whose size changed (0 = gone) from `prev` to `next`; `prev` becomes `next`. */
function changes(prev: Map<number, number>, next: readonly BookLevel[]): BookLevel[] {
  const out: BookLevel[] = [];
  const keep = new Set<number>();
  for (const [p, q] of next) {
    keep.add(p);
    if (prev.get(p) !== q) {
      out.push([p, q]);
      prev.set(p, q);
    }
  }
  for (const p of prev.keys()) {
    if (!keep.has(p)) {
      out.push([p, 0]);
      prev.delete(p);
    }
  }
  return out;
}
