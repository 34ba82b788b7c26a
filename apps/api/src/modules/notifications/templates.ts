import Handlebars from 'handlebars';

/**
 * Email templates (Handlebars), Dutch and English, each with an HTML and a plain-text part.
 * Handlebars escapes everything in {{…}} in the HTML part; the text part is not HTML.
 */
type Lang = 'nl' | 'en';

const THRESHOLD_TEXT: Record<Lang, (t: string) => string> = {
  nl: (t) =>
    t.startsWith('before:')
      ? `over ${t.slice(7)} werkdag${t.slice(7) === '1' ? '' : 'en'} verloopt de termijn`
      : t === 'breach'
        ? 'de termijn is verstreken'
        : t.startsWith('after:')
          ? `de termijn is ${t.slice(6)} werkdagen verstreken`
          : 'de actie staat al 10 werkdagen over de termijn',
  en: (t) =>
    t.startsWith('before:')
      ? `the deadline expires in ${t.slice(7)} working day${t.slice(7) === '1' ? '' : 's'}`
      : t === 'breach'
        ? 'the deadline has passed'
        : t.startsWith('after:')
          ? `the deadline passed ${t.slice(6)} working days ago`
          : 'the action is 10 working days overdue',
};

const source = {
  reminder: {
    subject: {
      nl: '[{{caseReference}}] {{headline}}: {{projectName}}',
      en: '[{{caseReference}}] {{headline}}: {{projectName}}',
    },
    text: {
      nl: `Beste lezer,

{{headline}} voor dossier {{caseReference}} ({{projectName}}).
{{#if organisation}}Afspraak met {{organisation}}: {{requestedAction}}
{{/if}}{{#if dueDate}}Termijn: {{dueDate}}
{{/if}}
Bekijk het dossier: {{caseUrl}}
{{#if actionUrl}}
Geen account? Geef de stand van zaken door, vraag om uitstel of laat een notitie achter via uw persoonlijke link (geldig tot {{actionExpires}}):
{{actionUrl}}
U kunt één keer antwoorden (alles tegelijk); daarna toont de link het dossier nog tot hij verloopt.
Deel deze link niet: wie hem heeft, kan namens u op deze afspraak reageren. Elke nieuwe herinnering bevat een nieuwe link; de vorige vervalt dan.
{{/if}}
Waarom krijgt u deze e-mail? {{reason}}
Meldingen instellen (direct of dagelijks overzicht): {{preferencesUrl}}
-- Doorbraak`,
      en: `Hello,

{{headline}} for case {{caseReference}} ({{projectName}}).
{{#if organisation}}Agreement with {{organisation}}: {{requestedAction}}
{{/if}}{{#if dueDate}}Deadline: {{dueDate}}
{{/if}}
Open the case: {{caseUrl}}
{{#if actionUrl}}
No account? Report progress, ask for more time or leave a note with your personal link (valid until {{actionExpires}}):
{{actionUrl}}
You can answer once (everything at once); afterwards the link still shows the case until it expires.
Do not share this link: whoever has it can respond on this agreement for you. Each new reminder carries a new link; the previous one then stops working.
{{/if}}
Why do you get this email? {{reason}}
Notification settings (immediate or daily digest): {{preferencesUrl}}
-- Doorbraak`,
    },
    html: {
      nl: `<p>Beste lezer,</p><p>{{headline}} voor dossier <strong>{{caseReference}}</strong> ({{projectName}}).</p>{{#if organisation}}<p>Afspraak met {{organisation}}: {{requestedAction}}</p>{{/if}}{{#if dueDate}}<p>Termijn: {{dueDate}}</p>{{/if}}<p><a href="{{caseUrl}}">Bekijk het dossier</a></p>{{#if actionUrl}}<p>Geen account? <a href="{{actionUrl}}">Geef de stand van zaken door, vraag om uitstel of laat een notitie achter</a> (persoonlijke link, één keer te gebruiken, geldig tot {{actionExpires}}). Deel deze link niet; elke nieuwe herinnering bevat een nieuwe link.</p>{{/if}}<p><small>Waarom krijgt u deze e-mail? {{reason}} <a href="{{preferencesUrl}}">Meldingen instellen</a></small></p>`,
      en: `<p>Hello,</p><p>{{headline}} for case <strong>{{caseReference}}</strong> ({{projectName}}).</p>{{#if organisation}}<p>Agreement with {{organisation}}: {{requestedAction}}</p>{{/if}}{{#if dueDate}}<p>Deadline: {{dueDate}}</p>{{/if}}<p><a href="{{caseUrl}}">Open the case</a></p>{{#if actionUrl}}<p>No account? <a href="{{actionUrl}}">Report progress, ask for more time or leave a note</a> (personal link, to be used once, valid until {{actionExpires}}). Do not share this link; each new reminder carries a new one.</p>{{/if}}<p><small>Why do you get this email? {{reason}} <a href="{{preferencesUrl}}">Notification settings</a></small></p>`,
    },
  },
  /** A contact asked for more time through a signed action link: to the table's coordinators. */
  extensionRequest: {
    subject: {
      nl: '[{{caseReference}}] Verzoek om {{workingDays}} werkdagen extra: {{projectName}}',
      en: '[{{caseReference}}] Request for {{workingDays}} more working days: {{projectName}}',
    },
    text: {
      nl: `Beste coördinator,

{{contactEmail}} vraagt namens {{organisation}} om {{workingDays}} werkdagen extra voor dossier {{caseReference}} ({{projectName}}).
Afspraak: {{requestedAction}}
{{#if dueDate}}Huidige termijn: {{dueDate}}
{{/if}}Reden: {{requestReason}}

U beslist in het dossier (termijn verlengen of niet): {{caseUrl}}

Waarom krijgt u deze e-mail? {{reason}}
Meldingen instellen: {{preferencesUrl}}
-- Doorbraak`,
      en: `Hello coordinator,

{{contactEmail}} asks on behalf of {{organisation}} for {{workingDays}} more working days on case {{caseReference}} ({{projectName}}).
Agreement: {{requestedAction}}
{{#if dueDate}}Current deadline: {{dueDate}}
{{/if}}Reason: {{requestReason}}

You decide in the case (extend the deadline or not): {{caseUrl}}

Why do you get this email? {{reason}}
Notification settings: {{preferencesUrl}}
-- Doorbraak`,
    },
    html: {
      nl: `<p>Beste coördinator,</p><p>{{contactEmail}} vraagt namens {{organisation}} om <strong>{{workingDays}} werkdagen extra</strong> voor dossier <strong>{{caseReference}}</strong> ({{projectName}}).</p><p>Afspraak: {{requestedAction}}</p>{{#if dueDate}}<p>Huidige termijn: {{dueDate}}</p>{{/if}}<p>Reden: {{requestReason}}</p><p><a href="{{caseUrl}}">Beslis in het dossier</a> (termijn verlengen of niet).</p><p><small>Waarom krijgt u deze e-mail? {{reason}} <a href="{{preferencesUrl}}">Meldingen instellen</a></small></p>`,
      en: `<p>Hello coordinator,</p><p>{{contactEmail}} asks on behalf of {{organisation}} for <strong>{{workingDays}} more working days</strong> on case <strong>{{caseReference}}</strong> ({{projectName}}).</p><p>Agreement: {{requestedAction}}</p>{{#if dueDate}}<p>Current deadline: {{dueDate}}</p>{{/if}}<p>Reason: {{requestReason}}</p><p><a href="{{caseUrl}}">Decide in the case</a> (extend the deadline or not).</p><p><small>Why do you get this email? {{reason}} <a href="{{preferencesUrl}}">Notification settings</a></small></p>`,
    },
  },
  digest: {
    subject: { nl: 'Doorbraak: dagelijks overzicht ({{count}})', en: 'Doorbraak: daily digest ({{count}})' },
    text: {
      nl: `Beste lezer,

Uw overzicht van vandaag:
{{#each items}}- [{{caseReference}}] {{projectName}}: {{headline}}{{#if dueDate}} (termijn {{dueDate}}){{/if}} — {{caseUrl}}
{{/each}}
U krijgt dit overzicht omdat u voor een dagelijks overzicht hebt gekozen: {{preferencesUrl}}
-- Doorbraak`,
      en: `Hello,

Your digest for today:
{{#each items}}- [{{caseReference}}] {{projectName}}: {{headline}}{{#if dueDate}} (deadline {{dueDate}}){{/if}} — {{caseUrl}}
{{/each}}
You get this digest because you chose a daily digest: {{preferencesUrl}}
-- Doorbraak`,
    },
    html: {
      nl: `<p>Beste lezer,</p><p>Uw overzicht van vandaag:</p><ul>{{#each items}}<li><a href="{{caseUrl}}">[{{caseReference}}] {{projectName}}</a>: {{headline}}{{#if dueDate}} (termijn {{dueDate}}){{/if}}</li>{{/each}}</ul><p><small>U krijgt dit overzicht omdat u voor een dagelijks overzicht hebt gekozen. <a href="{{preferencesUrl}}">Meldingen instellen</a></small></p>`,
      en: `<p>Hello,</p><p>Your digest for today:</p><ul>{{#each items}}<li><a href="{{caseUrl}}">[{{caseReference}}] {{projectName}}</a>: {{headline}}{{#if dueDate}} (deadline {{dueDate}}){{/if}}</li>{{/each}}</ul><p><small>You get this digest because you chose a daily digest. <a href="{{preferencesUrl}}">Notification settings</a></small></p>`,
    },
  },
} as const;

