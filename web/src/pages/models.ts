import { h, table, fmt, notice, section } from '../dom.js';
import { getJson, tryGet } from '../api.js';
import type { Page } from '../page.js';

interface Metrics { n: number; accuracy: number; logLoss: number; auc: number; brier: number }
interface ModelSummary {
  id: string; ok: boolean; error?: string; objective?: string; features?: string[]; trees?: number;
  meta?: { engine?: string; pair?: string; timeframe?: string; data?: { from: string; to: string; bars: number; trainRows: number }; walkForward?: { model: Metrics; majority: Metrics; previousBar: Metrics; folds: unknown[] } };
}

const METRICS: { key: keyof Metrics; label: string; better: 'higher' | 'lower' }[] = [
  { key: 'accuracy', label: 'Accuracy', better: 'higher' }, { key: 'auc', label: 'AUC', better: 'higher' },
  { key: 'logLoss', label: 'Log loss', better: 'lower' }, { key: 'brier', label: 'Brier', better: 'lower' }, { key: 'n', label: 'Test rows', better: 'higher' },
];

/** ML models: each artefact's walk-forward metrics next to the naive baselines it must beat. */
export const modelsPage: Page = async (root) => {
  root.append(h('h1', {}, 'ML models'));
  const list = await tryGet<{ models: ModelSummary[] }>('/api/v1/models');
  if (!list.ok) {
    root.append(notice(list.error.message, 'error'));
    return;
  }
  if (!list.data.models.length) {
    root.append(notice('No trained model in the models folder (ML_MODELS_DIR, default ./models). Train one: `npx sextant ml train BTC/USD --tf 4h`.', 'missing'));
  }
  root.append(notice('Not available yet: feature importance (the API does not expose it; `npx sextant ml predict --contribs` gives TreeSHAP per row).', 'missing'));
  for (const m of list.data.models) {
    if (!m.ok) {
      root.append(section(m.id, notice(`Unreadable: ${m.error ?? 'unknown error'}`, 'error')));
      continue;
    }
    const d = await getJson<{ model: ModelSummary }>(`/api/v1/models/${encodeURIComponent(m.id)}`);
    const meta = d.model.meta;
    const wf = meta?.walkForward;
    root.append(section(m.id,
      h('p', {}, `${meta?.pair ?? '?'} ${meta?.timeframe ?? ''} · ${d.model.objective ?? ''} · ${d.model.trees ?? '?'} trees · ${d.model.features?.length ?? 0} features`,
        meta?.data ? ` · data ${meta.data.from} → ${meta.data.to} (${meta.data.bars} bars, ${meta.data.trainRows} training rows)` : ''),
      wf ? table(METRICS, [
        { label: 'Walk-forward metric', value: (r) => `${r.label} (${r.better} is better)` },
        { label: 'Model', value: (r) => fmt(wf.model[r.key], 4), num: true, cls: (r) => (r.key === 'n' ? undefined : beats(wf.model[r.key], [wf.majority[r.key], wf.previousBar[r.key]], r.better) ? 'up' : 'down') },
        { label: 'Majority class', value: (r) => fmt(wf.majority[r.key], 4), num: true },
        { label: 'Previous bar', value: (r) => fmt(wf.previousBar[r.key], 4), num: true },
      ], { class: 'grid models-table' }) : notice('This artefact carries no walk-forward report.', 'missing'),
      h('details', {}, h('summary', {}, 'Features'), h('p', { class: 'small' }, (d.model.features ?? []).join(', ')))));
  }
};

function beats(x: number, others: number[], better: 'higher' | 'lower'): boolean {
  return others.every((o) => (better === 'higher' ? x > o : x < o));
}
