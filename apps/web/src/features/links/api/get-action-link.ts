import { queryOptions, useQuery } from '@tanstack/react-query';
import { actionLinkViewSchema, type ActionLinkView } from '@doorbraak/domain';
import { api } from '@/lib/api-client';

/** Query keys of the action-link feature (the token is the credential: never log these keys). */
export const linkKeys = {
  view: (token: string) => ['action-link', token] as const,
};

export const linkPath = (token: string) => `/links/${encodeURIComponent(token)}`;

/**
 * What a signed action link is for: the case summary and the one assignment it may act on.
 * Public (no session); 401 when expired or revoked, 404 when unknown.
 */
export function getActionLink(
  token: string,
  { signal }: { signal?: AbortSignal } = {},
): Promise<ActionLinkView> {
  return api.get(linkPath(token), actionLinkViewSchema, { signal });
}

export const getActionLinkQueryOptions = (token: string) =>
  queryOptions({
    queryKey: linkKeys.view(token),
    queryFn: ({ signal }) => getActionLink(token, { signal }),
  });

export function useActionLink(token: string) {
  return useQuery(getActionLinkQueryOptions(token));
}