type Kind = keyof typeof source;
const compiled = new Map<string, HandlebarsTemplateDelegate>();

function render(kind: Kind, part: 'subject' | 'text' | 'html', lang: Lang, data: object): string {
  const key = `${kind}:${part}:${lang}`;
  let template = compiled.get(key);
  if (!template) {
    template = Handlebars.compile(source[kind][part][lang], { noEscape: part !== 'html', strict: false });
    compiled.set(key, template);
  }
  return template(data);
}

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

export function headline(threshold: string, lang: Lang): string {
  return THRESHOLD_TEXT[lang](threshold);
}

const DATE_FORMATS: Record<Lang, Intl.DateTimeFormat> = {
  nl: new Intl.DateTimeFormat('nl-NL', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }),
  en: new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }),
};

/** `2026-12-04` → `4 december 2026` (a calendar date, so no time zone shift). */
export function formatDate(date: unknown, lang: Lang): unknown {
  return typeof date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(date)
    ? DATE_FORMATS[lang].format(new Date(`${date}T00:00:00Z`))
    : date;
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export function renderEmail(kind: Kind, lang: Lang, input: Record<string, unknown>): RenderedEmail {
  const data = {
    ...input,
    dueDate: formatDate(input.dueDate, lang),
    actionExpires: formatDate(input.actionExpires, lang),
    headline: typeof input.headline === 'string' ? capitalise(input.headline) : input.headline,
    items: Array.isArray(input.items)
      ? (input.items as Record<string, unknown>[]).map((i) => ({
          ...i,
          dueDate: formatDate(i.dueDate, lang),
        }))
      : undefined,
  };
  return {
    subject: render(kind, 'subject', lang, data).replace(/[\r\n]+/g, ' '),
    text: render(kind, 'text', lang, data),
    html: render(kind, 'html', lang, data),
  };
}
