import { z } from 'zod';
import { ROLES } from '../roles';

export const loginSchema = z.strictObject({
  email: z.email({ message: 'email.invalid' }).max(254),
  password: z.string().min(1, { message: 'password.required' }).max(1024),
});
export type LoginInput = z.infer<typeof loginSchema>;

export const meSchema = z.object({
  userId: z.uuid(),
  email: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  organisationId: z.uuid(),
  organisationName: z.string(),
  municipalityCode: z.string().nullable(),
  provinceCodes: z.array(z.string()),
});
export type Me = z.infer<typeof meSchema>;
