import { z } from 'zod';
import {
  createCaseSchema,
  KNELPUNT_TYPES,
  LOCATION_PROGRAMMES,
  MUNICIPALITIES,
  translateMessage,
  zodLocale,
  type CreateCaseInput,
  type Language,
} from '@doorbraak/domain';
import type { MessageKey, Translate } from '@/lib/i18n';
import { parseCount } from '@/lib/parse-count';

/** What the Melden form holds: the text of every field as typed (a draft keeps exactly this). */
export interface MeldenValues {
  projectName: string;
  locationProgramme: string;
  municipalityCode: string;
  homesTotal: string;
  homesSocialOrAffordable: string;
  knelpuntTypes: string[];
  description: string;
}

export type MeldenField = keyof MeldenValues;

export const meldenValuesSchema = z.object({
  projectName: z.string().max(1000),
  locationProgramme: z.string().max(64),
  municipalityCode: z.string().max(16),
  homesTotal: z.string().max(64),
  homesSocialOrAffordable: z.string().max(64),
  knelpuntTypes: z.array(z.string().max(64)).max(20),
  description: z.string().max(20_000),
}) satisfies z.ZodType<MeldenValues>;

export const MELDEN_STEPS = [
  { key: 'project', title: 'melden.step.project', fields: ['projectName', 'locationProgramme'] },
  { key: 'municipality', title: 'melden.step.municipality', fields: ['municipalityCode'] },
  { key: 'homes', title: 'melden.step.homes', fields: ['homesTotal', 'homesSocialOrAffordable'] },
  { key: 'knelpunt', title: 'melden.step.knelpunt', fields: ['knelpuntTypes', 'description'] },
  { key: 'attachments', title: 'melden.step.attachments', fields: [] },
  { key: 'summary', title: 'melden.step.summary', fields: [] },
] as const satisfies readonly { key: string; title: MessageKey; fields: readonly MeldenField[] }[];

export const LAST_STEP = MELDEN_STEPS.length - 1;

/** The step a field is asked on. */
export function stepOf(field: string): number {
  const index = MELDEN_STEPS.findIndex((step) => (step.fields as readonly string[]).includes(field));
  return index < 0 ? 0 : index;
}

export function emptyValues(municipalityCode?: string | null): MeldenValues {
  return {
    projectName: '',
    locationProgramme: 'geen',
    municipalityCode: municipalityCode ?? '',
    homesTotal: '',
    homesSocialOrAffordable: '',
    knelpuntTypes: [],
    description: '',
  };
}

/** The request body the values make (what the api receives; its schema validates it). */
export function toCreateInput(values: MeldenValues): Record<string, unknown> {
  const description = values.description.trim();
  return {
    projectName: values.projectName,
    municipalityCode: values.municipalityCode,
    homesTotal: parseCount(values.homesTotal),
    homesSocialOrAffordable: parseCount(values.homesSocialOrAffordable),
    knelpuntTypes: values.knelpuntTypes,
    description: description === '' ? undefined : description,
    locationProgramme: values.locationProgramme === '' ? undefined : values.locationProgramme,
  };
}

/** Valid stand-ins for the fields of steps not reached yet, so the schema judges only the steps so far. */
const PLACEHOLDERS: Record<string, unknown> = {
  projectName: 'x',
  locationProgramme: undefined,
  municipalityCode: MUNICIPALITIES[0]?.code,
  homesTotal: 100_000,
  homesSocialOrAffordable: undefined,
  knelpuntTypes: [KNELPUNT_TYPES[0]?.code],
  description: undefined,
};

/** Clear Dutch (or English) messages for the problems people hit in this form. */
function meldenErrorMap(language: Language, t: Translate): z.core.$ZodErrorMap {
  const fallback = zodLocale(language);
  return (issue) => {
    const field = String(issue.path?.[0] ?? '');
    switch (field) {
      case 'projectName':
        return t(
          issue.code === 'too_big' ? 'caseForm.error.projectNameTooLong' : 'caseForm.error.projectName',
        );
      case 'locationProgramme':
        return t('melden.error.locationProgramme');
      case 'municipalityCode':
        return t('caseForm.error.municipality');
      case 'homesTotal':
        if (issue.code === 'too_small') return t('caseForm.error.homesMin');
        if (issue.code === 'too_big') return t('caseForm.error.homesMax');
        return t('caseForm.error.homesRequired');
      case 'homesSocialOrAffordable':
        return t('melden.error.homesSocial');
      case 'knelpuntTypes':
        return issue.code === 'too_small' ? t('caseForm.error.knelpuntTypes') : fallback(issue);
      case 'description':
        return t('caseForm.error.description');
      default:
        return fallback(issue);
    }
  };
}

/** Messages the schema carries itself (`text.blank`, a refine's key) in the words of this form. */
function wordsFor(field: string, message: string, language: Language, t: Translate): string {
  if (field === 'projectName' && message === 'text.blank') return t('caseForm.error.projectName');
  if (field === 'municipalityCode' && message === 'municipality.unknown') {
    return t('caseForm.error.municipality');
  }
  if (field === 'homesSocialOrAffordable' && message === 'homes.affordableExceedsTotal') {
    return t('melden.error.homesSocialExceeds');
  }
  return translateMessage(message, language);
}

export type MeldenErrors = Partial<Record<MeldenField, string>>;

/**
 * Validate the steps up to and including `throughStep` with the domain's createCaseSchema (the
 * same rules as the api). Returns the first message per field; the fields of later steps are
 * stood in for, so they never complain before they are asked.
 */
export function validateSteps(
  values: MeldenValues,
  throughStep: number,
  language: Language,
  t: Translate,
): { errors: MeldenErrors; input: CreateCaseInput | null } {
  const candidate = toCreateInput(values);
  for (const [field, placeholder] of Object.entries(PLACEHOLDERS)) {
    if (stepOf(field) > throughStep) candidate[field] = placeholder;
  }
  const result = createCaseSchema.safeParse(candidate, { error: meldenErrorMap(language, t) });
  if (result.success) return { errors: {}, input: result.data };
  const errors: MeldenErrors = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? '') as MeldenField;
    if (!(field in PLACEHOLDERS) || errors[field] !== undefined) continue;
    errors[field] = wordsFor(field, issue.message, language, t);
  }
  return { errors, input: null };
}

export const LOCATION_PROGRAMME_OPTIONS = LOCATION_PROGRAMMES;
