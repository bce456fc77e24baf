import type { Config } from './schema.js';

export type Profile = Config['env'];

/**
 * Presets under the file and the environment: a profile only changes defaults, anything
 * set explicitly wins. `prod` also refuses settings that are unsafe on a network.
 */
export const PROFILES: Record<Profile, Record<string, unknown>> = {
  dev: {},
  // Quiet logs; everything else as in dev so tests exercise the defaults users get.
  test: { logLevel: 'warn' },
  // Nothing is readable without credentials; JSON logs at info.
  prod: { logLevel: 'info', auth: { anonymous: 'none' } },
};

/** The rule a prod config breaks, or undefined. Checked when the config loads. */
export function prodViolation(c: Config): { message: string; field: string } | undefined {
  if (c.env !== 'prod') return undefined;
  if (c.auth.disabled) return { message: 'config: auth.disabled: the prod profile refuses to run with authentication disabled', field: 'auth.disabled' };
  if (c.auth.anonymous === 'viewer') return { message: 'config: auth.anonymous: the prod profile refuses anonymous reads (use dev, or remove the setting)', field: 'auth.anonymous' };
  return undefined;
}
