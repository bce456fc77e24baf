import { NetworkError, type Exchange } from 'ccxt';
import type { MarketEvent, Pair } from '../../../core/types.js';
import type { ServiceHealth } from '../../../kernel/service.js';
import { MarketError } from '../errors.js';
import type { MarketStreams, OrderBook } from '../types.js';
import { binanceStreams, readBinanceMessage } from './binance-wire.js';
import { EventQueue } from './queue.js';
import { backoffDelay, sleep } from './retry.js';

/** What the pool needs of the REST half: resolved symbols and book snapshots (with retries and typed errors). */
export interface PoolRest {
  readonly id: string;
  readonly exchange: Exchange;
  resolveSymbol(input: string): Promise<Pair>;
  orderBook(symbol: Pair, depth?: number): Promise<OrderBook>;
}

export interface StreamPoolOptions {
  symbols: readonly Pair[];
  symbolsPerConnection: number;
  /** The venue's limit of streams per connection; a group never carries more. */
  maxStreamsPerConnection: number;
  subscribesPerSecond: number;
  bookTicker: boolean;
  snapshotDepth: number;
  snapshotConcurrency: number;
  reconnectBaseMs: number;
  reconnectMaxMs: number;
  stallMs: number;
  maxLostConnections: number;
  lostWindowMs: number;
  /** `unified`: CCXT's watch*ForSymbols even on Binance spot (tests of the path other exchanges take). */
  mode?: 'raw' | 'unified';
  /** How long a snapshot waits for the first diff after a (re)subscription before it is taken anyway. */
  firstDiffWaitMs?: number;
  random?: () => number;
  now?: () => number;
  log?: (level: 'info' | 'error', msg: string, detail?: unknown) => void;
}

type ConnState = 'idle' | 'connecting' | 'up' | 'down' | 'closed';

interface WsClientLike {
  url: string;
  onError(err: Error): void;
  connection?: { terminate?: () => void; close?: () => void };
}

interface Conn {
  index: number;
  symbols: Pair[];
  streams: string[];
  /** Binance symbol id (BTCUSDT) -> pair. */
  byId: Map<string, Pair>;
  url: string;
  state: ConnState;
  client: WsClientLike | undefined;
  /** Bumped on every loss: snapshots asked for an older generation are dropped. */
  gen: number;
  startedAt: number;
  upSince: number;
  lastMessageAt: number;
  lost: number;
  failuresInARow: number;
  lastError: string | undefined;
  messages: number;
}

interface SymbolSync {
  conn: Conn;
  /** Last update id of the last diff seen (0 = none since the last reset). */
  lastU: number;
  /** A snapshot is wanted; `minNonce` is set from the first diff after the request. */
  want: { gen: number; minNonce: number | undefined } | undefined;
  fetching: boolean;
  firstDiff: (() => void) | undefined;
}

/**
 * Pooled exchange streams for many symbols through CCXT Pro's websocket client.
 *
 * Binance spot (`binance`, `binanceus`): the symbols are split into groups of
 * `symbolsPerConnection` (capped so a group stays within the venue's streams per
 * connection); each group is one CCXT websocket connection carrying one SUBSCRIBE for its
 * `@trade`, `@depth@100ms` (and `@bookTicker`) streams. Connections are opened at
 * `subscribesPerSecond`. The raw diff messages are read as they come (first/last update
 * ids kept), not through CCXT's own book, so the kernel's sync rule sees every diff.
 *
 * Books: after each (re)subscription, after a sequence gap seen on the stream, and on
 * `resync(symbol)`, a REST snapshot is taken once the first diff after the request has
 * arrived, and delivered only when it can be joined (its lastUpdateId ≥ that diff's U − 1);
 * a stale one is retaken. A lost connection delivers `book.reset` for each of its symbols
 * at once, so no book is served while it is out of sync.
 *
 * Losses: a close, an error, a frame CCXT cannot parse that breaks the connection, or no
 * message for `stallMs` (the socket is then terminated). The connection is retried after
 * a full-jitter backoff (random in [0, min(max, base·2^n)]); more than
 * `maxLostConnections` losses within `lostWindowMs` make health() degraded.
 */
