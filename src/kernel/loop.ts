import { SextantError } from '../errors.js';
import type { MarketEvent, MarketEventType } from '../core/types.js';
import { type Clock, LiveClock, SimulatedClock } from './clock.js';
import type { Detector, KernelContext, KernelOutput } from './ports.js';

/** A time-ordered stream of events: a recorded file, a replayed history, a live socket. */
export type EventFeed = Iterable<MarketEvent> | AsyncIterable<MarketEvent>;

export type EventHandler = (ev: MarketEvent) => void | Promise<void>;
export type OutputHandler = (out: KernelOutput) => void;

export interface RunOptions {
  signal?: AbortSignal;
  /** Replay pacing: 1 = as recorded, N = N times faster, Infinity (default) = as fast as possible. */
  speed?: number;
  /** Wall clock for pacing and yielding; tests may pass another. */
  wall?: Clock;
  /**
   * At full speed, hand the host event loop back after this much busy time (ms) so an
   * HTTP server in the same process keeps answering while a long replay runs.
   */
  yieldEveryMs?: number;
  /** A handler or detector that throws: stop the run (default) or report and go on (live trackers). */
  onError?: 'stop' | ((err: Error, ev: MarketEvent, where: string) => void);
}

export interface RunStats {
  events: number;
  outputs: number;
  /** `at` of the first and last delivered event (NaN when none). */
  first: number;
  last: number;
  aborted: boolean;
}

interface Subscription {
  name: string;
  types: ReadonlySet<MarketEventType> | null;
  handle: EventHandler;
}

/**
 * Error raised when a subscriber fails: names it and the event time. It keeps the code of
 * a SextantError cause (a detector that hit a dependency outage stays `unavailable`);
 * anything else a subscriber throws is a bug in it, `internal`.
 */
export class SubscriberError extends SextantError {
  constructor(readonly subscriber: string, readonly at: number, cause: Error) {
    super(
      cause instanceof SextantError ? cause.code : 'internal',
      `${subscriber} failed at ${Number.isFinite(at) ? new Date(at).toISOString() : at}: ${cause.message}`,
      { cause },
    );
    this.name = 'SubscriberError';
  }
}

const isThenable = (x: unknown): x is Promise<void> => !!x && typeof (x as { then?: unknown }).then === 'function';

/**
 * The kernel: delivers market events from any number of feeds to subscribers in time
 * order. With a SimulatedClock (replay, backtest) feeds are merged by `at` and the clock
 * is moved to each event before delivery; with a LiveClock events are delivered as they
 * arrive. Detectors and strategies cannot tell the difference, which is the point.
 */
export class EventLoop {
  private readonly feeds: { name: string; feed: EventFeed }[] = [];
  private readonly subs: Subscription[] = [];
  private readonly outputHandlers = new Map<string, OutputHandler[]>();
  private outputs = 0;
  readonly ctx: KernelContext;

  constructor(readonly clock: Clock) {
    this.ctx = { clock, emit: (out) => this.emit(out) };
  }

  addFeed(name: string, feed: EventFeed): this {
    this.feeds.push({ name, feed });
    return this;
  }

  /** Plain subscriber (persistence, websocket hub, metrics). Returns an unsubscribe function. */
  subscribe(name: string, handle: EventHandler, types?: readonly MarketEventType[]): () => void {
    const sub: Subscription = { name, handle, types: types ? new Set(types) : null };
    this.subs.push(sub);
    return () => {
      const i = this.subs.indexOf(sub);
      if (i >= 0) this.subs.splice(i, 1);
    };
  }

  addDetector(d: Detector): () => void {
    return this.subscribe(d.name, (ev) => d.onEvent(ev, this.ctx), d.wants);
  }

  /** Outputs of detectors/strategies by topic ('*' = all). Handlers are synchronous: buffer if you write. */
  onOutput(topic: string, handler: OutputHandler): () => void {
    const list = this.outputHandlers.get(topic) ?? [];
    list.push(handler);
    this.outputHandlers.set(topic, list);
    return () => {
      const l = this.outputHandlers.get(topic);
      if (l) l.splice(l.indexOf(handler), 1);
    };
  }

  emit(out: KernelOutput): void {
    this.outputs++;
    for (const h of this.outputHandlers.get(out.topic) ?? []) h(out);
    for (const h of this.outputHandlers.get('*') ?? []) h(out);
  }

  run(opts: RunOptions = {}): Promise<RunStats> {
    return this.clock instanceof SimulatedClock ? this.runMerged(this.clock, opts) : this.runLive(opts);
  }

