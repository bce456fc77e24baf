import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildGraph, cycles, layerOf, upwardImports } from './imports.js';

const SRC = join(import.meta.dirname, '..', '..', 'src');

describe('import graph of src/', () => {
  const graph = buildGraph(SRC);

  it('sees the whole tree', () => {
    expect(graph.files.length).toBeGreaterThan(100);
    const edges = [...graph.edges.values()].reduce((n, e) => n + e.length, 0);
    expect(edges).toBeGreaterThan(300);
  });

  it('puts every file in a layer', () => {
    for (const f of graph.files) expect(() => layerOf(f.slice(SRC.length + 1))).not.toThrow();
  });

  it('has no import from a layer above', () => {
    expect(upwardImports(graph, SRC)).toEqual([]);
  });

  it('has no import cycle', () => {
    expect(cycles(graph, SRC)).toEqual([]);
  });

  it('core stays pure: no node: I/O or clock', async () => {
    const { readFileSync } = await import('node:fs');
    const impure: string[] = [];
    for (const f of graph.files) {
      const rel = f.slice(SRC.length + 1);
      if (!rel.startsWith('core/')) continue;
      const text = readFileSync(f, 'utf8');
      if (/from\s+['"]node:/.test(text) || /\bDate\.now\(\)|\bperformance\.now\(\)|\bsetTimeout\(|\bsetInterval\(/.test(text)) impure.push(rel);
    }
    expect(impure).toEqual([]);
  });
});

describe('the checker itself', () => {
  it('catches an upward import and a cycle', () => {
    const src = '/x/src';
    const g = {
      files: [`${src}/core/a.ts`, `${src}/api/b.ts`, `${src}/core/c.ts`],
      edges: new Map([
        [`${src}/core/a.ts`, [`${src}/api/b.ts`, `${src}/core/c.ts`]],
        [`${src}/api/b.ts`, []],
        [`${src}/core/c.ts`, [`${src}/core/a.ts`]],
      ]),
    };
    expect(upwardImports(g, src)).toEqual(['core/a.ts -> api/b.ts']);
    expect(cycles(g, src)).toEqual([['core/a.ts', 'core/c.ts']]);
  });
});