export class CcxtStreamPool implements MarketStreams {
  readonly id: string;
  private readonly queue = new EventQueue<MarketEvent>();
  private readonly conns: Conn[] = [];
  private readonly syncs = new Map<Pair, SymbolSync>();
  private readonly closing = new AbortController();
  private readonly losses: number[] = [];
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly ex: Exchange;
  private watchdog: NodeJS.Timeout | undefined;
  private snapshotsInFlight = 0;
  private readonly snapshotWaiters: (() => void)[] = [];
  private started: Promise<void> | undefined;
  readonly counts = { garbage: 0, gaps: 0, snapshots: 0, staleSnapshots: 0, snapshotFailures: 0, resets: 0, lost: 0 };
  private lastGarbage: string | undefined;

  constructor(private readonly rest: PoolRest, private readonly opts: StreamPoolOptions) {
    this.id = rest.id;
    this.ex = rest.exchange;
    this.now = opts.now ?? Date.now;
    this.random = opts.random ?? Math.random;
    if (!isBinanceSpot(this.ex)) {
      throw new MarketError('not_supported', `pooled raw streams are built for Binance spot; ${this.id} runs through genericStreams()`, this.id);
    }
  }

  get events(): AsyncIterable<MarketEvent> {
    void this.start().catch((e: unknown) => this.opts.log?.('error', `${this.id} streams failed to start`, e));
    return this.queue;
  }

  /**
   * Resolves the symbols and plans the connections (an unknown symbol fails here), then
   * opens the connections in the background at the configured pace.
   */
  start(): Promise<void> {
    this.started ??= this.plan().then(() => {
      void this.open();
    });
    return this.started;
  }

  private async plan(): Promise<void> {
    const ex = this.ex as Exchange & { options: Record<string, unknown> };
    // The pool does its own backoff; CCXT's per-url dial delay would add to it.
    ex.options['ws'] = { ...(ex.options['ws'] as object | undefined), backoff: { base: 0, max: 0 } };
    // CCXT's websocket client prints some failures (a frame that is not JSON) to the console; they go to the log instead.
    (ex as unknown as { log: (...args: unknown[]) => void }).log = (...args: unknown[]) => this.opts.log?.('info', `${this.id} ccxt: ${args.map(String).join(' ').slice(0, 300)}`);
    const symbols: Pair[] = [];
    for (const s of this.opts.symbols) symbols.push(await this.rest.resolveSymbol(s));
    const perSymbol = binanceStreams('x', this.opts.bookTicker).length;
    const size = Math.max(1, Math.min(this.opts.symbolsPerConnection, Math.floor(this.opts.maxStreamsPerConnection / perSymbol)));
    const wsBase = (ex.urls['api'] as { ws: Record<string, string> }).ws['spot']!;
    // CCXT refuses plain ws:// urls (a local stand-in, a proxy) until it has an http agent.
    if (wsBase.startsWith('ws://')) await (ex as unknown as { loadHttpProxyAgent(): Promise<unknown> }).loadHttpProxyAgent();
    for (let i = 0; i < symbols.length; i += size) {
      const group = symbols.slice(i, i + size);
      const byId = new Map<string, Pair>();
      const streams: string[] = [];
      for (const s of group) {
        const m = ex.market(s);
        byId.set(String(m.id), s);
        streams.push(...binanceStreams(String(m['lowercaseId'] ?? String(m.id).toLowerCase()), this.opts.bookTicker));
      }
      const index = this.conns.length;
      const conn: Conn = {
        index, symbols: group, streams, byId, url: `${wsBase}/sextant-${index}`, state: 'idle', client: undefined, gen: 0,
        startedAt: NaN, upSince: NaN, lastMessageAt: NaN, lost: 0, failuresInARow: 0, lastError: undefined, messages: 0,
      };
      this.conns.push(conn);
      for (const s of group) this.syncs.set(s, { conn, lastU: 0, want: undefined, fetching: false, firstDiff: undefined });
    }
  }

