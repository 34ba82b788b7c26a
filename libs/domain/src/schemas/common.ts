import { z } from 'zod';
import { MUNICIPALITIES } from '../reference';

const municipalityCodes = new Set(MUNICIPALITIES.map((m) => m.code));

/** Trimmed, non-blank text with an upper bound. */
export const text = (max: number) => z.string().trim().min(1, { message: 'text.blank' }).max(max);

export const municipalityCode = z
  .string()
  .regex(/^GM\d{4}$/)
  .refine((code) => municipalityCodes.has(code), { message: 'municipality.unknown' });

export const uuid = z.uuid();

/** A calendar date `YYYY-MM-DD` that really exists. */
export const isoDate = z.iso.date();

export const homesCount = z.number().int().min(0).max(100_000);
