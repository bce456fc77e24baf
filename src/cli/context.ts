import { InputError } from '../errors.js';
import type { Config } from '../config/schema.js';

let config: Config | undefined;
let configFile: string | undefined;

export function setConfigFile(file: string | undefined): void {
  configFile = file;
  config = undefined;
}

/**
 * Loaded and validated once per run; an invalid value stops the CLI with one line. The
 * loader (zod, yaml) is imported on first use: commands that need no config never pay for it.
 */
export async function cliConfig(): Promise<Config> {
  if (!config) {
    const { loadConfig } = await import('../config/load.js');
    config ??= loadConfig({ file: configFile });
  }
  return config;
}

export function intOption(name: string, value: string, min: number, max: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new InputError(`${name} must be an integer in [${min}, ${max}], got "${value}"`, name);
  return n;
}
