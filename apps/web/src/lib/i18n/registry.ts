import type { Language } from '@doorbraak/domain';

/**
 * Every message known per language, filled as chunks arrive: the Dutch core with the first load,
 * Dutch case work with the case pages, English (core and case work) when someone picks it.
 */
export const dictionaries: Record<Language, Record<string, string>> = { nl: {}, en: {} };

export function registerMessages(language: Language, messages: Readonly<Record<string, string>>): void {
  Object.assign(dictionaries[language], messages);
}
