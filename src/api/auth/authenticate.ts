import { LRUCache } from 'lru-cache';
import { SextantError } from '../../errors.js';
import type { ApiKeyRecord, ApiKeyStore } from '../../infra/store/api-keys.js';
import { looksLikeApiKey, parseApiKey, secretMatches } from './api-key.js';
import type { JwtVerifier } from './jwt.js';
import { isRole, type Role } from './roles.js';

export interface Principal {
  /** Stable per client: the rate-limit bucket and the log field (`key:<id>`, `jwt:<sub>`). */
  id: string;
  role: Role;
  via: 'api-key' | 'jwt' | 'auth-disabled';
}

/** How long a key lookup is reused: a revoked key stops working within this time. */
export const KEY_CACHE_MS = 5_000;

const unauthorized = (message: string) => new SextantError('unauthorized', message);

/** The credential a request presents: `Authorization: Bearer <key or JWT>` or `X-API-Key: <key>`. */
export function presentedCredential(headers: Record<string, string | string[] | undefined>): string | undefined {
  const apiKey = headers['x-api-key'];
  if (typeof apiKey === 'string' && apiKey) return apiKey.trim();
  const auth = headers['authorization'];
  if (typeof auth !== 'string' || !auth) return undefined;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(auth);
  if (!m) throw unauthorized('authorization: must be "Bearer <API key or JWT>"');
  return m[1];
}

/** Turns a presented credential into a principal, or throws `unauthorized` saying why (never echoing it). */
export class Authenticator {
  private readonly cache = new LRUCache<string, ApiKeyRecord | false>({ max: 10_000, ttl: KEY_CACHE_MS });

  constructor(private readonly keys: ApiKeyStore | undefined, private readonly jwt: JwtVerifier | undefined) {}

  async principal(credential: string): Promise<Principal> {
    if (looksLikeApiKey(credential)) return this.fromKey(credential);
    if (this.jwt && credential.split('.').length === 3) {
      const t = await this.jwt(credential);
      return { id: `jwt:${t.subject}`, role: t.role, via: 'jwt' };
    }
    throw unauthorized(this.jwt ? 'credential: neither an API key (sx_...) nor a JWT' : 'credential: not an API key (sx_...); JWTs are not configured');
  }

  private async fromKey(key: string): Promise<Principal> {
    const parts = parseApiKey(key);
    if (!parts) throw unauthorized('api key: malformed (expected sx_<id>_<secret>)');
    if (!this.keys) throw unauthorized('api key: this server has no key store');
    let rec = this.cache.get(parts.id);
    if (rec === undefined) {
      rec = (await this.keys.get(parts.id)) ?? false;
      this.cache.set(parts.id, rec);
    }
    // One message for unknown, wrong and revoked keys: a caller learns nothing about which ids exist.
    if (!rec || rec.revokedAt !== null || !secretMatches(parts.secret, rec.hash) || !isRole(rec.role)) throw unauthorized('api key: unknown or revoked');
    return { id: `key:${rec.id}`, role: rec.role, via: 'api-key' };
  }
}
