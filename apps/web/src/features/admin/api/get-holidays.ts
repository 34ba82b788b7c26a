import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { holidaySchema, type Holiday } from '@doorbraak/domain';
import { api } from '@/lib/api-client';
import { adminKeys } from './query-keys';

const listSchema = z.object({ items: z.array(holidaySchema) });

export async function getHolidays(
  year: number,
  { signal }: { signal?: AbortSignal } = {},
): Promise<Holiday[]> {
  const { items } = await api.get('/admin/holidays', listSchema, { query: { year }, signal });
  return items;
}

export const getHolidaysQueryOptions = (year: number) =>
  queryOptions({
    queryKey: adminKeys.holidays(year),
    queryFn: ({ signal }) => getHolidays(year, { signal }),
    placeholderData: keepPreviousData,
  });

export function useHolidays(year: number) {
  return useQuery(getHolidaysQueryOptions(year));
}
