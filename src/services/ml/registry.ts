/**
 * Model artefacts on disk (`models/` or ML_MODELS_DIR): listed, parsed once per file
 * version (mtime + size) and scored. A corrupt file is reported by its id with the reason and
 * never stops the other models from loading.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { InputError, NotFoundError } from '../../errors.js';
import { matrix } from '../../core/ml/matrix.js';
import { alignColumns, parseModelFile, type LoadedModel, type ModelArtefact } from './artefact.js';
import { predictRows, type Prediction } from './run.js';

export interface ModelSummary {
  id: string;
  file: string;
  ok: boolean;
  error?: string;
  objective?: string;
  features?: string[];
  trees?: number;
  meta?: Omit<ModelArtefact, 'model'>;
}

export class ModelRegistry {
  private readonly cache = new Map<string, { stamp: string; loaded?: LoadedModel; error?: string }>();

  constructor(readonly dir = process.env['ML_MODELS_DIR'] || 'models') {}

  private ids(): string[] {
    if (!existsSync(this.dir)) return [];
    return readdirSync(this.dir).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5)).sort();
  }

  private load(id: string): { loaded?: LoadedModel; error?: string } {
    if (!/^[\w.-]{1,200}$/.test(id)) throw new InputError(`model id "${id.slice(0, 40)}" has characters other than letters, digits, ".", "_" and "-"`, 'model');
    const file = join(this.dir, `${id}.json`);
    if (!existsSync(file)) throw new NotFoundError(`model "${id}" not found in ${this.dir}`, 'model');
    const st = statSync(file);
    const stamp = `${st.mtimeMs}:${st.size}`;
    const hit = this.cache.get(id);
    if (hit && hit.stamp === stamp) return hit;
    let entry: { stamp: string; loaded?: LoadedModel; error?: string };
    try {
      entry = { stamp, loaded: parseModelFile(readFileSync(file, 'utf8'), `${id}.json`) };
    } catch (e) {
      entry = { stamp, error: (e as Error).message };
    }
    this.cache.set(id, entry);
    return entry;
  }

  list(): ModelSummary[] {
    return this.ids().map((id) => this.summary(id));
  }

  summary(id: string): ModelSummary {
    const { loaded, error } = this.load(id);
    const file = join(this.dir, `${id}.json`);
    if (!loaded) return { id, file, ok: false, error: error ?? 'unreadable' };
    const out: ModelSummary = { id, file, ok: true, objective: loaded.ensemble.objective, features: [...loaded.ensemble.featureNames], trees: loaded.ensemble.trees.length };
    if (loaded.artefact) {
      const { model: _model, ...meta } = loaded.artefact;
      out.meta = meta;
    }
    return out;
  }

  /** Rows as feature-name -> value (null or absent... absent is an error; null = missing value). */
  predict(id: string, rows: readonly Record<string, number | null>[], withContribs: boolean): Prediction & { features: string[] } {
    const { loaded, error } = this.load(id);
    if (!loaded) throw new InputError(`model "${id}" cannot be used: ${error}`, 'model');
    const names = loaded.ensemble.featureNames;
    const given = new Set(rows.flatMap((r) => Object.keys(r)));
    alignColumns(names, [...given], 'rows');
    const x = matrix(rows.length, names.length);
    rows.forEach((row, r) => {
      names.forEach((f, k) => {
        if (!(f in row)) throw new InputError(`rows[${r}]: feature ${f} is missing (use null for a missing value)`, 'rows');
        const v = row[f];
        x.values[r * names.length + k] = v === null || v === undefined ? NaN : v;
      });
    });
    return { ...predictRows(loaded.ensemble, x, withContribs), features: [...names] };
  }
}

let shared: ModelRegistry | undefined;

/** One registry per process (the server's); tests and the CLI may build their own. */
export function modelRegistry(): ModelRegistry {
  shared ??= new ModelRegistry();
  return shared;
}
