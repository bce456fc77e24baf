import type { MarketInfo, MarketSource } from '../../sources/market/types.js';

/**
 * The top N active markets by quote volume. Unknown volumes sort last rather than being
 * dropped: some exchanges have no tickers endpoint, and a scan of 'all' must still see them.
 */
export async function selectPairs(source: MarketSource, top: number | 'all', quote?: string): Promise<MarketInfo[]> {
  const markets = (await source.markets())
    .filter((m) => m.active && (!quote || m.quote === quote))
    .sort((a, b) => (b.quoteVolume ?? -1) - (a.quoteVolume ?? -1) || a.symbol.localeCompare(b.symbol));
  return top === 'all' ? markets : markets.slice(0, top);
}
