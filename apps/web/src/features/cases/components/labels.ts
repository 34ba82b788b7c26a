import { CASE_STATUS_LABELS, KNELPUNT_TYPES, type CaseStatus, type Language } from '@doorbraak/domain';

const knelpuntLabels = new Map(KNELPUNT_TYPES.map((k) => [k.code, k]));

export function knelpuntLabel(code: string, language: Language): string {
  return knelpuntLabels.get(code)?.[language] ?? code;
}

export function statusLabel(status: CaseStatus, language: Language): string {
  return CASE_STATUS_LABELS[status][language];
}
