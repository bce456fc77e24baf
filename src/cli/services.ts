import { wire, type WireOptions } from '../app/wire.js';
import type { Services } from '../services/types.js';
import { FileSource } from '../sources/market/file/source.js';
import type { MarketSource } from '../sources/market/types.js';
import { cliConfig } from './context.js';

export interface CommandServices extends Omit<WireOptions, 'source'> {
  /** --source: replay or a CCXT exchange id (default: config), or a source already open. */
  source?: string | MarketSource;
  /** --input FILE: the file is the source. */
  input?: string;
}

/**
 * Every command gets its services here, from the one composition root, and they are
 * stopped when the command's work ends (also when it throws). Nothing opens until used.
 */
export async function withServices<T>(opts: CommandServices, work: (s: Services) => Promise<T>): Promise<T> {
  const { input, source, ...rest } = opts;
  const services = await wire(cliConfig(), { ...rest, ...(input ? { source: new FileSource({ path: input }) } : source ? { source } : {}) });
  try {
    return await work(services);
  } finally {
    await services.stop();
  }
}

/** For commands that run until a signal (daemons, workers): the caller stops them. */
export function openServices(opts: CommandServices): Promise<Services> {
  const { input, source, ...rest } = opts;
  return wire(cliConfig(), { ...rest, ...(input ? { source: new FileSource({ path: input }) } : source ? { source } : {}) });
}
