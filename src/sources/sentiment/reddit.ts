import { OutboundGuard, fetchJson } from '../outbound/guard.js';

export interface RedditOptions {
  clientId: string;
  clientSecret: string;
  userAgent: string;
  /** https://www.reddit.com (token) and https://oauth.reddit.com (API); stand-ins in tests. */
  authUrl: string;
  apiUrl: string;
  timeoutMs: number;
  /** Reddit's OAuth limit for an app: 60 requests a minute. */
  perMinute: number;
}

export interface RedditPost { id: string; subreddit: string; text: string; time: number }

/** Reddit listing JSON: {kind: "Listing", data: {children: [{kind: "t3"|"t1", data: {...}}]}}. */
export function parseListing(json: unknown): RedditPost[] {
  const o = json as { data?: { children?: unknown[] } };
  if (!o?.data || !Array.isArray(o.data.children)) throw new Error('reddit: answer is not a Listing');
  return o.data.children.flatMap((c) => {
    const d = (c as { data?: Record<string, unknown> }).data;
    if (!d || typeof d['id'] !== 'string') return [];
    const text = [d['title'], d['selftext'], d['body']].filter((s): s is string => typeof s === 'string' && s.length > 0).join('\n');
    const created = Number(d['created_utc']);
    return text && Number.isFinite(created) ? [{ id: d['id'], subreddit: String(d['subreddit'] ?? ''), text, time: created * 1000 }] : [];
  });
}

/** Application-only OAuth (client credentials) against Reddit's API. */
export class RedditClient {
  readonly guard: OutboundGuard;
  private token: { value: string; until: number } | undefined;

  constructor(private readonly opts: RedditOptions, private readonly now: () => number) {
    this.guard = new OutboundGuard({ name: 'reddit', perMinute: opts.perMinute, timeoutMs: opts.timeoutMs });
  }

  private async accessToken(): Promise<string> {
    if (this.token && this.token.until > this.now()) return this.token.value;
    const basic = Buffer.from(`${this.opts.clientId}:${this.opts.clientSecret}`).toString('base64');
    const json = (await this.guard.run(() => fetchJson(`${this.opts.authUrl.replace(/\/$/, '')}/api/v1/access_token`, {
      method: 'POST',
      timeoutMs: this.opts.timeoutMs,
      headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded', 'user-agent': this.opts.userAgent },
      body: 'grant_type=client_credentials',
    }))) as { access_token?: string; expires_in?: number; error?: string };
    if (!json.access_token) throw new Error(`reddit: no access token (${json.error ?? 'no reason given'})`);
    // Renew a minute early so a request never carries a token that expires on the way.
    this.token = { value: json.access_token, until: this.now() + Math.max(60, (json.expires_in ?? 3600) - 60) * 1000 };
    return this.token.value;
  }

  async newPosts(subreddit: string, limit: number): Promise<RedditPost[]> {
    if (!/^[A-Za-z0-9_]{2,21}$/.test(subreddit)) throw new Error(`not a subreddit name: ${subreddit}`);
    const token = await this.accessToken();
    const url = `${this.opts.apiUrl.replace(/\/$/, '')}/r/${subreddit}/new?limit=${Math.min(100, limit)}&raw_json=1`;
    return parseListing(await this.guard.run(() => fetchJson(url, { timeoutMs: this.opts.timeoutMs, headers: { authorization: `bearer ${token}`, 'user-agent': this.opts.userAgent } })));
  }

  stop(): Promise<void> {
    return this.guard.stop();
  }
}
