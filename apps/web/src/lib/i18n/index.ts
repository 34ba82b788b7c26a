import { useCallback, useSyncExternalStore } from 'react';
import { LANGUAGES, type Language } from '@doorbraak/domain';
import { nl, type CoreMessageKey } from './messages';
import type { CaseMessageKey } from './messages.case';
import type { InsightMessageKey } from './messages.insight';
import type { AdminMessageKey } from './messages.admin';
import { dictionaries, registerMessages } from './registry';

export type { Language } from '@doorbraak/domain';
/** Every key the UI may ask for; the case-work keys are registered by the case pages' chunk. */
export type MessageKey = CoreMessageKey | CaseMessageKey | InsightMessageKey | AdminMessageKey;

/**
 * A tiny i18n store: Dutch by default, English on request, the choice kept in localStorage.
 * Outside React (the api client) read it with `getLanguage()`; inside React use `useI18n()`.
 * Dutch ships in the first load; English is its own chunk, fetched when someone picks it.
 */
const STORAGE_KEY = 'doorbraak.language';
const listeners = new Set<() => void>();

registerMessages('nl', nl);
let english: Promise<void> | null = null;
let englishReady = false;

const isLoaded = (language: Language) => language === 'nl' || englishReady;

/** Dutch is bundled; English (core and case work) is fetched once, on first use. */
function loadMessages(language: Language): Promise<void> {
  if (isLoaded(language)) return Promise.resolve();
  english ??= Promise.all([
    import('./messages.en'),
    import('./messages.case.en'),
    import('./messages.insight.en'),
    import('./messages.admin.en'),
  ]).then(
    ([core, caseWork, insight, admin]) => {
      registerMessages('en', core.en);
      registerMessages('en', caseWork.caseEn);
      registerMessages('en', insight.insightEn);
      registerMessages('en', admin.adminEn);
      englishReady = true;
    },
    (error: unknown) => {
      english = null; // try again next time
      throw error;
    },
  );
  return english;
}

function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

function readStoredLanguage(): Language {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    return isLanguage(stored) ? stored : 'nl';
  } catch {
    return 'nl';
  }
}

let current: Language = 'nl';

export function getLanguage(): Language {
  return current;
}

function apply(language: Language): void {
  current = language;
  document.documentElement.lang = language;
  listeners.forEach((listener) => listener());
}

/** Switch language (after its messages are loaded) and remember the choice. */
export async function setLanguage(language: Language): Promise<void> {
  try {
    window.localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Private mode or storage disabled: the choice lasts for this page only.
  }
  await loadMessages(language);
  apply(language);
}

/**
 * Re-read the stored choice (at start-up, and by tests). Applies at once when its messages are
 * there; otherwise resolves once they are loaded (or stays Dutch if loading fails).
 */
export function initLanguage(): Promise<Language> {
  const stored = readStoredLanguage();
  if (isLoaded(stored)) {
    apply(stored);
    return Promise.resolve(stored);
  }
  apply('nl');
  return loadMessages(stored).then(
    () => {
      apply(stored);
      return stored;
    },
    () => 'nl' as const,
  );
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

export function translate(language: Language, key: MessageKey, values?: Record<string, string | number>) {
  const template = dictionaries[language][key] ?? dictionaries.nl[key] ?? key;
  if (!values) return template;
  return template.replace(/\{(\w+)\}/g, (match, name: string) => {
    const value = values[name];
    return value === undefined ? match : String(value);
  });
}

const locales: Record<Language, string> = { nl: 'nl-NL', en: 'en-GB' };

/** `3500` → `3.500` in Dutch, `3,500` in English. */
export function formatNumber(value: number, language: Language): string {
  return new Intl.NumberFormat(locales[language]).format(value);
}

export function formatDate(iso: string, language: Language): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locales[language], { dateStyle: 'long' }).format(date);
}

/** Date and time to the second: `20 nov 2026, 11:05:12` in Dutch. */
export function formatDateTime(iso: string, language: Language): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locales[language], { dateStyle: 'medium', timeStyle: 'medium' }).format(
    date,
  );
}

/**
 * A calendar date (`YYYY-MM-DD`, no time): formatted as that day everywhere, whatever the time
 * zone (a `Date` of midnight UTC would show the day before west of Greenwich).
 */
export function formatDay(isoDay: string, language: Language): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDay);
  if (!match) return formatDate(isoDay, language);
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return new Intl.DateTimeFormat(locales[language], { dateStyle: 'long', timeZone: 'UTC' }).format(date);
}

/** Today in the Netherlands as `YYYY-MM-DD` (the api judges dates in Europe/Amsterdam too). */
export function todayInAmsterdam(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(now);
}

export function useI18n() {
  const language = useSyncExternalStore(subscribe, getLanguage, (): Language => 'nl');
  const t = useCallback<Translate>((key, values) => translate(language, key, values), [language]);
  const number = useCallback((value: number) => formatNumber(value, language), [language]);
  const date = useCallback((iso: string) => formatDate(iso, language), [language]);
  const dateTime = useCallback((iso: string) => formatDateTime(iso, language), [language]);
  const day = useCallback((iso: string) => formatDay(iso, language), [language]);
  return {
    language,
    setLanguage,
    t,
    formatNumber: number,
    formatDate: date,
    formatDateTime: dateTime,
    formatDay: day,
  };
}
