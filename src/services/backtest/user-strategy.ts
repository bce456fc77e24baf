import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { InputError } from '../../errors.js';
import type { Strategy } from '../../kernel/ports.js';
import type { ParamSpec, StrategyDef } from './strategies/registry.js';

export const looksLikeFile = (name: string) => /[\\/]|\.(m?[jt]s)$/.test(name);

/**
 * A user strategy: a .ts or .js file whose default export is either a StrategyDef
 * ({ name, params, create(params) }) or a factory `(params) => Strategy`. TypeScript
 * files are loaded through tsx, so no build step is needed.
 */
export async function loadUserStrategy(file: string): Promise<StrategyDef> {
  const path = resolve(file);
  if (!existsSync(path)) throw new InputError(`strategy file ${file} not found`, 'strategy');
  let mod: { default?: unknown };
  try {
    if (/\.m?ts$/.test(path)) {
      const { tsImport } = await import('tsx/esm/api');
      mod = (await tsImport(pathToFileURL(path).href, import.meta.url)) as { default?: unknown };
    } else mod = (await import(pathToFileURL(path).href)) as { default?: unknown };
  } catch (e) {
    throw new InputError(`strategy file ${file} does not load: ${(e as Error).message.split('\n')[0]}`, 'strategy');
  }
  const d = (mod.default && typeof mod.default === 'object' && 'default' in mod.default ? (mod.default as { default: unknown }).default : mod.default) as unknown;
  if (typeof d === 'function') {
    const factory = d as (p: Record<string, number>) => Strategy;
    return { name: file, description: `user strategy ${file}`, params: {}, freeParams: true, create: (p) => factory(p) };
  }
  if (d && typeof d === 'object' && typeof (d as StrategyDef).create === 'function') {
    const def = d as Partial<StrategyDef> & Pick<StrategyDef, 'create'>;
    return { name: def.name ?? file, description: def.description ?? `user strategy ${file}`, params: (def.params ?? {}) as Record<string, ParamSpec>, check: def.check, create: def.create };
  }
  throw new InputError(`strategy file ${file} must default-export a StrategyDef { name, params, create } or a function (params) => Strategy`, 'strategy');
}
