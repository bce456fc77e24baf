import { h, table, fmt, notice, section, isoTime } from '../dom.js';
import { getJson, postJson, pairPath } from '../api.js';
import { PriceChart, COLORS, sec, type Candle } from '../chart.js';
import { BaselineSeries, ColorType, LineSeries, createChart } from 'lightweight-charts';
import { whileOn, type Page } from '../page.js';
import { may, session } from '../session.js';

interface Trade { entryTime: string; exitTime: string | null; entryPrice: number; exitPrice: number | null; size: number; pnl: number; returnPct: number }
interface Result { strategy: string; params: Record<string, number>; symbols: string[]; timeframe: string; engine: string; metrics: Record<string, number | null>; equity: { time: string; equity: number }[]; trades: Trade[] }
interface Job { id: string; status: 'queued' | 'running' | 'done' | 'failed'; progress: number; error?: { message: string }; result?: Result }

const STRATEGIES = ['sma-cross', 'volume-spike', 'trade-plan'];

/**
 * Backtests: run a built-in strategy as a server job, then its equity curve, drawdown,
 * metrics and trades on the price chart. Jobs live in the server's memory (no history list).
 */
export const backtestsPage: Page = async (root, _args, signal) => {
  const strategy = h('select', { id: 'bt-strategy' }, STRATEGIES.map((s) => h('option', { value: s }, s)));
  const pairs = h('input', { id: 'bt-pairs', value: 'BTC/USDT', size: 24, title: 'comma-separated pairs' });
  const tf = h('select', { id: 'bt-tf' }, ['1d', '4h', '1h'].map((t) => h('option', { value: t }, t)));
  const since = h('input', { id: 'bt-since', type: 'date', value: '2021-01-01' });
  const until = h('input', { id: 'bt-until', type: 'date', value: '' });
  const fee = h('input', { id: 'bt-fee', type: 'number', step: '0.0001', value: '0.001', size: 6 });
  const out = h('div', { id: 'bt-result' });
  const progress = h('progress', { id: 'bt-progress', max: 1, value: 0, hidden: true });
  root.append(h('h1', {}, 'Backtests'),
    may('trader')
      ? h('form', { class: 'toolbar', id: 'bt-form', onsubmit: (e: Event) => { e.preventDefault(); void run(); } },
      h('label', {}, 'Strategy ', strategy), h('label', {}, 'Pairs ', pairs), h('label', {}, 'TF ', tf), h('label', {}, 'Since ', since), h('label', {}, 'Until ', until),
      h('label', {}, 'Fee ', fee), h('button', { type: 'submit' }, 'Run backtest'), progress)
      : notice(`Running a backtest needs a trader or admin key (you are ${session.role}); enter one at the top right.`, 'info'),
    notice('Not available yet: a list of past runs (jobs live in the server’s memory) and parameter-sweep heatmaps (sweeps run from the CLI only: `npx sextant backtest --sweep`).', 'missing'),
    out);

  async function run(): Promise<void> {
    out.replaceChildren(h('p', { class: 'muted' }, 'Submitting…'));
    progress.hidden = false;
    try {
      const body = {
        strategy: strategy.value, pairs: pairs.value.split(',').map((s) => s.trim()).filter(Boolean), timeframe: tf.value, fee: Number(fee.value),
        ...(since.value ? { since: since.value } : {}), ...(until.value ? { until: until.value } : {}),
      };
      const job = await postJson<Job>('/api/v1/backtests', body);
      let j: Job = job;
      while (!signal.aborted && (j.status === 'queued' || j.status === 'running')) {
        progress.value = j.progress;
        out.replaceChildren(h('p', { class: 'muted' }, `Job ${j.id}: ${j.status} ${(j.progress * 100).toFixed(0)} %`));
        await new Promise((r) => setTimeout(r, 400));
        j = await getJson<Job>(`/api/v1/backtests/${j.id}`);
      }
      progress.hidden = true;
      if (signal.aborted) return;
      if (j.status === 'failed' || !j.result) {
        out.replaceChildren(notice(`Backtest failed: ${j.error?.message ?? 'no result'}`, 'error'));
        return;
      }
      await showResult(out, j.result, signal);
    } catch (e) {
      progress.hidden = true;
      out.replaceChildren(notice((e as Error).message, 'error'));
    }
  }
};

