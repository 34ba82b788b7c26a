import { organisationInputSchema, regionInputSchema } from '@doorbraak/domain';
import { z } from 'zod';

/** `GET /api/organisations?type=&q=`: filter on the party type code and on a part of the name. */
export const organisationListQuerySchema = z.strictObject({
  type: z
    .string()
    .regex(/^[a-z_]{2,64}$/)
    .optional(),
  q: z.string().trim().max(200).optional(),
});
export type OrganisationListQuery = z.infer<typeof organisationListQuerySchema>;

/** PATCH bodies: any subset of the create input, at least one field. */
export const organisationPatchSchema = organisationInputSchema
  .partial()
  .refine((p) => Object.keys(p).length > 0, { message: 'patch.empty' });
export type OrganisationPatch = z.infer<typeof organisationPatchSchema>;

export const regionPatchSchema = regionInputSchema
  .partial()
  .refine((p) => Object.keys(p).length > 0, { message: 'patch.empty' });
export type RegionPatch = z.infer<typeof regionPatchSchema>;
