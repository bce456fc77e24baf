import { describe, expect, it } from 'vitest';
import { asPair, type BookDiff, type BookLevel, type BookSnapshot } from '../../../src/core/types.js';
import { SyncedBook } from '../../../src/core/orderbook/sync.js';
import { rawFeed, type RawLine } from '../../services/tracker/feed.js';

const lv = (rows: [string, string][]): BookLevel[] => rows.map(([p, q]) => [Number(p), Number(q)]);
const ms = (l: RawLine) => Number(l.recvNs) / 1e6;

interface Rec { at: number; snap?: BookSnapshot; diff?: BookDiff; top?: { u: number; b: number; B: number; a: number; A: number } }

function records(base: 'btc' | 'eth'): Rec[] {
  const symbol = asPair(`${base.toUpperCase()}/USDT`);
  return rawFeed(base).flatMap((l): Rec[] => {
    const m = l.msg as { lastUpdateId?: number; bids?: [string, string][]; asks?: [string, string][]; stream?: string; data?: Record<string, unknown> };
    if (m.lastUpdateId !== undefined) return [{ at: ms(l), snap: { symbol, time: ms(l), bids: lv(m.bids!), asks: lv(m.asks!), nonce: m.lastUpdateId } }];
    const d = m.data as { e?: string; E: number; U: number; u: number; b: [string, string][]; a: [string, string][]; B: string; A: string };
    if (d.e === 'depthUpdate') return [{ at: ms(l), diff: { symbol, time: d.E, firstId: d.U, lastId: d.u, bids: lv(d.b), asks: lv(d.a) } }];
    if (m.stream!.endsWith('@bookTicker')) return [{ at: ms(l), top: { u: d.u, b: Number(d.b), B: Number(d.B), a: Number(d.a), A: Number(d.A) } }];
    return [];
  });
}

/** Replays the records into a book; `hook` sees every record after it was handled. */
function replay(recs: Rec[], book: SyncedBook, hook?: (r: Rec, i: number) => void): void {
  recs.forEach((r, i) => {
    if (r.snap) book.onSnapshot(r.snap, r.at);
    else if (r.diff) book.onDiff(r.diff, r.at);
    hook?.(r, i);
  });
}

describe('SyncedBook: Binance snapshot + diff rules on the bundled feed', () => {
  for (const base of ['btc', 'eth'] as const) {
    const recs = records(base);

    it(`${base}: whenever a bookTicker's update id equals the last id of an applied diff, best bid/ask and sizes equal the bookTicker's`, () => {
      const tops = new Map<number, NonNullable<Rec['top']>>();
      for (const r of recs) if (r.top) tops.set(r.top.u, r.top);
      const book = new SyncedBook();
      let compared = 0;
      replay(recs, book, (r) => {
        if (!r.diff || book.state !== 'synced' || book.lastUpdateId !== r.diff.lastId) return;
        const t = tops.get(r.diff.lastId);
        if (!t) return;
        const b = book.book;
        expect([b.bids.priceAt(0), b.bids.sizeAt(0), b.asks.priceAt(0), b.asks.sizeAt(0)]).toEqual([t.b, t.B, t.a, t.A]);
        compared++;
      });
      expect(compared).toBeGreaterThan(1000);
      expect(book.stats.gaps).toBe(0);
      expect(book.state).toBe('synced');
    });

    it(`${base}: a forced sequence gap discards the book, nothing is served until a fresh snapshot, then it equals an undisturbed book`, () => {
      const diffIdx = recs.flatMap((r, i) => (r.diff ? [i] : []));
      const drop = diffIdx[Math.floor(diffIdx.length / 3)]!;
      // The gap shows at the next diff: from there until the fresh snapshot the book is out.
      const seen = diffIdx[Math.floor(diffIdx.length / 3) + 1]!;
      const resnap = diffIdx[Math.floor(diffIdx.length / 2)]!;
      const clean = new SyncedBook();
      const hurt = new SyncedBook();
      let servedWhileOut = 0;
      let outOfSync = 0;
      replay(recs, clean, (r, i) => {
        if (i !== drop) {
          if (r.snap) hurt.onSnapshot(r.snap, r.at);
          else if (r.diff) hurt.onDiff(r.diff, r.at);
        }
        if (i === resnap) {
          // The fresh REST snapshot the resync asks for, as the exchange would serve it now.
          const v = clean.view(1e9);
          expect(hurt.onSnapshot({ symbol: r.diff!.symbol, time: r.at, bids: v.bids, asks: v.asks, nonce: v.lastUpdateId }, r.at)).toBe('synced');
        }
        if (i >= seen && i < resnap) {
          if (hurt.state !== 'synced') outOfSync++;
          const v = hurt.view(20);
          if (v.bids.length || v.asks.length) servedWhileOut++;
        }
      });
      expect(hurt.stats.gaps).toBe(1);
      expect(hurt.stats.resyncs).toBe(1);
      expect(outOfSync).toBe(resnap - seen);
      expect(servedWhileOut).toBe(0);
      expect(hurt.state).toBe('synced');
      expect(hurt.view(50)).toEqual({ ...clean.view(50), since: hurt.since });
    });
  }

  it('a snapshot older than the first buffered diff is refused (too_old) and the book waits for another', () => {
    const s = asPair('BTC/USDT');
    const b = new SyncedBook();
    b.onDiff({ symbol: s, time: 1, firstId: 101, lastId: 110, bids: [[10, 1]], asks: [[11, 1]] }, 1);
    expect(b.onSnapshot({ symbol: s, time: 2, bids: [[9, 1]], asks: [[12, 1]], nonce: 90 }, 2)).toBe('too_old');
    expect(b.view(5).bids).toEqual([]);
    expect(b.onSnapshot({ symbol: s, time: 3, bids: [[9, 1]], asks: [[12, 1]], nonce: 105 }, 3)).toBe('synced');
    expect(b.lastUpdateId).toBe(110);
    expect(b.view(5)).toMatchObject({ state: 'synced', bids: [[10, 1], [9, 1]], asks: [[11, 1], [12, 1]] });
  });
});
