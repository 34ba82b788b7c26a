import type { Role } from '@doorbraak/domain';

/** Who may report a new knelpunt (the api checks the same; this only hides what would fail). */
const CASE_CREATORS: readonly Role[] = ['municipality', 'coordinator', 'admin'];

export function canCreateCase(role: Role): boolean {
  return CASE_CREATORS.includes(role);
}

/** The admin section (Beheer) and the admin api are for admins only. */
export function canAdminister(role: Role): boolean {
  return role === 'admin';
}

/** The embedded mailbox (GET /api/dev/mailbox) is for admins only. */
export function canViewMailbox(role: Role): boolean {
  return role === 'admin';
}
