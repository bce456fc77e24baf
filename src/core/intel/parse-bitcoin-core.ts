import { type ChainTx, SATS_PER_BTC } from './chain-types.js';

/**
 * Bitcoin Core JSON-RPC `getblock <hash> 2` and `getrawtransaction <txid> true` results.
 * Core does not put the spent value on an input; pass the transactions it spends
 * (`prevTxs`, by txid) to fill them, else input values are null.
 */
interface CoreVout { value: number; n: number; scriptPubKey?: { address?: string; addresses?: string[] } }
interface CoreVin { coinbase?: string; txid?: string; vout?: number }
interface CoreTx { txid: string; time?: number; blocktime?: number; vin: CoreVin[]; vout: CoreVout[] }
interface CoreBlock { hash: string; height: number; time: number; tx: (CoreTx | string)[] }

/** RPC answers come as {result, error, id}; bare results are accepted too. */
function unwrap<T>(json: unknown): T {
  const o = json as { result?: unknown; error?: { message?: string } | null };
  if (o && typeof o === 'object' && 'result' in o) {
    if (o.error) throw new Error(`bitcoin core RPC error: ${o.error.message ?? JSON.stringify(o.error)}`);
    return o.result as T;
  }
  return json as T;
}

/** BTC amounts as JSON numbers (8 decimals) to exact satoshi. */
export function btcToSats(btc: number): number {
  return Math.round(btc * SATS_PER_BTC);
}

function addressOf(v: CoreVout): string | null {
  return v.scriptPubKey?.address ?? v.scriptPubKey?.addresses?.[0] ?? null;
}

export function parseCoreTx(json: unknown, ctx: { time?: number; height?: number | null; prevTxs?: ReadonlyMap<string, unknown> } = {}): ChainTx {
  const tx = unwrap<CoreTx>(json);
  if (!tx || typeof tx.txid !== 'string' || !Array.isArray(tx.vin) || !Array.isArray(tx.vout)) throw new Error('not a Bitcoin Core transaction (txid, vin, vout)');
  const coinbase = tx.vin.some((v) => v.coinbase !== undefined);
  const inputs = coinbase ? [] : tx.vin.map((v) => {
    const prev = v.txid ? ctx.prevTxs?.get(v.txid) : undefined;
    if (!prev || v.vout === undefined) return { address: null, value: null };
    const out = unwrap<CoreTx>(prev).vout.find((o) => o.n === v.vout);
    return out ? { address: addressOf(out), value: btcToSats(out.value) } : { address: null, value: null };
  });
  const seconds = ctx.time ?? tx.blocktime ?? tx.time;
  return {
    hash: tx.txid,
    time: seconds !== undefined ? seconds * 1000 : NaN,
    height: ctx.height ?? null,
    coinbase,
    inputs,
    outputs: tx.vout.map((o) => ({ address: addressOf(o), value: btcToSats(o.value) })),
  };
}

export function parseCoreBlock(json: unknown, prevTxs?: ReadonlyMap<string, unknown>): { hash: string; height: number; time: number; txs: ChainTx[] } {
  const b = unwrap<CoreBlock>(json);
  if (!b || typeof b.hash !== 'string' || !Array.isArray(b.tx)) throw new Error('not a Bitcoin Core block (hash, tx)');
  const txs = b.tx.filter((t): t is CoreTx => typeof t === 'object').map((t) => parseCoreTx(t, { time: b.time, height: b.height, ...(prevTxs ? { prevTxs } : {}) }));
  return { hash: b.hash, height: b.height, time: b.time * 1000, txs };
}
