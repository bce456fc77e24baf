/**
 * Where models live. Trained models are versioned artefacts in the Store (SQLite or
 * PostgreSQL, like every other result), so every API process and worker sharing a database
 * sees the same models. A folder of JSON files (`ml.modelsDir`, default `models/`) is read
 * too: artefacts written with `ml train --out` and bare XGBoost JSON models dropped there.
 * A corrupt file or row is listed with its reason and never stops the other models.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { InputError, NotFoundError } from '../../errors.js';
import { matrix } from '../../core/ml/matrix.js';
import type { Store } from '../../infra/store/types.js';
import { alignColumns, parseModelFile, type LoadedModel, type ModelArtefact } from './artefact.js';
import { predictRows, type Prediction } from './run.js';

/** Full artefacts, one row per model id. */
const MODELS = 'ml.models';
/** What a listing needs (no trees), so listing many models never loads them. */
const INDEX = 'ml.model-index';

export type ModelMeta = Omit<ModelArtefact, 'model'>;

export interface ModelSummary {
  id: string;
  origin: 'store' | 'file';
  file?: string;
  ok: boolean;
  error?: string;
  objective?: string;
  features?: string[];
  trees?: number;
  createdAt?: string;
  meta?: ModelMeta;
}

interface Loaded {
  loaded?: LoadedModel;
  error?: string;
}

const ID = /^[\w.-]{1,200}$/;

function checkId(id: string): void {
  if (!ID.test(id)) throw new InputError(`model id "${id.slice(0, 40)}" has characters other than letters, digits, ".", "_" and "-"`, 'model');
}

function describe(id: string, origin: ModelSummary['origin'], l: Loaded, extra: Partial<ModelSummary> = {}): ModelSummary {
  if (!l.loaded) return { id, origin, ...extra, ok: false, error: l.error ?? 'unreadable' };
  const e = l.loaded.ensemble;
  const out: ModelSummary = { id, origin, ...extra, ok: true, objective: e.objective, features: [...e.featureNames], trees: e.trees.length };
  if (l.loaded.artefact) {
    const { model: _model, ...meta } = l.loaded.artefact;
    out.meta = meta;
  }
  return out;
}

export class ModelRegistry {
  private readonly fileCache = new Map<string, Loaded & { stamp: string }>();
  /** Store rows never change under an id (the id is a hash of the content), so one parse each. */
  private readonly storeCache = new Map<string, Loaded>();

  /** `store` is asked for on first use, so a process that never touches models never opens it. */
  constructor(private readonly store: (() => Store) | undefined, readonly dir = 'models') {}

  async save(artefact: ModelArtefact): Promise<void> {
    checkId(artefact.id);
    const store = this.requireStore();
    await store.kvSet(MODELS, artefact.id, artefact);
    const { model: _model, ...meta } = artefact;
    const e = parseModelFile(JSON.stringify(artefact), artefact.id).ensemble;
    await store.kvSet(INDEX, artefact.id, { meta, objective: e.objective, features: [...e.featureNames], trees: e.trees.length });
  }

  async list(): Promise<ModelSummary[]> {
    const out = new Map<string, ModelSummary>();
    for (const id of this.fileIds()) out.set(id, this.fileSummary(id));
    if (this.store) {
      const rows = await this.store().kvList<{ meta: ModelMeta; objective: string; features: string[]; trees: number }>(INDEX);
      for (const r of rows) {
        out.set(r.key, { id: r.key, origin: 'store', ok: true, objective: r.value.objective, features: r.value.features, trees: r.value.trees, createdAt: new Date(r.updatedAt).toISOString(), meta: r.value.meta });
      }
    }
    return [...out.values()].sort((a, b) => a.id.localeCompare(b.id));
  }

  async summary(id: string): Promise<ModelSummary> {
    checkId(id);
    const row = await this.fromStore(id);
    if (row) return describe(id, 'store', row.l, { createdAt: new Date(row.updatedAt).toISOString() });
    if (this.fileIds().includes(id)) return this.fileSummary(id);
    throw new NotFoundError(`model "${id}" not found (store${this.store ? '' : ' not configured'}, folder ${this.dir})`, 'model');
  }

  /** The model to score with; an unusable one is bad input naming its problem. */
  async load(id: string): Promise<LoadedModel> {
    const s = await this.summary(id);
    const l = s.origin === 'store' ? this.storeCache.get(id)! : this.loadFile(id);
    if (!l.loaded) throw new InputError(`model "${id}" cannot be used: ${l.error ?? 'unreadable'}`, 'model');
    return l.loaded;
  }

  /** Rows as feature name -> value; null is a missing value, an absent feature is an error. */
  async predict(id: string, rows: readonly Record<string, number | null>[], withContribs: boolean): Promise<Prediction & { features: string[] }> {
    const { ensemble } = await this.load(id);
    const names = ensemble.featureNames;
    alignColumns(names, [...new Set(rows.flatMap((r) => Object.keys(r)))], 'rows');
    const x = matrix(rows.length, names.length);
    rows.forEach((row, r) => {
      names.forEach((f, k) => {
        if (!(f in row)) throw new InputError(`rows[${r}]: feature ${f} is missing (use null for a missing value)`, 'rows');
        const v = row[f];
        x.values[r * names.length + k] = v === null || v === undefined ? NaN : v;
      });
    });
    return { ...predictRows(ensemble, x, withContribs), features: [...names] };
  }

  private requireStore(): Store {
    if (!this.store) throw new InputError('no store configured for models', 'store');
    return this.store();
  }

  private async fromStore(id: string): Promise<{ l: Loaded; updatedAt: number } | undefined> {
    if (!this.store) return undefined;
    const row = await this.store().kvGet<unknown>(MODELS, id);
    if (!row) return undefined;
    let l = this.storeCache.get(id);
    if (!l) {
      try {
        l = { loaded: parseModelFile(JSON.stringify(row.value), id) };
      } catch (e) {
        l = { error: (e as Error).message };
      }
      this.storeCache.set(id, l);
    }
    return { l, updatedAt: row.updatedAt };
  }

  private fileIds(): string[] {
    if (!existsSync(this.dir)) return [];
    return readdirSync(this.dir).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5)).filter((id) => ID.test(id)).sort();
  }

  private fileSummary(id: string): ModelSummary {
    return describe(id, 'file', this.loadFile(id), { file: join(this.dir, `${id}.json`) });
  }

  /** Parsed once per file version (mtime + size). */
  private loadFile(id: string): Loaded {
    const file = join(this.dir, `${id}.json`);
    const st = statSync(file);
    const stamp = `${st.mtimeMs}:${st.size}`;
    const hit = this.fileCache.get(id);
    if (hit && hit.stamp === stamp) return hit;
    let entry: Loaded & { stamp: string };
    try {
      entry = { stamp, loaded: parseModelFile(readFileSync(file, 'utf8'), `${id}.json`) };
    } catch (e) {
      entry = { stamp, error: (e as Error).message };
    }
    this.fileCache.set(id, entry);
    return entry;
  }
}