  private async open(): Promise<void> {
    this.tapMessages();
    this.watchdog = setInterval(() => this.checkStalls(), Math.max(25, Math.min(1000, this.opts.stallMs / 4)));
    this.watchdog.unref?.();
    const pace = 1000 / this.opts.subscribesPerSecond;
    for (const conn of this.conns) {
      if (this.closing.signal.aborted) return;
      void this.runConnection(conn);
      if (conn !== this.conns.at(-1)) await sleep(pace, this.closing.signal).catch(() => undefined);
    }
  }

  /** Messages of the pool's connections are read here; everything else goes to CCXT's own handler. */
  private tapMessages(): void {
    const ex = this.ex as Exchange & { handleMessage(client: unknown, message: unknown): unknown };
    const original = ex.handleMessage.bind(ex);
    const byUrl = new Map(this.conns.map((c) => [c.url, c]));
    ex.handleMessage = (client: unknown, message: unknown) => {
      const conn = byUrl.get((client as WsClientLike).url);
      if (!conn) return original(client, message);
      if (conn.client !== client) return undefined; // a connection already given up
      return this.onMessage(conn, client, message, original);
    };
  }

  private onMessage(conn: Conn, client: unknown, message: unknown, original: (c: unknown, m: unknown) => unknown): unknown {
    const at = this.now();
    conn.lastMessageAt = at;
    conn.messages++;
    if (typeof message === 'string') {
      // CCXT hands a frame it could not parse on as the raw text.
      this.garbage(conn, `a frame that is not JSON: ${message.slice(0, 60)}`);
      return undefined;
    }
    const r = readBinanceMessage(message, at, this.id, (id) => conn.byId.get(id));
    if (r.kind === 'control') return original(client, message);
    if (r.kind === 'garbage') {
      this.garbage(conn, r.why);
      return undefined;
    }
    if (r.event.type === 'book.diff') this.onDepth(r.event.diff.symbol, r.event.diff.firstId, r.event.diff.lastId);
    this.queue.push(r.event);
    return undefined;
  }

  private garbage(conn: Conn, why: string): void {
    this.counts.garbage++;
    this.lastGarbage = `connection ${conn.index}: ${why}`;
  }

  /** Continuity of each symbol's diffs as they arrive: a hole asks for a snapshot before the book even sees it. */
  private onDepth(symbol: Pair, U: number, u: number): void {
    const st = this.syncs.get(symbol);
    if (!st) return;
    if (st.want && st.want.minNonce === undefined) {
      st.want.minNonce = U - 1;
      st.firstDiff?.();
    }
    if (st.lastU > 0 && u > st.lastU && U > st.lastU + 1) {
      this.counts.gaps++;
      this.opts.log?.('info', `${this.id} ${symbol}: sequence gap (diff ${U}..${u} after ${st.lastU}); resyncing from a REST snapshot`);
      // Forced: a snapshot already in flight may predate the hole.
      this.request(symbol, true);
    }
    if (u > st.lastU) st.lastU = u;
  }

  resync(symbol: Pair): void {
    this.request(symbol);
  }

  /**
   * Asks for a snapshot of `symbol`. One request per symbol at a time: a second one joins it,
   * unless `force`d (a new hole in the sequence: a snapshot taken before it cannot be used).
   */
  private request(symbol: Pair, force = false): void {
    const st = this.syncs.get(symbol);
    if (!st || this.closing.signal.aborted) return;
    if (force || !st.want || st.want.gen !== st.conn.gen) st.want = { gen: st.conn.gen, minNonce: undefined };
    if (!st.fetching) void this.fetchSnapshot(symbol, st);
  }

