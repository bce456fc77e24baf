import { existsSync, readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { InputError } from '../errors.js';
import { configSchema, type Config } from './schema.js';
import { describeZodIssue } from './zod.js';
import { PROFILES, prodViolation, type Profile } from './profiles.js';

/** A bad configuration value; `field` is the config key (server.port), or `config` for the file itself. */
export class ConfigError extends InputError {
  constructor(message: string, field = 'config') {
    super(message, field);
    this.name = 'ConfigError';
  }
}

/** Conventional variable names and the key each sets (over SEXTANT_ spellings of the same key). */
export const ENV_ALIASES: Readonly<Record<string, string[]>> = {
  DATABASE_URL: ['store', 'databaseUrl'],
  REDIS_URL: ['redisUrl'],
  PORT: ['server', 'port'],
  LOG_LEVEL: ['logLevel'],
  ML_MODELS_DIR: ['ml', 'modelsDir'],
};

/** Well-known variables first; then SEXTANT_A__B=v sets key a.b (camelCase from snake_case). */
function envOverrides(env: NodeJS.ProcessEnv): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const set = (path: string[], value: string) => {
    let node = out;
    for (const key of path.slice(0, -1)) node = (node[key] ??= {}) as Record<string, unknown>;
    node[path[path.length - 1]!] = value;
  };
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined || !k.startsWith('SEXTANT_') || k === 'SEXTANT_CONFIG') continue;
    const path = k.slice('SEXTANT_'.length).split('__').map((p) => p.toLowerCase().replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()));
    set(path, v);
  }
  for (const [name, path] of Object.entries(ENV_ALIASES)) if (env[name]) set(path, env[name]);
  return out;
}

function merge(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out = { ...base };
  for (const [k, v] of Object.entries(over)) {
    const b = out[k];
    out[k] = v && typeof v === 'object' && !Array.isArray(v) && b && typeof b === 'object' && !Array.isArray(b)
      ? merge(b as Record<string, unknown>, v as Record<string, unknown>)
      : v;
  }
  return out;
}

/** One line naming the key and the rule, e.g. `config: server.port: must be <= 65535`. */
export function describeIssue(issue: z.core.$ZodIssue): { message: string; field: string } {
  const { message, field } = describeZodIssue(issue);
  return { message: `config: ${message.replace(/^unknown field/, 'unknown key')}`, field: field ?? 'config' };
}

/**
 * YAML file (explicit path, $SEXTANT_CONFIG, or ./sextant.yaml when present) merged
 * with environment overrides, validated once at start.
 */
export function loadConfig(opts: { file?: string; env?: NodeJS.ProcessEnv; overrides?: Record<string, unknown> } = {}): Config {
  const env = opts.env ?? process.env;
  const file = opts.file ?? env['SEXTANT_CONFIG'] ?? (existsSync('sextant.yaml') ? 'sextant.yaml' : undefined);
  let fromFile: Record<string, unknown> = {};
  if (file) {
    if (!existsSync(file)) throw new ConfigError(`config: file ${file} not found`);
    let parsed: unknown;
    try {
      parsed = parseYaml(readFileSync(file, 'utf8'));
    } catch (e) {
      throw new ConfigError(`config: ${file} is not valid YAML: ${(e as Error).message.split('\n')[0]}`);
    }
    if (parsed !== null && parsed !== undefined && (typeof parsed !== 'object' || Array.isArray(parsed))) throw new ConfigError(`config: ${file} must be a YAML mapping`);
    fromFile = (parsed ?? {}) as Record<string, unknown>;
  }
  const explicit = merge(merge(fromFile, envOverrides(env)), opts.overrides ?? {});
  // The profile's presets sit under everything set explicitly; an unknown profile is left to the schema.
  const profile = explicit['env'];
  const preset = typeof profile === 'string' && Object.hasOwn(PROFILES, profile) ? PROFILES[profile as Profile] : {};
  const result = configSchema.safeParse(merge(preset, explicit));
  if (!result.success) {
    const { message, field } = describeIssue(result.error.issues[0]!);
    throw new ConfigError(message, field);
  }
  const unsafe = prodViolation(result.data);
  if (unsafe) throw new ConfigError(unsafe.message, unsafe.field);
  return result.data;
}
