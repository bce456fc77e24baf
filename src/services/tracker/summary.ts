import type { TrackerService } from './service.js';

const iso = (t: number): string => (Number.isFinite(t) ? new Date(t).toISOString().replace('.000Z', 'Z') : '-');
const num = (x: number, d = 4): string => (Number.isFinite(x) ? x.toFixed(d) : '-');

/** The terminal summary of a tracker run: windows, book state, events. */
export function formatTrackerSummary(t: TrackerService, opts: { brief?: boolean } = {}): string {
  const lines: string[] = [];
  const s = t.stats;
  if (!opts.brief) {
    lines.push(s
      ? `processed ${s.events} market events from ${iso(s.first)} to ${iso(s.last)}: ${t.counts.windows} closed windows, ${t.counts.events} events`
      : `running: ${t.counts.marketEvents} market events, ${t.counts.windows} closed windows, ${t.counts.events} events`);
  } else {
    lines.push(`[tracker ${iso(t.clock.now())}] ${t.counts.marketEvents} market events, ${t.counts.windows} windows, ${t.counts.events} events`);
  }
  const feed = t.opts.feed.kind === 'live' ? t.opts.feed.health?.() : undefined;
  if (feed) {
    // Live streams: connections, losses, and why the tracker calls itself degraded.
    const d = feed.details as { connections?: { state: string }[]; lostInWindow?: number; lost?: number; garbage?: number } | undefined;
    const conns = d?.connections;
    lines.push(`streams ${feed.status}${feed.reason ? ` (${feed.reason})` : ''}: ${conns ? `${conns.filter((c) => c.state === 'up').length}/${conns.length} connections up, ` : ''}${d?.lost ?? 0} lost (${d?.lostInWindow ?? 0} in window), ${d?.garbage ?? 0} garbage frames`);
  }
  for (const st of t.status()) {
    const m = t.bookMetrics(st.symbol);
    const bk = st.book;
    const book = bk.state === 'synced'
      ? `book synced id ${bk.lastUpdateId}${m ? ` bid ${m.bid} ask ${m.ask} spread ${num(m.spreadBps, 2)}bp imbalance ${num(m.imbalance, 3)} walls ${m.walls.length}` : ''}`
      : `book ${bk.state}${bk.outOfSyncMs !== null ? ` for ${(bk.outOfSyncMs / 1000).toFixed(1)}s` : ''} (not served)`;
    const r1 = st.rolling.find((r) => r.window === 1);
    lines.push(`${st.symbol}: ${book}${st.topCheck ? `; bookTicker checks ${st.topCheck.verified} ok / ${st.topCheck.mismatched} mismatched` : ''}`);
    if (r1) lines.push(`  last 1m: buy ${num(r1.buyVolume)} sell ${num(r1.sellVolume)} trades ${r1.trades} buy share ${num(r1.buyShare * 100, 1)}%`);
    if (opts.brief) continue;
    for (const w of [1, 5, 15, 30, 60]) {
      const rows = t.closedWindows(st.symbol, w);
      if (!rows.length) {
        lines.push(`  ${w}m windows: none closed`);
        continue;
      }
      lines.push(`  ${w}m windows closed: ${rows.length}`);
      for (const r of rows.slice(-(w === 1 ? 15 : 4))) {
        const tot = r.buyVolume + r.sellVolume;
        lines.push(`    ${iso(r.start)}  buy ${num(r.buyVolume)}  sell ${num(r.sellVolume)}  trades ${r.buyTrades + r.sellTrades}  buy share ${tot > 0 ? num((r.buyVolume / tot) * 100, 1) : '-'}%${r.complete ? '' : '  (partial)'}`);
      }
    }
  }
  if (!opts.brief) {
    const byKey = new Map<string, number>();
    const events = t.recentEvents();
    for (const e of events) byKey.set(`${e.symbol} ${e.key}`, (byKey.get(`${e.symbol} ${e.key}`) ?? 0) + 1);
    lines.push(`events by key (${t.counts.events}):`);
    for (const [k, n] of [...byKey].sort((a, b) => b[1] - a[1])) lines.push(`  ${String(n).padStart(6)}  ${k}`);
    lines.push('last events:');
    for (const e of events.slice(-10)) lines.push(`  ${iso(e.time)} ${e.symbol} ${e.key} value ${num(e.value, 2)}`);
  }
  return lines.join('\n');
}
