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
  'linkResponse.empty': {
    nl: 'Geef minstens één antwoord: de stand van de actie, een verzoek om meer tijd of een notitie.',
    en: 'Give at least one answer: the status of the action, a request for more time or a note.',
  },
  'linkResponse.workingDays': {
    nl: 'Vul een heel aantal werkdagen in, van 1 tot en met 120.',
    en: 'Enter a whole number of working days, from 1 to 120.',
  },
  'linkResponse.reason': {
    nl: 'Schrijf waarom meer tijd nodig is (minstens 3 tekens).',
    en: 'Write why more time is needed (at least 3 characters).',
  },
  'linkResponse.reasonTooLong': {
    nl: 'Houd de reden korter dan 2.000 tekens.',
    en: 'Keep the reason under 2,000 characters.',
  },
  'linkResponse.progressNoteTooLong': {
    nl: 'Houd de toelichting korter dan 4.000 tekens.',
    en: 'Keep the progress note under 4,000 characters.',
  },
  'linkResponse.noteTooLong': {
    nl: 'Houd de notitie korter dan 10.000 tekens.',
    en: 'Keep the note under 10,000 characters.',
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
  'admin.label.tooShort': {
    nl: 'Vul minstens 2 tekens in.',
    en: 'Enter at least 2 characters.',
  },
  'admin.label.tooLong': {
    nl: 'Gebruik hoogstens 200 tekens.',
    en: 'Use at most 200 characters.',
  },
  'admin.note.tooLong': {
    nl: 'Gebruik hoogstens 2000 tekens.',
    en: 'Use at most 2000 characters.',
  },
  'policy.budget.range': {
    nl: 'Vul voor de termijn een heel aantal werkdagen in van 1 tot en met 250.',
    en: 'Enter a whole number of working days from 1 to 250 for the budget.',
  },
  'policy.extension.range': {
    nl: 'Vul voor de maximale verlenging een heel aantal werkdagen in van 0 tot en met 120.',
    en: 'Enter a whole number of working days from 0 to 120 for the extension cap.',
  },
  'policy.pause.range': {
    nl: 'Vul voor de maximale pauze een heel aantal werkdagen in van 1 tot en met 250.',
    en: 'Enter a whole number of working days from 1 to 250 for the pause cap.',
  },
  'policy.knelpunt.notAllowed': {
    nl: 'Alleen de termijn van een actie van een partij kan per type knelpunt verschillen.',
    en: 'Only the budget of a party action can differ per knelpunt type.',
  },
  'policy.level.required': {
    nl: 'Kies het niveau van de tafel waarvoor deze beslistermijn geldt.',
    en: 'Choose the level of the table this decision budget applies to.',
  },
  'policy.level.notAllowed': {
    nl: 'Alleen een beslistermijn van een tafel hoort bij een niveau.',
    en: 'Only a decision budget of a table belongs to a level.',
  },
  'holiday.date.invalid': {
    nl: 'Vul een geldige datum in (jjjj-mm-dd).',
    en: 'Enter a valid date (yyyy-mm-dd).',
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
