/** The roles a user can hold. One role per user; the organisation gives the scope. */
export const ROLES = ['municipality', 'coordinator', 'party', 'national', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, { nl: string; en: string }> = {
  municipality: { nl: 'Gemeente', en: 'Municipality' },
  coordinator: { nl: 'Coördinator versnellingstafel', en: 'Table coordinator' },
  party: { nl: 'Partij', en: 'Party' },
  national: { nl: 'Landelijk', en: 'National' },
  admin: { nl: 'Beheerder', en: 'Administrator' },
};

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
