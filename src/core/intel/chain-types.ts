/** One Bitcoin transaction in the shape every parser produces; values in satoshi. */
export interface ChainTx {
  hash: string;
  /** Epoch ms: block time when confirmed, first-seen time when in the mempool. */
  time: number;
  /** Block height; null while unconfirmed. */
  height: number | null;
  coinbase: boolean;
  /** Spent outputs; address null for non-standard scripts, value null when the source does not carry it. */
  inputs: { address: string | null; value: number | null }[];
  outputs: { address: string | null; value: number }[];
}

export const SATS_PER_BTC = 100_000_000;

export function outputTotal(tx: ChainTx): number {
  return tx.outputs.reduce((a, o) => a + o.value, 0);
}
