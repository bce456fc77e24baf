import type { ChainTx } from '../../core/intel/chain-types.js';
import { flowWindows, whaleTxs } from '../../core/intel/whales.js';
import type { BlockchainComClient } from '../../sources/onchain/blockchain-com.js';
import { missing, type Part, type WhalePart } from './types.js';

const WINDOWS: [string, number][] = [['1h', 3_600_000], ['24h', 86_400_000]];

/**
 * Large on-chain BTC moves from Blockchain.com: the mempool plus the latest block. Each
 * request that fails leaves its half out; both failing marks the part missing.
 */
export async function onchainPart(base: string, client: BlockchainComClient | undefined, exchanges: ReadonlyMap<string, string>, minBtc: number, now: number, offlineReason: string): Promise<Part<WhalePart>> {
  if (base !== 'BTC') return missing(`on-chain whale tracking covers BTC only (Blockchain.com's BTC API), not ${base}`);
  if (!client) return missing(offlineReason);
  const [mempool, block] = await Promise.allSettled([client.unconfirmed(), client.latestBlock().then((b) => client.rawBlock(b.hash))]);
  const txs: ChainTx[] = [];
  const used: string[] = [];
  const failed: string[] = [];
  if (mempool.status === 'fulfilled') {
    txs.push(...mempool.value);
    used.push(`${mempool.value.length} unconfirmed transactions`);
  } else failed.push((mempool.reason as Error).message);
  if (block.status === 'fulfilled') {
    txs.push(...block.value.txs);
    used.push(`block ${block.value.height} (${block.value.txs.length} transactions)`);
  } else failed.push((block.reason as Error).message);
  if (!used.length) return missing(`Blockchain.com unavailable: ${failed.join('; ')}`);
  const whales = whaleTxs(txs, exchanges, minBtc);
  const windows = flowWindows(whales, now, WINDOWS.map(([, ms]) => ms));
  const longest = [...windows].reverse().find((w) => w.accumulation !== null);
  return {
    status: 'present',
    source: `Blockchain.com: ${used.join(' + ')}${failed.length ? ` (failed: ${failed.join('; ')})` : ''}`,
    as_of: new Date(now).toISOString(),
    accumulation_score: longest?.accumulation ?? null,
    windows: windows.map((w, i) => ({ window: WINDOWS[i]![0], count: w.count, volume_btc: w.volumeBtc, inflow_btc: w.inflowBtc, outflow_btc: w.outflowBtc, accumulation: w.accumulation })),
    largest: [...whales].sort((a, b) => b.btc - a.btc).slice(0, 5).map((w) => ({ hash: w.hash, btc: w.btc, kind: w.kind, exchange: w.exchange, time: Number.isFinite(w.time) ? new Date(w.time).toISOString() : '' })),
    min_btc: minBtc,
    exchange_addresses: exchanges.size,
  };
}
