import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { deliveryListSchema, type Delivery, type DeliveryStatus } from '@doorbraak/domain';
import { api } from '@/lib/api-client';
import { adminKeys } from './query-keys';

/** GET /api/admin/deliveries: the outbox, newest first; `status` narrows it ('' for all). */
export async function getDeliveries(
  status: DeliveryStatus | '',
  { signal }: { signal?: AbortSignal } = {},
): Promise<Delivery[]> {
  const { items } = await api.get('/admin/deliveries', deliveryListSchema, {
    query: { status: status || undefined },
    signal,
  });
  return items;
}

export const getDeliveriesQueryOptions = (status: DeliveryStatus | '') =>
  queryOptions({
    queryKey: adminKeys.deliveries(status),
    queryFn: ({ signal }) => getDeliveries(status, { signal }),
    placeholderData: keepPreviousData,
  });

export function useDeliveries(status: DeliveryStatus | '') {
  return useQuery(getDeliveriesQueryOptions(status));
}
