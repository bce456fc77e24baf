/**
 * The only place that reads the wall clock. Live code gets a LiveClock; replay and
 * backtests get a SimulatedClock that the event loop moves to each event's time, so
 * "now" inside a detector or strategy never runs ahead of the data it has seen.
 */
export interface Clock {
  readonly kind: 'live' | 'simulated';
  now(): number;
  /** Resolves once the clock has advanced by `ms`; resolves early (no throw) when `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export class LiveClock implements Clock {
  readonly kind = 'live';
  now(): number {
    return Date.now();
  }
  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted || ms <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal?.addEventListener('abort', done, { once: true });
    });
  }
}

interface Sleeper {
  wakeAt: number;
  resolve: () => void;
}

/** Time that moves only when told to; sleepers wake when it passes their wake time. */
export class SimulatedClock implements Clock {
  readonly kind = 'simulated';
  private t: number;
  private sleepers: Sleeper[] = [];

  constructor(start = 0) {
    this.t = start;
  }

  now(): number {
    return this.t;
  }

  /** Moves time forward (never back: a late event is handled at the current time). */
  advanceTo(time: number): void {
    if (!(time > this.t)) return;
    this.t = time;
    if (!this.sleepers.length) return;
    const due = this.sleepers.filter((s) => s.wakeAt <= time);
    if (!due.length) return;
    this.sleepers = this.sleepers.filter((s) => s.wakeAt > time);
    for (const s of due) s.resolve();
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted || ms <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const sleeper: Sleeper = { wakeAt: this.t + ms, resolve };
      this.sleepers.push(sleeper);
      signal?.addEventListener('abort', () => {
        this.sleepers = this.sleepers.filter((s) => s !== sleeper);
        resolve();
      }, { once: true });
    });
  }

  /** Sleepers still waiting (a backtest that ends with some is fine; a test can check). */
  get pending(): number {
    return this.sleepers.length;
  }
}
