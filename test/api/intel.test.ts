import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { requires } from '../helpers/requires.js';
import { ETL_REQ, FNG_REQ, startStandins, type Standins } from '../helpers/intel-standins.js';
import { startServerProcess, type Loose, type ServerProcess } from '../helpers/server-process.js';


const has = await requires(ETL_REQ, FNG_REQ);
const EXCHANGE = '1HaHTfmvoUW6i6nhJf8jJs6tU4cHNmBQHQ';
const PARTS = ['whales', 'exchange_whales', 'orderbook', 'sentiment', 'fear_greed', 'technical'];

type Server = ServerProcess;

/** `sextant serve` as a real process, its sources pointed at the stand-ins. */
const startServer = (s: Standins) => startServerProcess({
  config: {
    auth: { disabled: true },
    llm: { baseUrl: `${s.url}/llm`, model: 'standin', timeoutMs: 1500 },
    intel: {
      mode: 'online',
      timeoutMs: 1500,
      whales: { baseUrl: `${s.url}/chain`, minBtc: 10, exchangeAddresses: { [EXCHANGE]: 'test-exchange' } },
      reddit: { clientId: 'id', clientSecret: 'secret', authUrl: `${s.url}/reddit`, apiUrl: `${s.url}/reddit`, subreddits: ['CryptoCurrency', 'Bitcoin'] },
      fearGreed: { baseUrl: `${s.url}/fng` },
    },
  },
});

const postSignal = async (url: string, body: unknown) => {
  const res = await fetch(`${url}/signal`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, json: (await res.json()) as Loose };
};

describe.runIf(has)('POST /signal on the real server, sources answering (stand-ins for Blockchain.com, Reddit, alternative.me, an LLM)', () => {
  let s: Standins;
  let server: Server;
  const made: string[] = [];
  beforeAll(async () => {
    s = await startStandins();
    server = await startServer(s);
  }, 150_000);
  afterAll(async () => {
    await server?.stop();
    await s?.close();
  });

  it('makes a signal with every part present, each naming its data, and the LLM\'s thesis', async () => {
    const { status, json } = await postSignal(server.url, { symbol: 'BTC/USDT', timeframe: '1d' });
    expect(status).toBe(200);
    made.push(json.id);
    for (const p of PARTS) expect(json.parts[p].status, `${p}: ${json.parts[p].reason}`).toBe('present');
    // The stand-in mempool holds block 50001's three real transactions; both non-coinbase ones pay the configured exchange wallet: 150 BTC in, nothing out.
    expect(json.parts.whales.source).toMatch(/^Blockchain\.com: 3 unconfirmed transactions \+ block 50002/);
    expect(json.parts.whales.windows[0]).toMatchObject({ window: '1h', count: 2, inflow_btc: 150, outflow_btc: 0, accumulation: -100 });
    expect(json.parts.whales.accumulation_score).toBe(-100);
    expect(json.divergence.whale_input).toBe('on-chain exchange net flow');
    expect(json.parts.sentiment.source).toMatch(/^Reddit API: newest posts of r\/CryptoCurrency, r\/Bitcoin$/);
    expect(json.parts.sentiment.texts).toBe(2 * s.redditTexts.length);
    expect(json.parts.fear_greed.value).toBe(s.fngLast!.value);
    expect(json.parts.fear_greed.history_days).toBeGreaterThan(2000);
    expect(json.writer).toBe('llm');
    expect(json.thesis).toMatch(/^Stand-in LLM thesis/);
    expect(['BUY', 'SELL', 'HOLD']).toContain(json.signal);
    expect(json.horizon_hours).toBe(48);
    expect(json.backtest.status).toBe('present');
    expect(json.backtest.fear_greed_source).toMatch(/alternative\.me/);
    if (json.confidence !== null) {
      expect(json.confidence_sample).toBeGreaterThanOrEqual(30);
      expect(json.confidence).toBe(Math.round((100 * json.backtest[json.signal].hits) / json.backtest[json.signal].signals));
    }
  });

  it('keeps the built-in thesis and says why when the LLM answers garbage or not at all', async () => {
    s.modes.llm = 'garbage';
    const a = (await postSignal(server.url, { symbol: 'BTC/USDT', timeframe: '1d' })).json;
    expect(a.writer).toBe('builtin');
    expect(a.writer_note).toMatch(/^LLM failed: .*; built-in text used$/);
    expect(a.thesis).toMatch(/^(BUY|SELL|HOLD) BTC\/USDT \(1d\)/);
    expect(a.thesis_fa).toMatch(/[\u0600-\u06FF]/);
    s.modes.llm = 'hang';
    const b = (await postSignal(server.url, { symbol: 'BTC/USDT', timeframe: '1d' })).json;
    expect(b.writer_note).toBe('LLM timed out after 1500 ms; built-in text used');
    made.push(a.id, b.id);
    s.modes.llm = 'ok';
  });

  it('GET /signals/history lists them newest first; bad input is a 400 naming the field', async () => {
    const res = await fetch(`${server.url}/signals/history?symbol=btc_usdt&limit=2`);
    const json = (await res.json()) as Loose;
    expect(res.status).toBe(200);
    expect(json.count).toBe(2);
    expect(json.signals.map((x: Loose) => x.id)).toEqual(made.slice(-2).reverse());
    expect((await (await fetch(`${server.url}/signals/history?symbol=ETH/USDT`)).json() as Loose).count).toBe(0);
    const bad = await fetch(`${server.url}/signals/history?limit=0`);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as Loose).message).toMatch(/limit/);
    const noSymbol = await postSignal(server.url, {});
    expect(noSymbol.status).toBe(400);
    expect(noSymbol.json.message).toMatch(/symbol/);
    expect((await postSignal(server.url, { symbol: 'BTC/USDT', tf: '4h' })).status).toBe(400);
  });

  it('pushes a new signal on /ws/signals', async () => {
    const ws = new WebSocket(`${server.url.replace('http', 'ws')}/ws/signals`);
    await new Promise((r, j) => (ws.once('open', r), ws.once('error', j)));
    const got = new Promise<Loose>((r) => ws.on('message', (m) => r(JSON.parse(String(m)) as Loose)));
    const { json } = await postSignal(server.url, { symbol: 'ETH/USDT', timeframe: '1d' });
    const pushed = await got;
    ws.close();
    expect(pushed.type).toBe('intel');
    expect(pushed.id).toBe(json.id);
    // On-chain tracking is BTC's; ETH's whale part says so.
    expect(json.parts.whales).toEqual({ status: 'missing', reason: 'on-chain whale tracking covers BTC only (Blockchain.com\'s BTC API), not ETH' });
  });
});