  private async fetchSnapshot(symbol: Pair, st: SymbolSync): Promise<void> {
    st.fetching = true;
    let tries = 0;
    try {
      while (st.want && !this.closing.signal.aborted) {
        const want = st.want;
        if (want.gen !== st.conn.gen || st.conn.state !== 'up') return; // the resubscription asks again
        if (want.minNonce === undefined) {
          // Binance's rule: buffer the stream first, then take the snapshot.
          await new Promise<void>((resolve) => {
            const done = (): void => {
              clearTimeout(t);
              this.closing.signal.removeEventListener('abort', done);
              resolve();
            };
            const t = setTimeout(done, this.opts.firstDiffWaitMs ?? 2_000);
            st.firstDiff = done;
            this.closing.signal.addEventListener('abort', done, { once: true });
          });
          st.firstDiff = undefined;
          if (st.want !== want || want.gen !== st.conn.gen) continue;
        }
        let snap: OrderBook;
        try {
          snap = await this.withSnapshotSlot(() => this.rest.orderBook(symbol, this.opts.snapshotDepth));
        } catch (err) {
          if (this.closing.signal.aborted) return;
          this.counts.snapshotFailures++;
          this.opts.log?.('error', `${this.id} ${symbol}: book snapshot failed`, err);
          await sleep(backoffDelay({ attempts: 0, baseDelayMs: this.opts.reconnectBaseMs, maxDelayMs: this.opts.reconnectMaxMs }, tries++, this.random), this.closing.signal).catch(() => undefined);
          continue;
        }
        if (st.want !== want || want.gen !== st.conn.gen || st.conn.state !== 'up') continue;
        const min = want.minNonce ?? -Infinity;
        if (snap.nonce !== undefined && snap.nonce < min) {
          // Older than the diffs buffered since the request: it cannot be joined; take another.
          this.counts.staleSnapshots++;
          await sleep(backoffDelay({ attempts: 0, baseDelayMs: 50, maxDelayMs: 2_000 }, tries++, this.random), this.closing.signal).catch(() => undefined);
          continue;
        }
        st.want = undefined;
        this.counts.snapshots++;
        this.queue.push({ type: 'book.snapshot', at: this.now(), source: this.id, book: snap });
      }
    } finally {
      st.fetching = false;
      st.firstDiff = undefined;
    }
  }

  private async withSnapshotSlot<T>(fn: () => Promise<T>): Promise<T> {
    while (this.snapshotsInFlight >= this.opts.snapshotConcurrency) await new Promise<void>((r) => this.snapshotWaiters.push(r));
    this.snapshotsInFlight++;
    try {
      return await fn();
    } finally {
      this.snapshotsInFlight--;
      this.snapshotWaiters.shift()?.();
    }
  }

  private async runConnection(conn: Conn): Promise<void> {
    const ex = this.ex as Exchange & { requestId(url: string): number; clients: Record<string, WsClientLike> };
    while (!this.closing.signal.aborted) {
      conn.state = 'connecting';
      conn.startedAt = this.now();
      conn.lastMessageAt = NaN;
      const hash = `sextant:pool:${conn.index}`;
      const requestId = ex.requestId(conn.url);
      const subscription = {
        id: String(requestId),
        method: () => this.onSubscribed(conn),
      };
      let reason: string;
      try {
        const future = ex.watchMultiple(conn.url, [hash], { method: 'SUBSCRIBE', params: conn.streams, id: requestId }, [hash], subscription);
        conn.client = ex.clients[conn.url];
        // Nothing resolves this hash: it settles only when the connection fails or is closed.
        await future;
        reason = 'connection ended';
      } catch (err) {
        reason = (err as Error).message;
      }
      if (this.closing.signal.aborted) break;
      this.lose(conn, reason);
      const wasUpFor = Number.isFinite(conn.upSince) ? this.now() - conn.upSince : 0;
      if (wasUpFor > this.opts.reconnectMaxMs) conn.failuresInARow = 0;
      const delay = backoffDelay({ attempts: 0, baseDelayMs: this.opts.reconnectBaseMs, maxDelayMs: this.opts.reconnectMaxMs }, conn.failuresInARow++, this.random);
      this.opts.log?.('info', `${this.id} connection ${conn.index} (${conn.symbols.length} symbols) lost: ${reason}; reconnecting in ${delay} ms`);
      await sleep(delay, this.closing.signal).catch(() => undefined);
    }
    conn.state = 'closed';
  }

