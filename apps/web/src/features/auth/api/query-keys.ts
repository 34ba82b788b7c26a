/** Query keys of the auth feature (one factory, so invalidation can target a prefix). */
export const authKeys = {
  all: ['auth'] as const,
  me: () => [...authKeys.all, 'me'] as const,
};
