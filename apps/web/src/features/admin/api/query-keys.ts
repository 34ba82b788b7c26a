/** Query keys of the admin feature (one factory, so a change can invalidate a whole list). */
export const adminKeys = {
  all: ['admin'] as const,
  users: (q: string) => [...adminKeys.all, 'users', q] as const,
  usersAll: () => [...adminKeys.all, 'users'] as const,
  organisations: () => [...adminKeys.all, 'organisations'] as const,
  regions: () => [...adminKeys.all, 'regions'] as const,
  municipalities: () => [...adminKeys.all, 'municipalities'] as const,
  knelpuntTypes: () => [...adminKeys.all, 'knelpunt-types'] as const,
  deadlinePolicies: () => [...adminKeys.all, 'deadline-policies'] as const,
  holidays: (year: number) => [...adminKeys.all, 'holidays', year] as const,
  holidaysAll: () => [...adminKeys.all, 'holidays'] as const,
  deliveries: (status: string) => [...adminKeys.all, 'deliveries', status] as const,
  deliveriesAll: () => [...adminKeys.all, 'deliveries'] as const,
};
