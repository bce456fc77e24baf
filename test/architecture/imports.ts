import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/**
 * Layers from the bottom up: a module may import from its own layer or any layer below,
 * never above. `errors.ts` and `core/` are the pure base; `api/` and `app/` are shells.
 */
export const LAYERS: readonly (readonly string[])[] = [
  ['errors.ts', 'core'],
  ['kernel'],
  ['config'],
  ['sources', 'infra'],
  ['services'],
  ['api'],
  ['app'],
  ['cli'],
];

export function layerOf(relPath: string): number {
  const top = relPath.split('/')[0]!;
  const i = LAYERS.findIndex((l) => l.includes(top));
  if (i < 0) throw new Error(`src/${relPath} is in no layer: add its folder to LAYERS in test/architecture/imports.ts`);
  return i;
}

export function listSources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...listSources(p));
    else if (name.endsWith('.ts') && !name.endsWith('.test.ts') && !name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

const SPECIFIER = /(?:^|[\s;])(?:import|export)\s[^'"`;]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s*['"]([^'"]+)['"]/gm;

/** Relative imports of one file, resolved to .ts paths inside src. */
export function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(SPECIFIER)) {
    const spec = m[1] ?? m[2] ?? m[3];
    if (!spec || !spec.startsWith('.')) continue;
    out.push(resolve(dirname(file), spec).replace(/\.js$/, '.ts'));
  }
  return out;
}

export interface ImportGraph {
  files: string[];
  edges: Map<string, string[]>;
}

export function buildGraph(srcDir: string): ImportGraph {
  const files = listSources(srcDir);
  const known = new Set(files);
  const edges = new Map<string, string[]>();
  for (const f of files) {
    edges.set(f, importsOf(f).map((t) => (known.has(t) ? t : t.replace(/\.ts$/, '/index.ts'))).filter((t) => known.has(t)));
  }
  return { files, edges };
}

export function upwardImports(g: ImportGraph, srcDir: string): string[] {
  const bad: string[] = [];
  for (const [from, tos] of g.edges) {
    const rf = relative(srcDir, from);
    for (const to of tos) {
      const rt = relative(srcDir, to);
      if (layerOf(rt) > layerOf(rf)) bad.push(`${rf} -> ${rt}`);
    }
  }
  return bad;
}

/** Strongly connected components with more than one file (Tarjan), as relative paths. */
export function cycles(g: ImportGraph, srcDir: string): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string): void => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of g.edges.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const comp: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        comp.push(relative(srcDir, w));
      } while (w !== v);
      if (comp.length > 1) out.push(comp.sort());
    }
  };
  for (const f of g.files) if (!idx.has(f)) visit(f);
  return out;
}
