import type { ChainTx } from '../../core/intel/chain-types.js';
import { parseLatestBlock, parseRawBlock, parseUnconfirmed, type LatestBlock } from '../../core/intel/parse-blockchain-com.js';
import { OutboundGuard, fetchJson } from '../outbound/guard.js';

export interface BlockchainComOptions {
  /** https://blockchain.info (the Data API host); a local stand-in in tests. */
  baseUrl: string;
  timeoutMs: number;
  /** Blockchain.com asks for at most one request every ~3 s without a key: 20/min. */
  perMinute: number;
}

/** Blockchain.com's public Data API (no key): mempool, latest block, raw blocks. */
export class BlockchainComClient {
  readonly guard: OutboundGuard;

  constructor(private readonly opts: BlockchainComOptions) {
    this.guard = new OutboundGuard({ name: 'blockchain.com', perMinute: opts.perMinute, timeoutMs: opts.timeoutMs });
  }

  private get(path: string): Promise<unknown> {
    return this.guard.run(() => fetchJson(`${this.opts.baseUrl.replace(/\/$/, '')}${path}`, { timeoutMs: this.opts.timeoutMs, headers: { accept: 'application/json' } }));
  }

  async unconfirmed(): Promise<ChainTx[]> {
    return parseUnconfirmed(await this.get('/unconfirmed-transactions?format=json'));
  }

  async latestBlock(): Promise<LatestBlock> {
    return parseLatestBlock(await this.get('/latestblock'));
  }

  async rawBlock(hash: string): Promise<{ hash: string; height: number; time: number; txs: ChainTx[] }> {
    if (!/^[0-9a-f]{64}$/.test(hash)) throw new Error(`not a block hash: ${hash}`);
    return parseRawBlock(await this.get(`/rawblock/${hash}`));
  }

  stop(): Promise<void> {
    return this.guard.stop();
  }
}
