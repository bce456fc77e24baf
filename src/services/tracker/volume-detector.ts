import type { MarketEvent, Pair } from '../../core/types.js';
import { buyShare, VolumeWindows, WINDOW_MINUTES, type ClosedWindow } from '../../core/volume/windows.js';
import { formatKey } from '../../kernel/keys.js';
import type { Detector, KernelContext } from '../../kernel/ports.js';
import { TOPIC, type TrackerEvent, type WindowRow } from './types.js';

/**
 * Volume windows per symbol and the events read off closed windows:
 * - volume spike: a closed window's volume ≥ `spikePct` % of its benchmark. The benchmark
 *   is the daily one (`benchmark(symbol, minutes)`: the symbol's mean volume for that
 *   window length over the last N days) when known, else the mean of the previous
 *   `runBench` complete windows of the same length in this run (no event before that).
 * - volatility: a closed window's high − low ≥ `moveBps[w]` basis points of its open.
 * Windows close on trade time; book diffs (exchange time, less `closeGraceMs` so a trade
 * still in flight on the other stream is not shut out) close windows of quiet symbols.
 */
export interface VolumeDetectorOptions {
  windows: readonly number[];
  spikePct: number;
  runBench: number;
  moveBps: Readonly<Record<number, number>>;
  closeGraceMs: number;
  /** Daily benchmark: mean base volume of `minutes`-long windows over the last N days; undefined when unknown. */
  benchmark?: (symbol: Pair, minutes: number) => { volume: number; days: number } | undefined;
}

export const DEFAULT_VOLUME_OPTIONS: VolumeDetectorOptions = {
  windows: WINDOW_MINUTES,
  spikePct: 300,
  runBench: 5,
  moveBps: { 1: 30, 5: 70, 15: 120, 30: 170, 60: 240 },
  closeGraceMs: 1000,
};

interface SymbolState {
  windows: VolumeWindows;
  /** Last `runBench` complete window volumes per length (ring). */
  history: number[][];
}

export class VolumeDetector implements Detector {
  readonly name = 'tracker.volume';
  readonly wants = ['trade', 'book.diff'] as const;
  private readonly state = new Map<Pair, SymbolState>();
  readonly opts: VolumeDetectorOptions;

  constructor(opts: Partial<VolumeDetectorOptions> = {}) {
    this.opts = { ...DEFAULT_VOLUME_OPTIONS, ...opts };
  }

  private get(symbol: Pair): SymbolState {
    let s = this.state.get(symbol);
    if (!s) {
      s = { windows: new VolumeWindows(this.opts.windows), history: this.opts.windows.map(() => []) };
      this.state.set(symbol, s);
    }
    return s;
  }

  onEvent(ev: MarketEvent, ctx: KernelContext): void {
    if (ev.type === 'trade') {
      const t = ev.trade;
      const s = this.get(t.symbol);
      s.windows.add(t.time, t.price, t.amount, t.side === 'buy', (w) => this.closed(t.symbol, s, w, ctx));
    } else if (ev.type === 'book.diff') {
      const s = this.state.get(ev.diff.symbol);
      if (s) s.windows.advance(ev.diff.time - this.opts.closeGraceMs, (w) => this.closed(ev.diff.symbol, s, w, ctx));
    }
  }

  private closed(symbol: Pair, s: SymbolState, w: ClosedWindow, ctx: KernelContext): void {
    const row: WindowRow = { symbol, ...w };
    const at = ctx.clock.now();
    ctx.emit({ topic: TOPIC.window, at, payload: row });
    const vol = w.buyVolume + w.sellVolume;
    const i = this.opts.windows.indexOf(w.window);
    const hist = s.history[i]!;
    const daily = this.opts.benchmark?.(symbol, w.window);
    let bench = NaN;
    let benchName = '';
    if (daily && daily.volume > 0) {
      bench = daily.volume;
      benchName = `d${daily.days}`;
    } else if (hist.length >= this.opts.runBench) {
      bench = hist.reduce((a, b) => a + b, 0) / hist.length;
      benchName = `run${this.opts.runBench}`;
    }
    if (w.complete) {
      hist.push(vol);
      if (hist.length > this.opts.runBench) hist.shift();
    }
    const rel = (vol / bench) * 100;
    if (bench > 0 && rel >= this.opts.spikePct) {
      const share = buyShare(w);
      const side = share >= 0.6 ? 'buy' : share <= 0.4 ? 'sell' : 'mixed';
      this.fire(ctx, {
        key: formatKey([[`vol_${w.window}m`, this.opts.spikePct], ['bench', benchName], ['side', side]]),
        kind: 'volume_spike', symbol, at, time: w.end, value: rel,
        detail: { window: w.window, start: w.start, volume: vol, benchmark: bench, buyShare: share, trades: w.buyTrades + w.sellTrades },
      });
    }
    const move = this.opts.moveBps[w.window];
    if (move !== undefined && w.open > 0) {
      const bps = ((w.high - w.low) / w.open) * 1e4;
      if (bps >= move) {
        this.fire(ctx, {
          key: formatKey([[`move_${w.window}m`, move]]),
          kind: 'volatility', symbol, at, time: w.end, value: bps,
          detail: { window: w.window, start: w.start, open: w.open, high: w.high, low: w.low, close: w.close },
        });
      }
    }
  }

  private fire(ctx: KernelContext, e: TrackerEvent): void {
    ctx.emit({ topic: TOPIC.event, at: e.at, payload: e });
  }

  symbols(): Pair[] {
    return [...this.state.keys()];
  }

  /** Rolling figures (last W minutes up to the latest trade) per window length. */
  rolling(symbol: Pair): { window: number; buyVolume: number; sellVolume: number; trades: number; buyShare: number }[] {
    const s = this.state.get(symbol);
    if (!s) return [];
    return this.opts.windows.map((w, i) => {
      const r = s.windows.rolling(i);
      return { window: w, buyVolume: r.buyVolume, sellVolume: r.sellVolume, trades: r.buyTrades + r.sellTrades, buyShare: buyShare(r) };
    });
  }

  /** Quote volume and buy share of the longest rolling window (for standings). */
  rollingQuote(symbol: Pair): { quote: number; buyShare: number } {
    const s = this.state.get(symbol);
    if (!s) return { quote: 0, buyShare: NaN };
    const r = s.windows.rolling(this.opts.windows.length - 1);
    return { quote: r.buyQuote + r.sellQuote, buyShare: buyShare(r) };
  }

  lateTrades(symbol: Pair): number {
    return this.state.get(symbol)?.windows.late ?? 0;
  }
}
