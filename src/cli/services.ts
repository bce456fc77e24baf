import type { WireOptions } from '../app/wire.js';
import type { Services } from '../services/types.js';
import type { MarketSource } from '../sources/market/types.js';
import { FileSource } from '../sources/market/file/source.js';
import { cliConfig } from './context.js';

export interface CommandServices extends Omit<WireOptions, 'source'> {
  /**
   * --source: replay, a CCXT exchange id, `store` (candles in the store) or `store:NAME`
   * (those stored under one origin name); default: config. Or a source already open.
   */
  source?: string | MarketSource;
  /** --input FILE: the file is the source. */
  input?: string;
}

const STORE = /^store(?::(.+))?$/;

/**
 * The wiring is imported when a command runs, not when the CLI starts: it pulls in the
 * HTTP server, charts, database drivers and Redis, which `sextant indicators list` or
 * `--help` never need.
 */
async function open(opts: CommandServices): Promise<Services> {
  const { input, source, ...rest } = opts;
  const config = await cliConfig();
  const { wire } = await import('../app/wire.js');
  if (input) return wire(config, { ...rest, source: new FileSource({ path: input }) });
  const stored = typeof source === 'string' ? STORE.exec(source) : null;
  if (stored && !rest.store) {
    const [{ openStore }, { StoreSource }] = await Promise.all([import('../infra/store/index.js'), import('../sources/market/store/source.js')]);
    const store = await openStore({ databaseUrl: config.store.databaseUrl, sqlitePath: config.store.sqlitePath, schema: config.store.schema });
    const storeSource = new StoreSource(store, stored[1]);
    return wire(config, { ...rest, store, ownStore: true, source: storeSource });
  }
  return wire(config, { ...rest, ...(source ? { source } : {}) });
}

/**
 * Every command gets its services here, from the one composition root, and they are
 * stopped when the command's work ends (also when it throws). Nothing opens until used.
 */
export async function withServices<T>(opts: CommandServices, work: (s: Services) => Promise<T>): Promise<T> {
  const services = await open(opts);
  try {
    return await work(services);
  } finally {
    await services.stop();
  }
}

/** For commands that run until a signal (daemons, workers): the caller stops them. */
export function openServices(opts: CommandServices): Promise<Services> {
  return open(opts);
}

/**
 * A bare market source for commands that read candles without the other services
 * (backtest, ml): replay, a CCXT exchange id, or `store[:NAME]`. close() releases it.
 */
export async function openCandleSource(name: string | undefined): Promise<MarketSource> {
  const config = await cliConfig();
  const wanted = name ?? config.source;
  const stored = STORE.exec(wanted);
  if (!stored) {
    const { openSource } = await import('../app/sources.js');
    return openSource(wanted, config);
  }
  const [{ openStore }, { StoreSource }] = await Promise.all([import('../infra/store/index.js'), import('../sources/market/store/source.js')]);
  const store = await openStore({ databaseUrl: config.store.databaseUrl, sqlitePath: config.store.sqlitePath, schema: config.store.schema });
  const source = new StoreSource(store, stored[1]);
  // The store was opened for this source alone: closing the source closes it.
  return Object.assign(source, { close: () => store.close() });
}
