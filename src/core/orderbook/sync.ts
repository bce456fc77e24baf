import type { BookDiff, BookLevel, BookSnapshot } from '../types.js';
import { L2Book } from './book.js';

/**
 * An order book kept in sync by Binance's documented snapshot + diff procedure
 * (https://developers.binance.com/docs/binance-spot-api-docs/web-socket-streams,
 * "How to manage a local order book correctly"):
 * 1. buffer diffs from the stream; 2. take a REST snapshot; if its lastUpdateId is
 * older than the first buffered diff's U - 1, it cannot be joined: take another;
 * 3. drop buffered diffs with u <= lastUpdateId; 4. load the snapshot; 5. apply diffs in
 * order; a diff whose U > local id + 1 is a gap: the book is discarded and the procedure
 * restarts (a reconnect does the same, through `invalidate`).
 *
 * The book is served only while `state === 'synced'`; otherwise readers get its state and
 * how long it has been out of sync, never levels that may be wrong.
 */
export type BookState = 'unsynced' | 'synced' | 'resyncing';

export type DiffResult = 'applied' | 'buffered' | 'old' | 'gap';
export type SnapshotResult = 'synced' | 'too_old' | 'ignored';

export interface BookView {
  state: BookState;
  /** Last applied exchange sequence id (0 before the first sync). */
  lastUpdateId: number;
  /** Exchange time of the last applied update. */
  time: number;
  /** Since when the book is in its current state (the time given with the event that changed it). */
  since: number;
  bids: BookLevel[];
  asks: BookLevel[];
}

export interface SyncStats {
  applied: number;
  gaps: number;
  resyncs: number;
  staleSnapshots: number;
  dropped: number;
}

export class SyncedBook {
  readonly book = new L2Book();
  state: BookState = 'unsynced';
  since = NaN;
  time = NaN;
  readonly stats: SyncStats = { applied: 0, gaps: 0, resyncs: 0, staleSnapshots: 0, dropped: 0 };
  private buffer: BookDiff[] = [];
  private everSynced = false;

  /** `maxBuffer` bounds memory while waiting for a snapshot; the oldest diffs go first. */
  constructor(private readonly maxBuffer = 5_000) {}

  get lastUpdateId(): number {
    return this.book.nonce;
  }

  /** True while a snapshot is needed to serve the book again. */
  get needsSnapshot(): boolean {
    return this.state !== 'synced';
  }

  onDiff(d: BookDiff, at: number): DiffResult {
    if (this.state !== 'synced') {
      this.buffer.push(d);
      if (this.buffer.length > this.maxBuffer) {
        this.buffer.shift();
        this.stats.dropped++;
      }
      return 'buffered';
    }
    if (d.lastId <= this.book.nonce) return 'old';
    if (d.firstId > this.book.nonce + 1 || (d.prevLastId !== undefined && d.prevLastId !== this.book.nonce)) {
      this.stats.gaps++;
      this.invalidate(at);
      this.buffer.push(d);
      return 'gap';
    }
    this.book.apply(d.bids, d.asks, d.lastId);
    this.time = d.time;
    this.stats.applied++;
    return 'applied';
  }

  onSnapshot(s: BookSnapshot, at: number): SnapshotResult {
    const id = s.nonce;
    if (id === undefined) return 'ignored';
    if (this.state === 'synced') {
      // A fresh snapshot while in sync is only taken if it is ahead of us.
      if (id <= this.book.nonce) return 'ignored';
    }
    // Diffs still needed after this snapshot; the first must reach back to id + 1.
    let i = 0;
    while (i < this.buffer.length && this.buffer[i]!.lastId <= id) i++;
    const rest = this.buffer.slice(i);
    if (rest.length && rest[0]!.firstId > id + 1) {
      this.stats.staleSnapshots++;
      this.buffer = rest;
      return 'too_old';
    }
    this.book.loadSnapshot(s.bids, s.asks, id);
    this.time = s.time;
    this.buffer = [];
    if (this.everSynced) this.stats.resyncs++;
    this.everSynced = true;
    this.setState('synced', at);
    for (const d of rest) {
      if (this.onDiff(d, at) === 'gap') return 'too_old';
    }
    return 'synced';
  }

  /** Discards the book (gap, reconnect, checksum mismatch); diffs are buffered until the next snapshot. */
  invalidate(at: number): void {
    this.book.clear();
    this.buffer = [];
    this.setState(this.state === 'unsynced' ? 'unsynced' : 'resyncing', at);
  }

  private setState(s: BookState, at: number): void {
    if (s !== this.state || Number.isNaN(this.since)) this.since = at;
    this.state = s;
  }

  /** Top `depth` levels, or no levels when out of sync (the state says why). */
  view(depth: number): BookView {
    const ok = this.state === 'synced';
    return {
      state: this.state, lastUpdateId: this.book.nonce, time: this.time, since: this.since,
      bids: ok ? this.book.bids.top(depth) : [], asks: ok ? this.book.asks.top(depth) : [],
    };
  }
}
