import { describe, expect, it } from 'vitest';
import { sextant } from '../helpers/cli.js';
import { rawFeed, rawTrades } from '../services/tracker/feed.js';

// Each case is a child process that parses the recorded feed: slow on a loaded machine.
describe('sextant tracker (child process, bundled replay)', { timeout: 180_000 }, () => {
  it('run --source replay --speed max processes the whole feed and prints windows, book state and events', async () => {
    const r = await sextant(['tracker', 'run', '--source', 'replay', '--speed', 'max']);
    expect(r.code, r.stderr).toBe(0);
    const lines = rawFeed('btc').length + rawFeed('eth').length;
    const processed = Number(/processed (\d+) market events/.exec(r.stdout)?.[1]);
    // Every line of the feed is one market event.
    expect(processed).toBe(lines);
    expect(r.stdout).toMatch(/BTC\/USDT: book synced id \d+/);
    expect(r.stdout).toMatch(/ETH\/USDT: book synced id \d+/);
    expect(r.stdout).toMatch(/1m windows closed: \d+/);
    expect(r.stdout).toMatch(/events by key \(\d+\)/);
  });

  it('volume --window 1m --json prints every closed 1m window, equal to a direct sum over the trade messages', async () => {
    const r = await sextant(['tracker', 'volume', 'eth_usdt', '--window', '1m', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const rows = JSON.parse(r.stdout) as { time: string; buyVolume: number; sellVolume: number; trades: number }[];
    expect(rows.length).toBeGreaterThanOrEqual(10);
    expect(Object.keys(rows[0]!)).toEqual(['time', 'buyVolume', 'sellVolume', 'trades']);
    const trades = rawTrades(rawFeed('eth'));
    for (const row of rows) {
      const s = Date.parse(row.time);
      let bv = 0; let sv = 0; let n = 0;
      for (const t of trades) if (t.T >= s && t.T < s + 60_000) { n++; if (t.m) sv += Number(t.q); else bv += Number(t.q); }
      expect([row.buyVolume, row.sellVolume, row.trades]).toEqual([bv, sv, n]);
    }
  });

  it('book --at TIME --depth 20 --json prints the book as it stood then', async () => {
    const r = await sextant(['tracker', 'book', 'BTC/USDT', '--at', '2024-08-09T00:00:00Z', '--depth', '20', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const b = JSON.parse(r.stdout) as { time: string; lastUpdateId: number; bids: [number, number][]; asks: [number, number][] };
    expect(Object.keys(b)).toEqual(['time', 'lastUpdateId', 'bids', 'asks']);
    expect(b.bids).toHaveLength(20);
    expect(b.asks).toHaveLength(20);
    expect(b.bids[0]![0]).toBeLessThan(b.asks[0]![0]);
    for (let i = 1; i < 20; i++) {
      expect(b.bids[i]![0]).toBeLessThan(b.bids[i - 1]![0]);
      expect(b.asks[i]![0]).toBeGreaterThan(b.asks[i - 1]![0]);
    }
    // The last diff received by then: its update id and exchange time.
    const diffs = rawFeed('btc').filter((l) => Number(l.recvNs) / 1e6 <= Date.parse('2024-08-09T00:00:00Z') && (l.msg['data'] as { e?: string } | undefined)?.e === 'depthUpdate');
    const last = diffs[diffs.length - 1]!.msg['data'] as { u: number; E: number };
    expect(b.lastUpdateId).toBe(last.u);
    expect(Date.parse(b.time)).toBe(last.E);
  });

  it.each([
    [['tracker', 'volume', 'BTC/USDT', '--window', '2m'], /--window must be one of/],
    [['tracker', 'run', '--speed', 'fast', '--no-store'], /--speed must be/],
    [['tracker', 'book', 'BTC/USDT', '--at', 'noon-ish'], /--at "noon-ish" is not a time/],
    [['tracker', 'volume', 'DOGE/USDT'], /no recorded trades\/order book for DOGE\/USDT/],
    [['tracker', 'book', 'BTC/USDT', '--at', '2024-08-08T23:54:14Z'], /book was unsynced.*not served/],
  ] as const)('bad input %j: exit != 0 with one line naming the problem (a book before the first snapshot is not served)', async (args, re) => {
    const r = await sextant([...args]);
    expect(r.code, r.stdout).not.toBe(0);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(re);
  });
});
