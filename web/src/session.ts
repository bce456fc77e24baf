import { tryGet } from './api.js';

export type Role = 'viewer' | 'trader' | 'admin';
const RANK: Record<Role, number> = { viewer: 0, trader: 1, admin: 2 };

/** Who the server says the caller is; pages show the controls that role may use. */
export const session: { role: Role; via: string; known: boolean } = { role: 'viewer', via: 'anonymous', known: false };

export async function refreshSession(): Promise<void> {
  const r = await tryGet<{ role: Role; via: string }>('/api/v1/whoami');
  if (r.ok) Object.assign(session, { role: r.data.role, via: r.data.via, known: true });
  else Object.assign(session, { role: 'viewer', via: `refused: ${r.error.message}`, known: false });
}

export const may = (need: Role): boolean => RANK[session.role] >= RANK[need];
