import { describe, expect, it } from 'vitest';
import { toRows } from '../../../../src/core/series.js';
import { paginateCandles, type FetchPage } from '../../../../src/sources/market/ccxt/paginate.js';
import { backoffDelay } from '../../../../src/sources/market/ccxt/retry.js';

const H = 3_600_000;
const ALL = Array.from({ length: 100 }, (_, i) => [i * H, 1, 2, 0.5, 1 + i, 10]);

/** An exchange that returns up to `max` rows from `since`, one row of overlap included (as LBank's second-rounded `time` does). */
function exchange(max: number, calls: (number | undefined)[]): FetchPage {
  return async (since, limit) => {
    calls.push(since);
    const n = Math.min(limit ?? max, max);
    if (since === undefined) return ALL.slice(-n);
    const start = Math.max(0, ALL.findIndex((r) => r[0]! >= since) - 1);
    return start < 0 ? [] : ALL.slice(start, start + n + 1);
  };
}

describe('paginateCandles', () => {
  it('chains pages on the last time seen, drops overlap, stops at until', async () => {
    const calls: (number | undefined)[] = [];
    const c = await paginateCandles(exchange(7, calls), { since: 10 * H, until: 40 * H }, { pageSize: 7, timeframeMs: H, source: 't' });
    expect(toRows(c)).toEqual(ALL.slice(10, 40));
    expect(calls.length).toBeGreaterThanOrEqual(4);
  });

  it('stops when a page brings nothing new', async () => {
    const calls: (number | undefined)[] = [];
    const c = await paginateCandles(exchange(30, calls), { since: 80 * H }, { pageSize: 30, timeframeMs: H, source: 't' });
    expect(toRows(c)).toEqual(ALL.slice(80));
    expect(calls.length).toBeLessThanOrEqual(3);
  });

  it('latest N over several pages is anchored on the newest row', async () => {
    const c = await paginateCandles(exchange(7, []), { limit: 25 }, { pageSize: 7, timeframeMs: H, source: 't' });
    expect(toRows(c)).toEqual(ALL.slice(-25));
  });

  it('rejects rows that are not candles as a bad response', async () => {
    const garbage: FetchPage = async () => [[Number.NaN, 1, 1, 1, 1, 1]];
    await expect(paginateCandles(garbage, { since: 0 }, { pageSize: 5, timeframeMs: H, source: 't' })).rejects.toMatchObject({ kind: 'bad_response' });
  });
});

describe('backoffDelay', () => {
  it('grows exponentially under the cap, with full jitter', () => {
    const p = { attempts: 5, baseDelayMs: 100, maxDelayMs: 1000 };
    expect([0, 1, 2, 3, 4].map((r) => backoffDelay(p, r, () => 0.999999))).toEqual([99, 199, 399, 799, 999]);
    expect(backoffDelay(p, 3, () => 0)).toBe(0);
  });
});
