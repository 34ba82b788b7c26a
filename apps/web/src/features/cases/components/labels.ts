import {
  CASE_STATUS_LABELS,
  ESCALATION_LEVELS,
  KNELPUNT_TYPES,
  SOLUTION_TYPE_LABELS,
  TRANSITION_RULE_MESSAGES,
  TRANSITION_RULES,
  type CaseStatus,
  type Language,
  type TransitionRule,
} from '@doorbraak/domain';

const knelpuntLabels = new Map(KNELPUNT_TYPES.map((k) => [k.code, k]));

export function knelpuntLabel(code: string, language: Language): string {
  return knelpuntLabels.get(code)?.[language] ?? code;
}

export function statusLabel(status: CaseStatus, language: Language): string {
  return CASE_STATUS_LABELS[status][language];
}

export function solutionTypeLabel(code: keyof typeof SOLUTION_TYPE_LABELS, language: Language): string {
  return SOLUTION_TYPE_LABELS[code][language];
}

/** A rung of the ladder as the page gets it (GET /api/reference/levels, or the shipped copy). */
export interface LadderLevel {
  code: string;
  rank: number;
  labelNl: string;
  labelEn: string;
}

export const SHIPPED_LEVELS: readonly LadderLevel[] = ESCALATION_LEVELS.map((l) => ({
  code: l.code,
  rank: l.rank,
  labelNl: l.nl,
  labelEn: l.en,
}));

export function levelLabel(
  code: string,
  language: Language,
  levels: readonly LadderLevel[] = SHIPPED_LEVELS,
): string {
  const level = levels.find((l) => l.code === code) ?? SHIPPED_LEVELS.find((l) => l.code === code);
  if (!level) return code;
  return language === 'nl' ? level.labelNl : level.labelEn;
}

function isTransitionRule(value: string): value is TransitionRule {
  return (TRANSITION_RULES as readonly string[]).includes(value);
}

/** The Dutch (or English) sentence for a transition rule named by a 409 problem type, if it is one. */
export function transitionRuleMessage(rule: string, language: Language): string | undefined {
  return isTransitionRule(rule) ? TRANSITION_RULE_MESSAGES[rule][language] : undefined;
}

/** Whether a `YYYY-MM-DD` due date has passed (compared with today's date, also `YYYY-MM-DD`). */
export function isPastDue(dueDate: string | null, today: string): boolean {
  return dueDate !== null && dueDate < today;
}