  /** Delivers one event to every interested subscriber; awaits only subscribers that return a promise. */
  private deliver(ev: MarketEvent, onError: RunOptions['onError']): void | Promise<void> {
    let pending: Promise<void>[] | undefined;
    for (const s of this.subs) {
      if (s.types && !s.types.has(ev.type)) continue;
      try {
        const r = s.handle(ev);
        if (isThenable(r)) (pending ??= []).push(r.catch((e: unknown) => this.fail(e, ev, s.name, onError)));
      } catch (e) {
        this.fail(e, ev, s.name, onError);
      }
    }
    if (pending) return Promise.all(pending).then(() => undefined);
  }

  private fail(e: unknown, ev: MarketEvent, where: string, onError: RunOptions['onError']): void {
    const err = e instanceof Error ? e : new Error(String(e));
    if (typeof onError === 'function') onError(err, ev, where);
    else throw err instanceof SubscriberError ? err : new SubscriberError(where, ev.at, err);
  }

  /**
   * Replay/backtest: k-way merge of time-ordered feeds. k is small (a few feeds, each
   * possibly multiplexing many pairs), so the heads are scanned linearly; ties go to the
   * feed added first, which keeps runs deterministic.
   */
  private async runMerged(clock: SimulatedClock, opts: RunOptions): Promise<RunStats> {
    const wall = opts.wall ?? new LiveClock();
    const speed = opts.speed ?? Infinity;
    const yieldEvery = opts.yieldEveryMs ?? 20;
    const stats: RunStats = { events: 0, outputs: 0, first: NaN, last: NaN, aborted: false };
    const outputsBefore = this.outputs;
    const iters = this.feeds.map(({ feed }) =>
      Symbol.asyncIterator in feed ? (feed as AsyncIterable<MarketEvent>)[Symbol.asyncIterator]() : (feed as Iterable<MarketEvent>)[Symbol.iterator](),
    );
    const heads: (MarketEvent | undefined)[] = [];
    const pull = async (i: number): Promise<void> => {
      const r = iters[i]!.next();
      const res = isThenable(r) ? await (r as Promise<IteratorResult<MarketEvent>>) : (r as IteratorResult<MarketEvent>);
      heads[i] = res.done ? undefined : res.value;
    };
    for (let i = 0; i < iters.length; i++) await pull(i);
    let sliceStart = wall.now();
    let simStart = NaN;
    let wallStart = NaN;
    try {
      for (;;) {
        if (opts.signal?.aborted) {
          stats.aborted = true;
          break;
        }
        let best = -1;
        for (let i = 0; i < heads.length; i++) {
          const h = heads[i];
          if (h !== undefined && (best < 0 || h.at < heads[best]!.at)) best = i;
        }
        if (best < 0) break;
        const ev = heads[best]!;
        if (Number.isFinite(speed)) {
          if (Number.isNaN(simStart)) {
            simStart = ev.at;
            wallStart = wall.now();
          }
          const due = wallStart + (ev.at - simStart) / speed;
          const wait = due - wall.now();
          if (wait > 1) await wall.sleep(wait, opts.signal);
        } else if (wall.now() - sliceStart >= yieldEvery) {
          await new Promise<void>((r) => setImmediate(r));
          sliceStart = wall.now();
        }
        clock.advanceTo(ev.at);
        const r = this.deliver(ev, opts.onError);
        if (r) await r;
        if (stats.events === 0) stats.first = ev.at;
        stats.events++;
        stats.last = ev.at;
        await pull(best);
      }
    } finally {
      await Promise.all(iters.map((it) => it.return?.()));
    }
    stats.outputs = this.outputs - outputsBefore;
    return stats;
  }

  /** Live: every feed is read concurrently; events are delivered one at a time as they arrive. */
  private async runLive(opts: RunOptions): Promise<RunStats> {
    const stats: RunStats = { events: 0, outputs: 0, first: NaN, last: NaN, aborted: false };
    const outputsBefore = this.outputs;
    let chain: Promise<void> = Promise.resolve();
    let failure: unknown;
    const consume = async (feed: EventFeed): Promise<void> => {
      for await (const ev of feed as AsyncIterable<MarketEvent>) {
        if (opts.signal?.aborted || failure) return;
        // Serialise delivery: subscribers never see two events at once.
        chain = chain.then(async () => {
          if (failure) return;
          try {
            const r = this.deliver(ev, opts.onError);
            if (r) await r;
            if (stats.events === 0) stats.first = ev.at;
            stats.events++;
            stats.last = ev.at;
          } catch (e) {
            failure = e;
          }
        });
        await chain;
      }
    };
    await Promise.all(this.feeds.map(({ feed }) => consume(feed)));
    await chain;
    if (failure) throw failure;
    stats.aborted = !!opts.signal?.aborted;
    stats.outputs = this.outputs - outputsBefore;
    return stats;
  }
}
