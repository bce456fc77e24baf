import { createPublicKey, type KeyObject } from 'node:crypto';
import { errors as joseErrors, jwtVerify } from 'jose';
import type { Config } from '../../config/schema.js';
import { ConfigError } from '../../config/load.js';
import { SextantError } from '../../errors.js';
import { isRole, type Role } from './roles.js';

export interface TokenPrincipal {
  subject: string;
  role: Role;
}

export type JwtVerifier = (token: string) => Promise<TokenPrincipal>;

const unauthorized = (message: string) => new SextantError('unauthorized', message);

/**
 * Bearer tokens signed with the configured HS256 secret or RS256 key. `exp` is required,
 * and exp/nbf are checked with the configured clock skew; only the configured algorithm is
 * accepted (no `alg: none`, no HS256 made with the public key as secret).
 */
export function jwtVerifier(cfg: Config['auth']['jwt'], now: () => number = Date.now): JwtVerifier | undefined {
  if (!cfg.secret && !cfg.publicKey) return undefined;
  if (cfg.secret && cfg.publicKey) throw new ConfigError('config: auth.jwt: set secret (HS256) or publicKey (RS256), not both', 'auth.jwt');
  let key: Uint8Array | KeyObject;
  let alg: string;
  if (cfg.secret) {
    key = new TextEncoder().encode(cfg.secret);
    alg = 'HS256';
  } else {
    try {
      key = createPublicKey(cfg.publicKey!);
    } catch {
      throw new ConfigError('config: auth.jwt.publicKey: is not a readable PEM public key', 'auth.jwt.publicKey');
    }
    alg = 'RS256';
  }
  return async (token) => {
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(token, key, {
        algorithms: [alg],
        clockTolerance: cfg.clockSkewS,
        requiredClaims: ['exp'],
        currentDate: new Date(now()),
        ...(cfg.issuer ? { issuer: cfg.issuer } : {}),
        ...(cfg.audience ? { audience: cfg.audience } : {}),
      }));
    } catch (e) {
      // The reason, never the token: "expired", "bad signature", "wrong issuer".
      if (e instanceof joseErrors.JWTExpired) throw unauthorized('token: expired');
      if (e instanceof joseErrors.JWTClaimValidationFailed) throw unauthorized(`token: claim ${e.claim} ${e.reason === 'missing' ? 'is missing' : 'is not accepted'}`);
      if (e instanceof joseErrors.JOSEAlgNotAllowed) throw unauthorized(`token: algorithm must be ${alg}`);
      if (e instanceof joseErrors.JWSSignatureVerificationFailed) throw unauthorized('token: signature does not verify');
      throw unauthorized('token: not a valid JWT');
    }
    const role = payload[cfg.roleClaim];
    if (!isRole(role)) throw unauthorized(`token: claim ${cfg.roleClaim} must be viewer, trader or admin`);
    return { subject: typeof payload.sub === 'string' ? payload.sub.slice(0, 100) : 'jwt', role };
  };
}
