import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { IndicatorDef } from '../core/indicators/types.js';

/** What `indicators list` shows of a definition: everything but the kernel. */
export type CatalogEntry = Pick<IndicatorDef, 'name' | 'group' | 'description' | 'inputs' | 'params' | 'outputs'>;

interface Catalog { registryMtimeMs: number; entries: CatalogEntry[] }

/*
 * `sextant indicators list` only describes the indicators, yet importing the registry loads
 * ~100 modules of kernels: most of the command's start-up. The build (`npm run build`) writes
 * the descriptions next to the compiled CLI; the command reads that file while it is the one
 * written from the registry.js beside it (tsc rewrites every output, so a rebuild without the
 * catalogue step leaves a different modification time and the registry is loaded instead).
 */
const CATALOG = fileURLToPath(new URL('./indicator-catalog.json', import.meta.url));
const REGISTRY = fileURLToPath(new URL('../core/indicators/registry.js', import.meta.url));

export const catalogEntry = (d: CatalogEntry): CatalogEntry =>
  ({ name: d.name, group: d.group, description: d.description, inputs: d.inputs, params: d.params, outputs: d.outputs });

/** The catalogue file when it was written from the registry file as it is now, else undefined. */
export function catalogFromFile(catalog = CATALOG, registry = REGISTRY): CatalogEntry[] | undefined {
  try {
    const c = JSON.parse(readFileSync(catalog, 'utf8')) as Catalog;
    return c.registryMtimeMs === statSync(registry).mtimeMs ? c.entries : undefined;
  } catch {
    return undefined;
  }
}

export async function indicatorCatalog(): Promise<readonly CatalogEntry[]> {
  return catalogFromFile() ?? (await import('../core/indicators/registry.js')).listIndicators().map(catalogEntry);
}

/** The build step (`node dist/cli/write-catalog.js`): the catalogue of the registry beside it. */
export async function writeCatalog(catalog = CATALOG, registry = REGISTRY): Promise<string> {
  const { writeFileSync } = await import('node:fs');
  const { listIndicators } = await import('../core/indicators/registry.js');
  const c: Catalog = { registryMtimeMs: statSync(registry).mtimeMs, entries: listIndicators().map(catalogEntry) };
  writeFileSync(catalog, JSON.stringify(c));
  return catalog;
}
