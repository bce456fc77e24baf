import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EventLoop, LiveClock, SimulatedClock, SubscriberError, type Clock } from '../../src/kernel/index.js';
import { asPair, type MarketEvent } from '../../src/core/types.js';
import { feedToMarketEvents, parseBinanceFeed } from '../../src/sources/market/replay/feed.js';

const FEED = join(import.meta.dirname, '..', '..', 'data', 'binance-feed');
const btc = parseBinanceFeed([join(FEED, 'btcusdt_20240808.gz')], asPair('BTC/USDT'));
const eth = parseBinanceFeed([join(FEED, 'ethusdt_20240808.gz')], asPair('ETH/USDT'));

/** A wall clock whose sleeps pass instantly and are added up: pacing without waiting. */
class InstantWall implements Clock {
  readonly kind = 'live';
  t = 1_000_000;
  slept = 0;
  now() {
    return this.t;
  }
  async sleep(ms: number) {
    this.t += ms;
    this.slept += ms;
  }
}

describe('EventLoop on the recorded Binance feed', () => {
  it('merges two pairs in time order and holds the simulated clock at each event', async () => {
    const clock = new SimulatedClock();
    const loop = new EventLoop(clock);
    loop.addFeed('btc', feedToMarketEvents(btc, asPair('BTC/USDT')));
    loop.addFeed('eth', feedToMarketEvents(eth, asPair('ETH/USDT')));
    const seen: MarketEvent[] = [];
    let clockLag = 0;
    loop.subscribe('probe', (ev) => {
      seen.push(ev);
      if (clock.now() !== ev.at) clockLag++;
    });
    const stats = await loop.run({ wall: new InstantWall() });
    expect(stats.events).toBe(btc.length + eth.length);
    expect(seen.length).toBe(btc.length + eth.length);
    expect(clockLag).toBe(0);
    for (let i = 1; i < seen.length; i++) expect(seen[i]!.at >= seen[i - 1]!.at).toBe(true);
    const pairs = new Set<string>(seen.map((e) => (e.type === 'trade' ? e.trade.symbol : e.type === 'book.diff' ? e.diff.symbol : '')));
    expect(pairs.has('BTC/USDT') && pairs.has('ETH/USDT')).toBe(true);
    expect(stats.first).toBe(seen[0]!.at);
    expect(stats.last).toBe(seen[seen.length - 1]!.at);
  });

  it('delivers only the event types a subscriber asked for', async () => {
    const loop = new EventLoop(new SimulatedClock());
    loop.addFeed('btc', feedToMarketEvents(btc, asPair('BTC/USDT')));
    const types = new Set<string>();
    let trades = 0;
    loop.subscribe('trades', (ev) => {
      types.add(ev.type);
      trades++;
    }, ['trade']);
    await loop.run({ wall: new InstantWall() });
    expect([...types]).toEqual(['trade']);
    expect(trades).toBe(btc.filter((e) => e.type === 'trade').length);
  });

  it('paces a replay at N times the recorded speed', async () => {
    const loop = new EventLoop(new SimulatedClock());
    const events = [...feedToMarketEvents(btc, asPair('BTC/USDT'))].slice(0, 5000);
    loop.addFeed('btc', events);
    const wall = new InstantWall();
    await loop.run({ wall, speed: 10 });
    const span = events[events.length - 1]!.at - events[0]!.at;
    expect(span).toBeGreaterThan(1000);
    // Each wait is skipped when under 1 ms, so the total is within one ms per event of span/10.
    expect(wall.slept).toBeLessThanOrEqual(span / 10 + 1);
    expect(wall.slept).toBeGreaterThan(span / 10 - events.length);
  });

  it('detector outputs reach output handlers by topic, with the clock at the event', async () => {
    const clock = new SimulatedClock();
    const loop = new EventLoop(clock);
    loop.addFeed('btc', feedToMarketEvents(btc, asPair('BTC/USDT')));
    loop.addDetector({
      name: 'big-trades',
      wants: ['trade'],
      onEvent(ev, ctx) {
        if (ev.type === 'trade' && ev.trade.amount * ev.trade.price > 20_000) ctx.emit({ topic: 'big', at: ctx.clock.now(), payload: ev.trade });
      },
    });
    const outs: number[] = [];
    loop.onOutput('big', (o) => outs.push(o.at));
    const stats = await loop.run({ wall: new InstantWall() });
    const expected = btc.filter((e) => e.type === 'trade' && e.trade.amount * e.trade.price > 20_000).map((e) => e.recvMs);
    expect(expected.length).toBeGreaterThan(0);
    expect(outs).toEqual(expected);
    expect(stats.outputs).toBe(expected.length);
  });

  it('a throwing subscriber stops the run with its name and the event time', async () => {
    const loop = new EventLoop(new SimulatedClock());
    loop.addFeed('btc', feedToMarketEvents(btc, asPair('BTC/USDT')));
    let n = 0;
    loop.subscribe('fragile', () => {
      if (++n === 100) throw new Error('boom');
    });
    const err = await loop.run({ wall: new InstantWall() }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SubscriberError);
    expect((err as Error).message).toMatch(/^fragile failed at 2024-08-08T\d\d:\d\d:\d\d\.\d+Z: boom$/);
  });

  it('with onError set, reports and goes on', async () => {
    const loop = new EventLoop(new SimulatedClock());
    const events = [...feedToMarketEvents(btc, asPair('BTC/USDT'))].slice(0, 1000);
    loop.addFeed('btc', events);
    const errors: string[] = [];
    loop.subscribe('odd', (ev) => {
      if (ev.type === 'trade') throw new Error('no trades please');
    });
    const stats = await loop.run({ wall: new InstantWall(), onError: (e, _ev, where) => errors.push(`${where}: ${e.message}`) });
    expect(stats.events).toBe(1000);
    expect(errors.length).toBe(events.filter((e) => e.type === 'trade').length);
  });

  it('stops when aborted', async () => {
    const loop = new EventLoop(new SimulatedClock());
    loop.addFeed('btc', feedToMarketEvents(btc, asPair('BTC/USDT')));
    const ac = new AbortController();
    let n = 0;
    loop.subscribe('stopper', () => {
      if (++n === 500) ac.abort();
    });
    const stats = await loop.run({ wall: new InstantWall(), signal: ac.signal });
    expect(stats.aborted).toBe(true);
    expect(stats.events).toBe(500);
  });

  it('live mode delivers events from async feeds one at a time', async () => {
    const loop = new EventLoop(new LiveClock());
    async function* slice(from: number, n: number) {
      for (const e of [...feedToMarketEvents(btc, asPair('BTC/USDT'))].slice(from, from + n)) {
        await Promise.resolve();
        yield e;
      }
    }
    loop.addFeed('a', slice(0, 200)).addFeed('b', slice(200, 200));
    let inFlight = 0;
    let maxInFlight = 0;
    loop.subscribe('async', async () => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise((r) => setImmediate(r));
      inFlight--;
    });
    const stats = await loop.run();
    expect(stats.events).toBe(400);
    expect(maxInFlight).toBe(1);
  });
});

describe('SimulatedClock', () => {
  it('wakes sleepers when time passes them and never moves back', async () => {
    const c = new SimulatedClock(1000);
    const woke: number[] = [];
    void c.sleep(500).then(() => woke.push(c.now()));
    void c.sleep(100).then(() => woke.push(c.now()));
    c.advanceTo(1200);
    await Promise.resolve();
    expect(woke).toEqual([1200]);
    c.advanceTo(900);
    expect(c.now()).toBe(1200);
    c.advanceTo(1600);
    await Promise.resolve();
    expect(woke).toEqual([1200, 1600]);
    expect(c.pending).toBe(0);
  });
});
