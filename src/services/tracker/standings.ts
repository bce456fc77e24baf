import type { Pair } from '../../core/types.js';
import type { MarketInfo, MarketSource } from '../../sources/market/types.js';

export interface Standing { rank: number; symbol: Pair; quoteVolume: number | null }

/**
 * Volume standings and the automatic choice of coins to track. The rule:
 * 1. markets that are active and quoted in `quote` (default USDT), and, when `candidates`
 *    is given, among those (a replay can only track pairs it has a recorded feed for);
 * 2. ranked by the source's 24 h quote volume (an exchange's tickers; the bundled data's
 *    latest daily candle, close × volume), largest first;
 * 3. markets whose volume the source does not know rank after all known ones; ties (and
 *    unknowns among themselves) go by symbol name, so the order is deterministic.
 * `--top N` tracks the first N.
 */
export function rankStandings(markets: readonly MarketInfo[], opts: { quote?: string; candidates?: readonly Pair[] } = {}): Standing[] {
  const quote = opts.quote ?? 'USDT';
  const allowed = opts.candidates ? new Set<string>(opts.candidates) : undefined;
  return markets
    .filter((m) => m.active && m.quote === quote && (!allowed || allowed.has(m.symbol)))
    .map((m) => ({ symbol: m.symbol, quoteVolume: m.quoteVolume !== null && Number.isFinite(m.quoteVolume) ? m.quoteVolume : null }))
    .sort((a, b) => (b.quoteVolume ?? -Infinity) - (a.quoteVolume ?? -Infinity) || (a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : 0))
    .map((s, i) => ({ rank: i + 1, ...s }));
}

/** The N most traded pairs by the standings rule (fewer when fewer qualify). */
export async function topByStandings(source: Pick<MarketSource, 'markets'>, n: number, opts: { quote?: string; candidates?: readonly Pair[] } = {}): Promise<Pair[]> {
  return rankStandings(await source.markets(), opts).slice(0, n).map((s) => s.symbol);
}
