import { z } from 'zod';

export const LANGUAGES = ['nl', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/**
 * Messages for the domain's own rules. A schema refinement uses the key as its message; the
 * validation helper swaps the key for the text in the caller's language.
 */
export const DOMAIN_MESSAGES = {
  'municipality.unknown': {
    nl: 'Onbekende gemeentecode; kies een gemeente uit de lijst.',
    en: 'Unknown municipality code; choose a municipality from the list.',
  },
  'knelpunt.unknown': {
    nl: 'Onbekend type knelpunt.',
    en: 'Unknown knelpunt type.',
  },
  'knelpunt.duplicate': {
    nl: 'Elk type knelpunt mag maar één keer voorkomen.',
    en: 'Each knelpunt type may appear only once.',
  },
  'homes.affordableExceedsTotal': {
    nl: 'Het aantal sociale en betaalbare woningen kan niet groter zijn dan het totaal.',
    en: 'Social and affordable homes cannot exceed the total.',
  },
  'text.blank': {
    nl: 'Vul dit veld in.',
    en: 'Fill in this field.',
  },
  'email.invalid': {
    nl: 'Vul een geldig e-mailadres in.',
    en: 'Enter a valid email address.',
  },
  'patch.empty': {
    nl: 'Geef minstens één veld om te wijzigen.',
    en: 'Give at least one field to change.',
  },
  'password.required': {
    nl: 'Vul uw wachtwoord in.',
    en: 'Enter your password.',
  },
  'password.tooShort': {
    nl: 'Kies een wachtwoord van minstens 12 tekens.',
    en: 'Choose a password of at least 12 characters.',
  },
  'password.tooLong': {
    nl: 'Kies een wachtwoord van hoogstens 128 tekens.',
    en: 'Choose a password of at most 128 characters.',
  },
  'password.common': {
    nl: 'Dit wachtwoord staat in een lijst van veelgebruikte of uitgelekte wachtwoorden; kies een ander.',
    en: 'This password is on a list of common or breached passwords; choose another.',
  },
  'password.containsEmail': {
    nl: 'Het wachtwoord mag uw e-mailadres niet bevatten.',
    en: 'The password must not contain your email address.',
  },
  'password.sameAsCurrent': {
    nl: 'Het nieuwe wachtwoord moet anders zijn dan het huidige.',
    en: 'The new password must differ from the current one.',
  },
  'password.currentWrong': {
    nl: 'Het huidige wachtwoord klopt niet.',
    en: 'The current password is not correct.',
  },
} as const satisfies Record<string, Record<Language, string>>;
export type DomainMessageKey = keyof typeof DOMAIN_MESSAGES;

function isDomainMessageKey(value: string): value is DomainMessageKey {
  return Object.prototype.hasOwnProperty.call(DOMAIN_MESSAGES, value);
}

export function translateMessage(message: string, language: Language): string {
  return isDomainMessageKey(message) ? DOMAIN_MESSAGES[message][language] : message;
}

export function zodLocale(language: Language): z.core.$ZodErrorMap {
  return (language === 'nl' ? z.locales.nl() : z.locales.en()).localeError;
}

export function pickLanguage(acceptLanguage: string | undefined | null): Language {
  if (!acceptLanguage) return 'nl';
  const first = acceptLanguage.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'nl';
}
