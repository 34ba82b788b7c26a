import { useCallback, useSyncExternalStore } from 'react';
import { LANGUAGES, type Language } from '@doorbraak/domain';
import { en, nl, type MessageKey, type Messages } from './messages';

export type { MessageKey } from './messages';
export type { Language } from '@doorbraak/domain';

/**
 * A tiny i18n store: Dutch by default, English on request, the choice kept in localStorage.
 * Outside React (the api client) read it with `getLanguage()`; inside React use `useI18n()`.
 */
const STORAGE_KEY = 'doorbraak.language';
const dictionaries: Record<Language, Messages> = { nl, en };
const listeners = new Set<() => void>();

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

let current: Language = typeof window === 'undefined' ? 'nl' : readStoredLanguage();

export function getLanguage(): Language {
  return current;
}

export function setLanguage(language: Language): void {
  current = language;
  try {
    window.localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Private mode or storage disabled: the choice lasts for this page only.
  }
  document.documentElement.lang = language;
  listeners.forEach((listener) => listener());
}

/** Re-read the stored choice (used at start-up and by tests). */
export function initLanguage(): Language {
  current = readStoredLanguage();
  document.documentElement.lang = current;
  return current;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

export function translate(language: Language, key: MessageKey, values?: Record<string, string | number>) {
  const template = dictionaries[language][key];
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

export function useI18n() {
  const language = useSyncExternalStore(subscribe, getLanguage, (): Language => 'nl');
  const t = useCallback<Translate>((key, values) => translate(language, key, values), [language]);
  const number = useCallback((value: number) => formatNumber(value, language), [language]);
  const date = useCallback((iso: string) => formatDate(iso, language), [language]);
  const dateTime = useCallback((iso: string) => formatDateTime(iso, language), [language]);
  return { language, setLanguage, t, formatNumber: number, formatDate: date, formatDateTime: dateTime };
}