  private onSubscribed(conn: Conn): void {
    conn.state = 'up';
    conn.upSince = this.now();
    if (!Number.isFinite(conn.lastMessageAt)) conn.lastMessageAt = conn.upSince;
    for (const s of conn.symbols) this.request(s);
  }

  /** A lost connection: its books are reset at once, and its client is dropped for good. */
  private lose(conn: Conn, reason: string): void {
    const at = this.now();
    conn.gen++;
    conn.state = 'down';
    conn.lost++;
    conn.lastError = reason;
    conn.upSince = NaN;
    this.counts.lost++;
    this.losses.push(at);
    const client = conn.client;
    conn.client = undefined;
    const ex = this.ex as Exchange & { clients: Record<string, WsClientLike> };
    if (client && ex.clients[conn.url] === client) delete ex.clients[conn.url];
    try {
      client?.connection?.terminate?.();
    } catch {
      // already gone
    }
    for (const s of conn.symbols) {
      const st = this.syncs.get(s)!;
      st.lastU = 0;
      st.want = undefined;
      st.firstDiff?.();
      this.counts.resets++;
      this.queue.push({ type: 'book.reset', at, source: this.id, symbol: s, reason: `connection lost: ${reason}` });
    }
  }

  private checkStalls(): void {
    const now = this.now();
    for (const conn of this.conns) {
      const since = conn.state === 'up' ? conn.lastMessageAt : conn.state === 'connecting' ? conn.startedAt : NaN;
      if (!Number.isFinite(since) || now - since <= this.opts.stallMs) continue;
      const client = conn.client;
      if (!client) continue;
      // CCXT rejects the connection's futures (runConnection then counts the loss) and forgets the client.
      client.onError(new NetworkError(`${this.id} connection ${conn.index} stalled: no message for ${now - since} ms (limit ${this.opts.stallMs} ms)`));
      try {
        client.connection?.terminate?.();
      } catch {
        // already gone
      }
    }
    this.trimLosses(now);
  }

  private trimLosses(now: number): void {
    while (this.losses.length && now - this.losses[0]! > this.opts.lostWindowMs) this.losses.shift();
  }

  health(): ServiceHealth {
    const now = this.now();
    this.trimLosses(now);
    const details = {
      exchange: this.id,
      connections: this.conns.map((c) => ({
        index: c.index, symbols: c.symbols.length, streams: c.streams.length, state: c.state, lost: c.lost,
        lastMessageMsAgo: Number.isFinite(c.lastMessageAt) ? now - c.lastMessageAt : null,
        ...(c.lastError ? { lastError: c.lastError } : {}),
      })),
      lostInWindow: this.losses.length,
      maxLostConnections: this.opts.maxLostConnections,
      lostWindowMs: this.opts.lostWindowMs,
      ...this.counts,
      ...(this.lastGarbage ? { lastGarbage: this.lastGarbage } : {}),
      queued: this.queue.length,
    };
    if (this.losses.length > this.opts.maxLostConnections) {
      return {
        status: 'degraded',
        reason: `${this.id}: ${this.losses.length} websocket connections lost in the last ${Math.round(this.opts.lostWindowMs / 1000)} s (more than the ${this.opts.maxLostConnections} allowed)`,
        details,
      };
    }
    return { status: 'ok', details };
  }

  async close(): Promise<void> {
    if (this.closing.signal.aborted) return;
    this.closing.abort();
    if (this.watchdog) clearInterval(this.watchdog);
    for (const w of this.snapshotWaiters.splice(0)) w();
    for (const c of this.conns) {
      c.state = 'closed';
      try {
        c.client?.connection?.terminate?.();
      } catch {
        // already gone
      }
    }
    this.queue.end();
  }
}

/** Binance spot's raw stream endpoint is what the pool speaks. */
export function isBinanceSpot(ex: Exchange): boolean {
  const ws = (ex.urls['api'] as { ws?: Record<string, unknown> } | undefined)?.ws;
  return (ex.id === 'binance' || ex.id === 'binanceus') && typeof ws?.['spot'] === 'string' && typeof (ex as unknown as { requestId?: unknown }).requestId === 'function';
}
