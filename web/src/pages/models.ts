import { h, table, fmt, notice, section } from '../dom.js';
import { getJson, postJson, tryGet } from '../api.js';
import type { Page } from '../page.js';
import { may } from '../session.js';

interface Metrics { n: number; accuracy: number; logLoss: number; auc: number; brier: number }
interface Importance { feature: string; meanIncrease: number; std: number }
interface ModelSummary {
  id: string; ok: boolean; error?: string; objective?: string; features?: string[]; trees?: number;
  meta?: {
    engine?: string; pair?: string; timeframe?: string; data?: { from: string; to: string; bars: number; trainRows: number };
    walkForward?: { model: Metrics; majority: Metrics; previousBar: Metrics; folds: unknown[] };
    importance?: Importance[];
    trading?: { rule?: unknown; bars: number; scoredBars: number; metrics: Record<string, number | null> };
  };
}
interface TrainJob { id: string; status: 'queued' | 'running' | 'done' | 'failed'; progress: number; stage?: string; error?: { message: string }; result?: { model: string } }

const METRICS: { key: keyof Metrics; label: string; better: 'higher' | 'lower' }[] = [
  { key: 'accuracy', label: 'Accuracy', better: 'higher' }, { key: 'auc', label: 'AUC', better: 'higher' },
  { key: 'logLoss', label: 'Log loss', better: 'lower' }, { key: 'brier', label: 'Brier', better: 'lower' }, { key: 'n', label: 'Test rows', better: 'higher' },
];

/** ML models: each model's walk-forward metrics next to the naive baselines it must beat, its permutation importance, and training. */
export const modelsPage: Page = async (root, _args, signal) => {
  root.append(h('h1', {}, 'ML models'), may('trader') ? trainForm(signal) : h('p', { class: 'muted' }, 'Training needs a trader or admin key.'));
  const list = await tryGet<{ models: ModelSummary[] }>('/api/v1/models');
  if (!list.ok) {
    root.append(notice(list.error.message, 'error'));
    return;
  }
  if (!list.data.models.length) {
    root.append(notice('No trained model yet. Train one above (admin) or with `npx sextant ml train BTC/USD --tf 4h`.', 'missing'));
  }
  for (const m of list.data.models) {
    if (!m.ok) {
      root.append(section(m.id, notice(`Unreadable: ${m.error ?? 'unknown error'}`, 'error')));
      continue;
    }
    const d = await getJson<{ model: ModelSummary }>(`/api/v1/models/${encodeURIComponent(m.id)}`);
    root.append(modelCard(d.model));
  }
};

function modelCard(model: ModelSummary): HTMLElement {
  const meta = model.meta;
  const wf = meta?.walkForward;
  const imp = (meta?.importance ?? []).slice().sort((a, b) => b.meanIncrease - a.meanIncrease);
  const top = Math.max(1e-12, ...imp.map((i) => Math.abs(i.meanIncrease)));
  return section(model.id,
    h('p', {}, `${meta?.pair ?? '?'} ${meta?.timeframe ?? ''} · ${model.objective ?? ''} · ${model.trees ?? '?'} trees · ${model.features?.length ?? 0} features`,
      meta?.data ? ` · data ${meta.data.from} → ${meta.data.to} (${meta.data.bars} bars, ${meta.data.trainRows} training rows)` : ''),
    h('div', { class: 'cols' },
      h('div', {}, h('h3', {}, 'Walk-forward, out of sample, against naive baselines'),
        wf ? table(METRICS, [
          { label: 'Metric', value: (r) => `${r.label} (${r.better} is better)` },
          { label: 'Model', value: (r) => fmt(wf.model[r.key], 4), num: true, cls: (r) => (r.key === 'n' ? undefined : beats(wf.model[r.key], [wf.majority[r.key], wf.previousBar[r.key]], r.better) ? 'up' : 'down') },
          { label: 'Majority class', value: (r) => fmt(wf.majority[r.key], 4), num: true },
          { label: 'Previous bar', value: (r) => fmt(wf.previousBar[r.key], 4), num: true },
        ], { class: 'grid models-table' }) : notice('This model carries no walk-forward report.', 'missing'),
        meta?.trading ? h('div', {}, h('h3', {}, `Threshold rule traded on the walk-forward probabilities (${meta.trading.scoredBars} of ${meta.trading.bars} bars scored)`),
          table(Object.entries(meta.trading.metrics), [{ label: 'Metric', value: ([k]) => k }, { label: 'Value', value: ([, v]) => fmt(v, 4), num: true }])) : null),
      h('div', {}, h('h3', {}, 'Permutation importance (log-loss increase when shuffled, last fold)'),
        imp.length ? h('div', { class: 'bars importance' }, imp.slice(0, 15).map((i) => h('div', { class: 'bar-row' },
          h('span', { class: 'bar-label' }, i.feature),
          h('span', { class: `bar ${i.meanIncrease >= 0 ? 'pos' : 'neg'}`, style: `width:${(Math.abs(i.meanIncrease) / top) * 60}%` }),
          h('span', { class: 'bar-value' }, `${fmt(i.meanIncrease, 3)} ± ${fmt(i.std, 2)}`))))
          : notice('No importance stored with this model (models trained before it was added have none).', 'missing'))),
    h('details', {}, h('summary', {}, 'Features'), h('p', { class: 'small' }, (model.features ?? []).join(', '))));
}

function trainForm(signal: AbortSignal): HTMLElement {
  const pair = h('input', { id: 'ml-pair', value: 'BTC/USD', size: 10 });
  const tf = h('select', { id: 'ml-tf' }, ['4h', '1d', '1h'].map((t) => h('option', { value: t }, t)));
  const rounds = h('input', { id: 'ml-rounds', type: 'number', min: 1, value: '300', size: 5 });
  const state = h('span', { class: 'muted', id: 'ml-train-state' });
  return h('form', { class: 'toolbar', id: 'ml-train', onsubmit: (e: Event) => {
    e.preventDefault();
    void (async () => {
      try {
        let job = await postJson<TrainJob>('/api/v1/train', { pair: pair.value.trim(), timeframe: tf.value, rounds: Number(rounds.value) });
        while (!signal.aborted && (job.status === 'queued' || job.status === 'running')) {
          state.textContent = `Training ${job.id}: ${job.stage ?? job.status} ${(job.progress * 100).toFixed(0)} %`;
          await new Promise((r) => setTimeout(r, 700));
          job = await getJson<TrainJob>(`/api/v1/train/${job.id}`);
        }
        if (signal.aborted) return;
        state.textContent = job.status === 'done' ? `Trained ${job.result?.model ?? ''}; reloading…` : `Training failed: ${job.error?.message ?? job.status}`;
        if (job.status === 'done') window.dispatchEvent(new HashChangeEvent('hashchange'));
      } catch (err) {
        state.textContent = (err as Error).message;
      }
    })();
  } }, h('span', { class: 'muted' }, 'Admin: train '), h('label', {}, 'Pair ', pair), h('label', {}, 'TF ', tf), h('label', {}, 'Rounds ', rounds),
  h('button', { type: 'submit' }, 'Train'), state);
}

function beats(x: number, others: number[], better: 'higher' | 'lower'): boolean {
  return others.every((o) => (better === 'higher' ? x > o : x < o));
}
