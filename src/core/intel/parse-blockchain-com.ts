import type { ChainTx } from './chain-types.js';

/**
 * Blockchain.com's Data API shapes (https://www.blockchain.com/explorer/api/blockchain_api):
 * `GET /unconfirmed-transactions?format=json` → {txs: [tx]}, `GET /latestblock` →
 * {hash, time, block_index, height, txIndexes}, `GET /rawblock/<hash>` → {hash, height,
 * time, tx: [tx]}. A tx is {hash, time, block_height?, inputs: [{prev_out: {addr, value}}],
 * out: [{addr, value}]}, values in satoshi, times in epoch seconds.
 */
interface BcOut { addr?: string; value?: number }
interface BcTx { hash: string; time?: number; block_height?: number | null; inputs?: { prev_out?: BcOut | null }[]; out?: BcOut[] }

function num(v: unknown, what: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new Error(`blockchain.com: ${what} is not a number`);
  return v;
}

export function parseBcTx(raw: unknown, blockTime?: number, height?: number): ChainTx {
  const t = raw as BcTx;
  if (!t || typeof t.hash !== 'string' || !Array.isArray(t.out)) throw new Error('blockchain.com: a transaction lacks hash or out');
  const inputs = (t.inputs ?? []).filter((i) => i.prev_out).map((i) => ({ address: i.prev_out!.addr ?? null, value: i.prev_out!.value ?? null }));
  const seconds = blockTime ?? t.time;
  return {
    hash: t.hash,
    time: seconds !== undefined ? num(seconds, 'time') * 1000 : NaN,
    height: height ?? t.block_height ?? null,
    // Blockchain.com lists a coinbase input without prev_out.
    coinbase: (t.inputs ?? []).length > 0 && inputs.length === 0,
    inputs,
    outputs: t.out.map((o, k) => ({ address: o.addr ?? null, value: num(o.value, `out[${k}].value`) })),
  };
}

export function parseUnconfirmed(json: unknown): ChainTx[] {
  const o = json as { txs?: unknown[] };
  if (!o || !Array.isArray(o.txs)) throw new Error('blockchain.com: unconfirmed-transactions answer has no "txs" array');
  return o.txs.map((t) => parseBcTx(t));
}

export interface LatestBlock { hash: string; height: number; time: number }

export function parseLatestBlock(json: unknown): LatestBlock {
  const o = json as { hash?: unknown; height?: unknown; time?: unknown };
  if (!o || typeof o.hash !== 'string') throw new Error('blockchain.com: latestblock answer has no "hash"');
  return { hash: o.hash, height: num(o.height, 'height'), time: num(o.time, 'time') * 1000 };
}

export function parseRawBlock(json: unknown): { hash: string; height: number; time: number; txs: ChainTx[] } {
  const o = json as { hash?: unknown; height?: unknown; time?: unknown; tx?: unknown[] };
  if (!o || typeof o.hash !== 'string' || !Array.isArray(o.tx)) throw new Error('blockchain.com: rawblock answer lacks hash or tx');
  const time = num(o.time, 'time');
  const height = num(o.height, 'height');
  return { hash: o.hash, height, time: time * 1000, txs: o.tx.map((t) => parseBcTx(t, time, height)) };
}