async function showResult(out: HTMLElement, r: Result, signal: AbortSignal): Promise<void> {
  const eqBox = h('div', { class: 'chart', id: 'equity-chart' });
  const priceBox = h('div', { class: 'chart', id: 'trades-chart' });
  const m = r.metrics;
  out.replaceChildren(
    section(`${r.strategy} on ${r.symbols.join(', ')} ${r.timeframe} (${r.engine})`,
      h('p', { class: 'muted' }, `Parameters: ${Object.entries(r.params).map(([k, v]) => `${k}=${v}`).join(', ') || 'defaults'}`),
      table(Object.entries(m), [{ label: 'Metric', value: ([k]) => k }, { label: 'Value', value: ([k, v]) => (k.endsWith('Pct') ? `${fmt(v, 4)} %` : fmt(v, 4)), num: true }], { id: 'bt-metrics' })),
    section('Equity and drawdown', eqBox),
    section(`Trades on ${r.symbols[0]} (${r.trades.length} trades)`, priceBox,
      r.trades.length ? table(r.trades.slice(-30).reverse(), [
        { label: 'Entry', value: (t) => isoTime(t.entryTime) }, { label: 'Exit', value: (t) => isoTime(t.exitTime) },
        { label: 'Entry price', value: (t) => fmt(t.entryPrice), num: true }, { label: 'Exit price', value: (t) => fmt(t.exitPrice), num: true },
        { label: 'Size', value: (t) => fmt(t.size), num: true }, { label: 'PnL', value: (t) => fmt(t.pnl), num: true, cls: (t) => (t.pnl >= 0 ? 'up' : 'down') },
        { label: 'Return', value: (t) => `${fmt(t.returnPct, 3)} %`, num: true },
      ]) : notice('The strategy made no trade.', 'info')));

  // Equity on top, drawdown (from the running peak) in a pane under it.
  const chart = createChart(eqBox, { height: 360, autoSize: true, layout: { background: { type: ColorType.Solid, color: '#0d1117' }, textColor: COLORS.text, attributionLogo: false }, grid: { vertLines: { color: COLORS.grid }, horzLines: { color: COLORS.grid } } });
  whileOn(signal, () => chart.remove());
  const eq = chart.addSeries(LineSeries, { color: COLORS.entry, lineWidth: 2, title: 'equity' });
  const dd = chart.addSeries(BaselineSeries, { baseValue: { type: 'price', price: 0 }, bottomLineColor: COLORS.down, bottomFillColor1: 'rgba(239,83,80,0.05)', bottomFillColor2: 'rgba(239,83,80,0.4)', title: 'drawdown %' }, 1);
  let peak = -Infinity;
  const eqRows = r.equity.map((p) => ({ time: sec(Date.parse(p.time)), value: p.equity }));
  eq.setData(eqRows);
  dd.setData(r.equity.map((p) => { peak = Math.max(peak, p.equity); return { time: sec(Date.parse(p.time)), value: (p.equity / peak - 1) * 100 }; }));
  chart.panes()[1]?.setHeight(110);
  chart.timeScale().fitContent();
  eqBox.dataset['points'] = String(eqRows.length);

  const first = r.symbols[0];
  if (!first) return;
  const c = await getJson<{ candles: Candle[] }>(`/api/v1/chart/${pairPath(first)}?timeframe=${encodeURIComponent(r.timeframe)}&limit=2000`);
  if (signal.aborted) return;
  const pc = new PriceChart(priceBox, 380);
  whileOn(signal, () => pc.destroy());
  const t0 = r.equity.length ? Date.parse(r.equity[0]!.time) : 0;
  pc.setCandles(c.candles.filter((row) => row[0] >= t0));
  pc.setMarkers(r.trades.flatMap((t) => [
    { time: sec(Date.parse(t.entryTime)), position: 'belowBar' as const, shape: 'arrowUp' as const, color: COLORS.entry, text: 'in' },
    ...(t.exitTime ? [{ time: sec(Date.parse(t.exitTime)), position: 'aboveBar' as const, shape: 'arrowDown' as const, color: t.pnl >= 0 ? COLORS.target : COLORS.stop, text: 'out' }] : []),
  ]));
  pc.chart.timeScale().fitContent();
}
