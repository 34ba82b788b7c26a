import {
  CASE_STATUS_LABELS,
  type CaseStatus,
  ESCALATION_LEVELS,
  KNELPUNT_TYPES,
  type Language,
} from '@doorbraak/domain';

const knelpunten = new Map(KNELPUNT_TYPES.map((k) => [k.code, k]));
const levels = new Map(ESCALATION_LEVELS.map((l) => [l.code, l]));
const locales: Record<Language, string> = { nl: 'nl-NL', en: 'en-GB' };

/** A knelpunt type by code in the user's language; the api's (Dutch) label otherwise. */
export const knelpuntName = (code: string | null, fallback: string, language: Language) =>
  (code ? knelpunten.get(code)?.[language] : undefined) ?? fallback;

export const levelName = (code: string | null, fallback: string, language: Language) =>
  (code ? levels.get(code)?.[language] : undefined) ?? fallback;

export const statusName = (status: CaseStatus, language: Language) => CASE_STATUS_LABELS[status][language];

/** `2026-03` → `mrt 2026` (nl) / `Mar 2026` (en). */
export function monthName(month: string, language: Language): string {
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  if (!match) return month;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, 1));
  return new Intl.DateTimeFormat(locales[language], {
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(date);
}
