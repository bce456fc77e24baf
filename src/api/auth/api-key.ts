import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * API keys look like `sx_<id>_<secret>`: the id (8 bytes, hex) finds the row, the secret
 * (32 random bytes, base64url) proves possession. Only SHA-256(secret) is stored; a fast
 * hash is enough because the secret has 256 bits of entropy (no dictionary to try).
 */
const KEY_RE = /^sx_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;

export interface NewApiKey {
  id: string;
  /** The whole key, shown to the user once. */
  key: string;
  hash: string;
}

export const hashSecret = (secret: string): string => createHash('sha256').update(secret).digest('hex');

export function generateApiKey(): NewApiKey {
  const id = randomBytes(8).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  return { id, key: `sx_${id}_${secret}`, hash: hashSecret(secret) };
}

/** Splits a presented key, or undefined when it does not have the shape of one. */
export function parseApiKey(key: string): { id: string; secret: string } | undefined {
  const m = KEY_RE.exec(key);
  return m ? { id: m[1]!, secret: m[2]! } : undefined;
}

export const looksLikeApiKey = (s: string): boolean => s.startsWith('sx_');

/** Constant-time comparison of the presented secret's hash with the stored one. */
export function secretMatches(secret: string, storedHash: string): boolean {
  const a = Buffer.from(hashSecret(secret), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}
