import { h, table, fmt, isoTime, age, notice, section } from '../dom.js';
import { ApiError, postJson, tryGet, pairPath } from '../api.js';
import { every, type Page } from '../page.js';
import { may, session } from '../session.js';

/** The batch summary; field names as the scanner writes them (camelCase), snake_case accepted too. */
type Summary = Record<string, unknown>;
interface Status { running: boolean; scan_in_progress: boolean; jobs: { id: string; name: string; trigger: string; next_run_time: string | null; pending_runs: number }[]; config: Record<string, unknown>; stats?: Record<string, unknown> }
interface ResultRow { symbol: string; status: string; spikes?: number; alerts?: number; maxConfidence?: number; max_confidence?: number; lastRelVolume?: number | null; last_rel_volume?: number | null; reason?: string }
interface Alert { symbol: string; timeframe: string; time: string; volume: number; z: number | null; relVolume?: number | null; rel_volume?: number | null; confidence: number }

const pick = <T>(o: Summary, ...keys: string[]): T | undefined => {
  for (const k of keys) if (o[k] !== undefined) return o[k] as T;
  return undefined;
};

/** Scanner: the latest batch (alerts, strongest spikes), the scheduler and its controls. */
export const scannerPage: Page = async (root, _args, signal) => {
  root.append(h('h1', {}, 'Volume-spike scanner'));
  const schedBox = h('div', { id: 'scheduler' });
  const batchBox = h('div', { id: 'batch' });
  root.append(schedBox, batchBox);

  const loadStatus = async () => {
    const st = await tryGet<Status>('/api/v1/scheduler/status');
    if (signal.aborted) return;
    schedBox.replaceChildren(st.ok ? schedulerCard(st.data, async (action) => {
      try {
        await action();
        await Promise.all([loadStatus(), loadBatch()]);
      } catch (e) {
        const denied = e instanceof ApiError && (e.status === 401 || e.status === 403);
        schedBox.append(notice(denied ? `Not allowed: ${e.message}. Controls need an admin key (box at the top right).` : (e as Error).message, 'error'));
      }
    }) : notice(`Scheduler status unavailable: ${st.error.message}`, 'error'));
  };

  const loadBatch = async () => {
    const latest = await tryGet<Summary>('/api/v1/scanner/results/latest');
    if (signal.aborted) return;
    if (!latest.ok) {
      batchBox.replaceChildren(notice(latest.error instanceof ApiError && latest.error.status === 404
        ? 'No scan batch yet. "Run a scan now" (admin) or `npx sextant scan --once` makes one.' : latest.error.message, latest.error instanceof ApiError && latest.error.status === 404 ? 'missing' : 'error'));
      return;
    }
    const s = latest.data;
    const id = pick<string>(s, 'batchId', 'batch_id') ?? '?';
    const finished = pick<string>(s, 'finishedAt', 'finished_at');
    const pairs = pick<Record<string, number>>(s, 'pairs') ?? {};
    const alerts = pick<Alert[]>(s, 'alerts') ?? [];
    const results = (pick<ResultRow[]>(s, 'results') ?? []).filter((r) => r.status === 'ok' && (r.spikes ?? 0) > 0);
    const failed = pick<{ symbol: string; reason: string }[]>(s, 'failed') ?? [];
    batchBox.replaceChildren(
      section(`Latest batch ${id}`,
        h('p', {}, `Finished ${isoTime(finished ?? null)}${finished ? ` (${age(Date.now() - Date.parse(finished))} ago)` : ''}; trigger ${pick<string>(s, 'trigger') ?? '?'}; `,
          `${pairs['requested'] ?? '?'} pairs requested, ${pairs['ok'] ?? '?'} scanned, ${pairs['failed'] ?? 0} failed, ${pairs['withSpikes'] ?? pairs['with_spikes'] ?? '?'} with spikes, ${pairs['alerts'] ?? alerts.length} alerts. `,
          h('a', { href: `/api/v1/scanner/files/${encodeURIComponent(id)}/report.html`, target: '_blank' }, 'HTML report')),
        h('h3', {}, `Alerts (${alerts.length})`),
        alerts.length ? table(alerts, [
          { label: 'Pair', value: (a) => h('a', { href: `#/pair/${pairPath(a.symbol)}/${a.timeframe}` }, a.symbol) }, { label: 'TF', value: (a) => a.timeframe },
          { label: 'Candle', value: (a) => isoTime(a.time) }, { label: 'Volume', value: (a) => fmt(a.volume), num: true },
          { label: 'z', value: (a) => fmt(a.z, 3), num: true }, { label: 'Rel. volume', value: (a) => fmt(a.relVolume ?? a.rel_volume ?? null, 3), num: true },
          { label: 'Confidence', value: (a) => `${(a.confidence * 100).toFixed(0)} %`, num: true },
        ], { id: 'alerts-table' }) : notice('No alert in this batch.', 'info'),
        h('h3', {}, `Pairs with spikes (${results.length})`),
        results.length ? table(results.slice(0, 40), [
          { label: 'Pair', value: (r) => r.symbol }, { label: 'Spikes', value: (r) => r.spikes ?? 0, num: true }, { label: 'Alert-level spikes', value: (r) => r.alerts ?? 0, num: true },
          { label: 'Max confidence', value: (r) => fmt(r.maxConfidence ?? r.max_confidence ?? null, 3), num: true },
          { label: 'Last rel. volume', value: (r) => fmt(r.lastRelVolume ?? r.last_rel_volume ?? null, 3), num: true },
        ], { id: 'spikes-table' }) : notice('No spike in this batch.', 'info'),
        failed.length ? h('details', {}, h('summary', {}, `${failed.length} pairs failed`), table(failed, [{ label: 'Pair', value: (f) => f.symbol }, { label: 'Reason', value: (f) => f.reason }])) : null),
    );
  };

  await Promise.all([loadStatus(), loadBatch()]);
  every(15_000, signal, () => void loadStatus());
};