describe.runIf(has)('POST /signal on the real server, sources failing', () => {
  let s: Standins;
  let server: Server;
  beforeAll(async () => {
    s = await startStandins();
    Object.assign(s.modes, { chain: 'fail', reddit: 'garbage', fng: 'hang', llm: 'fail' });
    server = await startServer(s);
  }, 150_000);
  afterAll(async () => {
    await server?.stop();
    await s?.close();
  });

  it('still answers 200: each failed source\'s part is missing with the reason, the rest is computed', async () => {
    const { status, json } = await postSignal(server.url, { symbol: 'BTC/USDT', timeframe: '1d' });
    expect(status).toBe(200);
    expect(json.parts.whales.status).toBe('missing');
    expect(json.parts.whales.reason).toMatch(/^Blockchain\.com unavailable: blockchain\.com: HTTP 500/);
    expect(json.parts.sentiment.reason).toMatch(/^Reddit unavailable: .*non-JSON answer/);
    expect(json.parts.fear_greed.reason).toMatch(/^Fear & Greed unavailable: alternative\.me: timed out after 1500 ms/);
    for (const p of ['exchange_whales', 'orderbook', 'technical']) expect(json.parts[p].status).toBe('present');
    expect(json.divergence.whale_input).toMatch(/^exchange-side whales/);
    // No Fear & Greed history: the backtest names its stand-in.
    expect(json.backtest.fear_greed_source).toMatch(/^RSI\(14\)/);
    expect(json.writer).toBe('builtin');
    expect(json.risk_factors).toEqual(expect.arrayContaining([expect.stringMatching(/^whales missing: /), expect.stringMatching(/^fear_greed missing: /)]));
  });

  it('opens the breaker after repeated failures: calls fail fast and /health says which circuit is open', async () => {
    await postSignal(server.url, { symbol: 'BTC/USDT', timeframe: '1d' });
    const hitsBefore = s.hits['chain'] ?? 0;
    const { json } = await postSignal(server.url, { symbol: 'BTC/USDT', timeframe: '1d' });
    expect(json.parts.whales.reason).toMatch(/circuit open after repeated failures/);
    // An open circuit does not call the source at all.
    expect(s.hits['chain'] ?? 0).toBe(hitsBefore);
    const health = (await (await fetch(`${server.url}/health`)).json()) as Loose;
    expect(health.dependencies.intel.status).toBe('degraded');
    expect(health.dependencies.intel.reason).toMatch(/blockchain\.com open/);
  });
});
