import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { shared } from './paths.js';

const ETL = 'data/bitcoin-etl/stream_50001_50002';
export const ETL_REQ = `shared:${ETL}` as const;
export const FNG_REQ = 'shared:data/quant-research/fear_greed_index.csv' as const;

interface EtlTx { hash: string; block_number: number; block_timestamp: number; is_coinbase: boolean; inputs: { addresses: string[]; value: number }[]; outputs: { addresses: string[]; value: number }[] }

/** bitcoin-etl's expected parse of mainnet blocks 50001–50002 (real transactions). */
export function etlTransactions(): EtlTx[] {
  return readFileSync(shared(`${ETL}/expected_transactions.json`), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as EtlTx);
}

export function etlFile(name: string): unknown {
  return JSON.parse(readFileSync(shared(`${ETL}/${name}`), 'utf8'));
}

/** A real transaction in Blockchain.com's documented tx shape (values in satoshi, `prev_out` on inputs). */
export function toBlockchainComTx(t: EtlTx, time: number): Record<string, unknown> {
  return {
    hash: t.hash, ver: 1, vin_sz: t.inputs.length, vout_sz: t.outputs.length, time, block_height: t.block_number, relayed_by: '0.0.0.0', tx_index: 0,
    inputs: t.is_coinbase ? [{ sequence: 4294967295, witness: '', script: '04', index: 0 }] : t.inputs.map((i, n) => ({ sequence: 4294967295, witness: '', script: '', index: n, prev_out: { addr: i.addresses[0], value: i.value, spent: true, type: 0, n: 0 } })),
    out: t.outputs.map((o, n) => ({ addr: o.addresses[0], value: o.value, spent: false, type: 0, n, script: '' })),
  };
}

export type StandinMode = 'ok' | 'fail' | 'garbage' | 'hang';

export interface Standins {
  url: string;
  modes: { chain: StandinMode; reddit: StandinMode; fng: StandinMode; llm: StandinMode };
  hits: Record<string, number>;
  redditTexts: string[];
  fngLast: { value: number; classification: string } | null;
  close(): Promise<void>;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<string> {
  let s = '';
  for await (const c of req) s += c;
  return s;
}

/**
 * One local HTTP server standing in for Blockchain.com, Reddit (OAuth + listings),
 * alternative.me and an OpenAI-compatible LLM, each switchable to fail (HTTP 500), answer
 * garbage, or hang. Payload data is real: bitcoin-etl's mainnet transactions, Reddit texts
 * from the bundled sample, the Fear & Greed history from ../shared.
 */
export async function startStandins(): Promise<Standins> {
  const txs = etlTransactions();
  const redditRows = readFileSync('data/sentiment/reddit_2025-10-24_2025-10-28.csv', 'utf8').split('\n').slice(1, 400)
    .map((l) => /^[^,]+,([^,"]{20,200}),/.exec(l)?.[1]).filter((s): s is string => Boolean(s)).slice(0, 40);
  const fng = readFileSync(shared('data/quant-research/fear_greed_index.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
  const s: Standins = {
    url: '',
    modes: { chain: 'ok', reddit: 'ok', fng: 'ok', llm: 'ok' },
    hits: {},
    redditTexts: redditRows,
    fngLast: fng.length ? { value: Number(fng.at(-1)![1]), classification: fng.at(-1)![2]! } : null,
    close: async () => undefined,
  };
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const p = url.pathname;
    const svc = p.startsWith('/chain') ? 'chain' : p.startsWith('/reddit') ? 'reddit' : p.startsWith('/fng') ? 'fng' : p.startsWith('/llm') ? 'llm' : 'none';
    s.hits[svc] = (s.hits[svc] ?? 0) + 1;
    const body = await readBody(req);
    const mode = svc === 'none' ? 'fail' : s.modes[svc];
    if (mode === 'hang') return; // never answers: the client's timeout must end it
    if (mode === 'fail') return send(res, 500, { error: 'stand-in failure' });
    if (mode === 'garbage') return send(res, 200, '<html>maintenance</html>');
    const now = Math.floor(Date.now() / 1000);
    if (p === '/chain/unconfirmed-transactions') return send(res, 200, { txs: txs.filter((t) => t.block_number === 50001).map((t) => toBlockchainComTx(t, now - 60)) });
    if (p === '/chain/latestblock') return send(res, 200, { hash: txs.find((t) => t.block_number === 50002) ? '000000002066d7f9b134c30b5005b7bf5fbfa52f279883f1fde793dcdc964266' : '', time: now - 300, block_index: 50002, height: 50002, txIndexes: [] });
    if (p.startsWith('/chain/rawblock/')) {
      const b = txs.filter((t) => t.block_number === 50002);
      return send(res, 200, { hash: p.split('/').pop(), ver: 1, prev_block: '', mrkl_root: '', time: now - 300, bits: 0, nonce: 0, n_tx: b.length, size: 216, block_index: 50002, main_chain: true, height: 50002, tx: b.map((t) => toBlockchainComTx(t, now - 300)) });
    }
    if (p === '/reddit/api/v1/access_token') {
      if (req.method !== 'POST' || !/^Basic /.test(req.headers.authorization ?? '') || !body.includes('grant_type=client_credentials')) return send(res, 401, { error: 'invalid_grant' });
      return send(res, 200, { access_token: 'standin-token', token_type: 'bearer', expires_in: 86400, scope: '*' });
    }
    const sub = /^\/reddit\/r\/(\w+)\/new$/.exec(p);
    if (sub) {
      if (req.headers.authorization !== 'bearer standin-token') return send(res, 401, { message: 'Unauthorized', error: 401 });
      return send(res, 200, { kind: 'Listing', data: { after: null, dist: redditRows.length, children: redditRows.map((t, i) => ({ kind: 't3', data: { id: `${sub[1]}${i}`, subreddit: sub[1], title: t, selftext: '', created_utc: now - i * 60 } })) } });
    }
    if (p === '/fng/fng/') {
      const limit = Number(url.searchParams.get('limit') ?? '1');
      const rows = (limit === 0 ? fng : fng.slice(-limit)).slice().reverse();
      return send(res, 200, { name: 'Fear and Greed Index', data: rows.map(([d, v, c]) => ({ value: v, value_classification: c, timestamp: String(Date.parse(`${d}T00:00:00Z`) / 1000) })), metadata: { error: null } });
    }
    if (p === '/llm/chat/completions') {
      const content = JSON.stringify({ thesis: 'Stand-in LLM thesis: the numbers say what they say, and nothing more is claimed here.', thesis_fa: 'تحلیل آزمایشی مدل زبانی' });
      return send(res, 200, { id: 'c1', object: 'chat.completion', created: now, model: 'standin', choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }] });
    }
    send(res, 404, { error: `no stand-in for ${p}` });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  s.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  s.close = () => new Promise<void>((r) => {
    server.closeAllConnections();
    server.close(() => r());
  });
  return s;
}
