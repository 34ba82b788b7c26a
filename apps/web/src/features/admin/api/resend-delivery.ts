import { useMutation, useQueryClient } from '@tanstack/react-query';
import { deliverySchema } from '@doorbraak/domain';
import { api } from '@/lib/api-client';
import { adminKeys } from './query-keys';

/** POST /api/admin/deliveries/{id}/resend: an unconfirmed or failed email back into the outbox (202). */
export function resendDelivery(id: string) {
  return api.post(`/admin/deliveries/${encodeURIComponent(id)}/resend`, deliverySchema, undefined);
}

export function useResendDelivery() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: resendDelivery,
    onSettled: () => queryClient.invalidateQueries({ queryKey: adminKeys.deliveriesAll() }),
  });
}