function schedulerCard(st: Status, act: (fn: () => Promise<unknown>) => Promise<void>): HTMLElement {
  const minutes = h('input', { id: 'interval-minutes', type: 'number', min: 1, value: String(st.config['interval_minutes'] ?? 60), size: 5 });
  const job = st.jobs[0];
  return section('Scheduler',
    h('p', { id: 'scheduler-state' }, st.running ? `Running: ${job?.trigger ?? ''}; next run ${isoTime(job?.next_run_time ?? null)}.` : 'Stopped.',
      st.scan_in_progress ? ' A scan is in progress.' : ''),
    table(Object.entries(st.config), [{ label: 'Setting', value: ([k]) => k }, { label: 'Value', value: ([, v]) => (v === null || v === undefined ? '–' : String(v)) }]),
    !may('admin') ? h('p', { class: 'notice info', id: 'scheduler-controls-hidden' }, `Scheduler controls need an admin key (you are ${session.role}); enter one at the top right.`) : h('div', { class: 'controls', id: 'scheduler-controls' },
      h('span', { class: 'muted' }, 'Admin: '),
      st.running
        ? h('button', { type: 'button', id: 'sched-stop', onclick: () => void act(() => postJson('/api/v1/scheduler/stop')) }, 'Stop scheduler')
        : h('span', {}, 'every ', minutes, ' min ', h('button', { type: 'button', id: 'sched-start', onclick: () => void act(() => postJson(`/api/v1/scheduler/start?schedule_type=interval&interval_minutes=${encodeURIComponent(minutes.value)}`)) }, 'Start scheduler')),
      ' ', h('button', { type: 'button', id: 'run-now', disabled: st.scan_in_progress, onclick: (e: Event) => {
        (e.target as HTMLButtonElement).disabled = true;
        (e.target as HTMLButtonElement).textContent = 'Scanning…';
        void act(() => postJson('/api/v1/scheduler/run-manual?wait=true'));
      } }, 'Run a scan now')));
}
