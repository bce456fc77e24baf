import { join } from 'node:path';
import { labelOf, type SentimentModel } from '../../core/sentiment/model.js';
import { defaultDataDir } from '../../sources/market/replay/catalog.js';
import type { RedditClient } from '../../sources/sentiment/reddit.js';
import { readTextCsv, type TextRow } from '../../sources/sentiment/text-file.js';
import { missing, type Part, type SentimentPart } from './types.js';

export const BUNDLED_REDDIT = 'sentiment/reddit_2025-10-24_2025-10-28.csv';

function summarize(model: SentimentModel, rows: readonly TextRow[], source: string): Part<SentimentPart> {
  if (!rows.length) return missing(`${source}: no texts`);
  let sum = 0, pos = 0, neg = 0, neu = 0;
  let from = Infinity, to = -Infinity;
  for (const r of rows) {
    const s = model.score(r.text);
    sum += s.score;
    if (s.label === 'positive') pos++;
    else if (s.label === 'negative') neg++;
    else neu++;
    if (r.time !== undefined) {
      from = Math.min(from, r.time);
      to = Math.max(to, r.time);
    }
  }
  const mean = sum / rows.length;
  const iso = (t: number) => (Number.isFinite(t) ? new Date(t).toISOString() : null);
  return { status: 'present', source, as_of: iso(to), model: model.name, score: Math.round(mean * 1e4) / 1e4, label: labelOf(mean), texts: rows.length, positive: pos, negative: neg, neutral: neu, from: iso(from), to: iso(to) };
}

/** Reddit through its API when credentials are configured and the mode is online; else a file of texts. */
export async function sentimentPart(model: SentimentModel, opts: {
  reddit: RedditClient | undefined;
  subreddits: string[];
  perSubreddit: number;
  online: boolean;
  file: { path?: string; textColumn: string; timeColumn: string };
  dataDir?: string;
}): Promise<Part<SentimentPart>> {
  if (opts.online && opts.reddit) {
    const got = await Promise.allSettled(opts.subreddits.map((s) => opts.reddit!.newPosts(s, opts.perSubreddit)));
    const rows = got.flatMap((g) => (g.status === 'fulfilled' ? g.value.map((p) => ({ text: p.text, time: p.time })) : []));
    const failed = got.flatMap((g, i) => (g.status === 'rejected' ? [`r/${opts.subreddits[i]}: ${(g.reason as Error).message}`] : []));
    if (!rows.length) return missing(`Reddit unavailable: ${failed.join('; ') || 'no posts'}`);
    const ok = opts.subreddits.filter((_, i) => got[i]!.status === 'fulfilled').map((s) => `r/${s}`);
    return summarize(model, rows, `Reddit API: newest posts of ${ok.join(', ')}${failed.length ? ` (failed: ${failed.join('; ')})` : ''}`);
  }
  const path = opts.file.path ?? join(opts.dataDir ?? defaultDataDir(), BUNDLED_REDDIT);
  const why = opts.online ? 'no Reddit credentials configured (intel.reddit.clientId/clientSecret)' : 'offline';
  try {
    const rows = readTextCsv(path, { textColumn: opts.file.textColumn, timeColumn: opts.file.timeColumn });
    return summarize(model, rows, `${opts.file.path ? path : `bundled Reddit sample data/${BUNDLED_REDDIT}`} (${why})`);
  } catch (e) {
    return missing(`${why}, and the texts file could not be read: ${(e as Error).message}`);
  }
}
