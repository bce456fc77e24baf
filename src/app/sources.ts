import type { Config } from '../config/schema.js';
import type { MarketSource } from '../sources/market/types.js';
import { ReplaySource } from '../sources/market/replay/source.js';

let replay: ReplaySource | undefined;

/** One replay source per process: the bundled data is parsed once and shared. */
export function replaySource(config?: Pick<Config, 'dataDir'>): ReplaySource {
  replay ??= new ReplaySource({ dataDir: config?.dataDir });
  return replay;
}

/** `replay` or any CCXT exchange id. CCXT is loaded only when asked for: it is large. */
export async function openSource(name: string, config: Config): Promise<MarketSource> {
  if (name === 'replay') return replaySource(config);
  const { CcxtSource } = await import('../sources/market/ccxt/source.js');
  return new CcxtSource({
    exchangeId: name,
    timeoutMs: config.exchange.timeoutMs,
    retries: config.exchange.retries,
    apiKey: config.exchange.apiKey,
    secret: config.exchange.secret,
    ...(config.exchange.urls ? { urls: config.exchange.urls } : {}),
    ...(config.exchange.sandbox ? { sandbox: true } : {}),
  });
}
