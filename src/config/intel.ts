import { z } from 'zod';

/**
 * Multi-modal intelligence signal (SPEC E): where each part's data comes from. `mode: auto`
 * calls the network sources only when the market source is live (not `replay`); offline,
 * every part uses bundled or configured files and says which.
 */
export const intelSettingsSchema = z.strictObject({
  mode: z.enum(['auto', 'offline', 'online']).default('auto'),
  timeoutMs: z.coerce.number().int().min(100).max(60_000).default(8_000),
  /** Past coordinator signals below this many: no confidence (never an invented one). */
  minSample: z.coerce.number().int().min(5).max(10_000).default(30),
  whales: z.strictObject({
    baseUrl: z.url().default('https://blockchain.info'),
    perMinute: z.coerce.number().int().min(1).max(600).default(20),
    /** An on-chain transaction moving at least this many BTC is a whale. */
    minBtc: z.coerce.number().positive().default(50),
    /** Extra or replacement exchange wallets: address → exchange name. */
    exchangeAddresses: z.record(z.string().regex(/^[13bc][a-zA-HJ-NP-Z0-9]{25,90}$/, 'must be a Bitcoin address'), z.string().min(1)).default({}),
    replaceExchangeAddresses: z.boolean().default(false),
    /** Exchange-side whale: one taker trade of at least this notional (quote currency). */
    minTradeNotional: z.coerce.number().positive().default(100_000),
  }).prefault({}),
  reddit: z.strictObject({
    clientId: z.string().optional(),
    clientSecret: z.string().optional(),
    userAgent: z.string().default('sextant/0.1 (market sentiment; +https://github.com/)'),
    authUrl: z.url().default('https://www.reddit.com'),
    apiUrl: z.url().default('https://oauth.reddit.com'),
    subreddits: z.array(z.string().regex(/^[A-Za-z0-9_]{2,21}$/, 'must be a subreddit name')).min(1).default(['CryptoCurrency', 'Bitcoin']),
    postsPerSubreddit: z.coerce.number().int().min(1).max(100).default(50),
    perMinute: z.coerce.number().int().min(1).max(600).default(60),
  }).prefault({}),
  /** Offline sentiment: a CSV of texts (default: the bundled Reddit sample). */
  sentimentFile: z.strictObject({
    path: z.string().optional(),
    textColumn: z.string().default('text_content'),
    timeColumn: z.string().default('created_date'),
  }).prefault({}),
  fearGreed: z.strictObject({
    baseUrl: z.url().default('https://api.alternative.me'),
    perMinute: z.coerce.number().int().min(1).max(600).default(30),
    /** A `date,value,classification` CSV of the index's history (offline, and for the backtest). */
    historyFile: z.string().optional(),
  }).prefault({}),
  llm: z.boolean().default(true),
});

export type IntelSettings = z.infer<typeof intelSettingsSchema>;
