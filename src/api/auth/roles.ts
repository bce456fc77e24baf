import { ROLES } from '../../config/security.js';

/** viewer < trader < admin; `public` routes need no credentials at all (health, docs, metrics). */
export type Role = (typeof ROLES)[number];
export type RouteRole = Role | 'public';
export { ROLES };

const RANK: Record<Role, number> = { viewer: 1, trader: 2, admin: 3 };

export const isRole = (s: unknown): s is Role => typeof s === 'string' && (ROLES as readonly string[]).includes(s);

/** True when `have` may call a route that needs `need`. */
export function allows(have: Role, need: RouteRole): boolean {
  return need === 'public' || RANK[have] >= RANK[need];
}
