import {
  type CaseDetail,
  type CaseEvent,
  CASE_STATUS_LABELS,
  type CaseStatus,
  type InsightDashboard,
  SOLUTION_TYPE_LABELS,
  type SystemicKnelpunt,
} from '@doorbraak/domain';
import PDFDocument from 'pdfkit';

/*
 * The PDF documents: a case file (dossier) and the progress report in the shape of the
 * Kamerbrief's knelpunten section. pdfkit with its standard fonts (Helvetica, WinAnsi): no font
 * files to ship.
 */

export interface ReferenceLabels {
  knelpunt: Map<string, string>;
  level: Map<string, string>;
}

const MARGIN = 56;
const nl = new Intl.NumberFormat('nl-NL');
const when = new Intl.DateTimeFormat('nl-NL', {
  timeZone: 'Europe/Amsterdam',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});
const day = new Intl.DateTimeFormat('nl-NL', {
  timeZone: 'UTC',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});
/** `2025-11-14` → `14 november 2025`. */
const dayText = (date: string | null) =>
  date ? day.format(new Date(`${date.slice(0, 10)}T00:00:00Z`)) : '—';
const instantText = (iso: string) => when.format(new Date(iso));
const status = (s: string) => CASE_STATUS_LABELS[s as CaseStatus]?.nl ?? s;

const ROLE = { lead: 'Trekker', contributor: 'Bijdrager', informed: 'Geïnformeerd' } as const;
const ACTION = { open: 'Open', in_progress: 'Bezig', done: 'Gereed', blocked: 'Geblokkeerd' } as const;
const CLOCK = { triage: 'Triage', assignment: 'Afspraak', level_decision: 'Besluit hoger niveau' } as const;
const CLOCK_STATE = {
  running: 'Loopt',
  paused: 'Gepauzeerd',
  met: 'Gehaald',
  breached: 'Verlopen',
  cancelled: 'Vervallen',
} as const;
const OUTCOME = { decided: 'Besloten', returned: 'Teruggegeven', withdrawn: 'Ingetrokken' } as const;
const PROGRAMME = {
  doorbraaklocatie: 'Doorbraaklocatie',
  regionaal_grootschalig: 'Regionaal grootschalige locatie',
  geen: 'Geen',
} as const;
const EVENT: Record<string, string> = {
  'case.submitted': 'Ingediend',
  'case.updated': 'Gegevens gewijzigd',
  'case.status_changed': 'Status gewijzigd',
  'case.bundled': 'Gebundeld in systemisch knelpunt',
  'systemic.created': 'Systemisch knelpunt aangemaakt',
  'assignment.created': 'Partij toegevoegd',
  'assignment.updated': 'Afspraak bijgewerkt',
  'assignment.removed': 'Partij verwijderd',
  'escalation.opened': 'Opgeschaald',
  'escalation.decided': 'Besluit op opschaling',
  'breakthrough.recorded': 'Doorbraak vastgelegd',
  'comment.added': 'Opmerking',
  'attachment.added': 'Bijlage toegevoegd',
  'deadline.paused': 'Termijn gepauzeerd',
  'deadline.resumed': 'Termijn hervat',
  'deadline.extended': 'Termijn verlengd',
};

type Doc = PDFKit.PDFDocument;

/** Characters of WinAnsi (the standard fonts' encoding) above Latin-1's control range. */
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');
const REPLACEMENTS: Record<string, string> = {
  '→': '->',
  '←': '<-',
  '≥': '>=',
  '≤': '<=',
  '−': '-',
  '\u00a0': ' ',
};

/**
 * Text the standard fonts can show: WinAnsi as is, a few symbols spelled out, letters outside
 * WinAnsi without their accent (ő, ź → o, z), anything else as "?".
 */
export function winAnsi(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (
      ch === '\n' ||
      (code >= 0x20 && code < 0x7f) ||
      (code >= 0xa0 && code <= 0xff) ||
      WIN_ANSI_EXTRA.has(ch)
    ) {
      out += ch;
    } else if (REPLACEMENTS[ch] !== undefined) {
      out += REPLACEMENTS[ch];
    } else {
      const base = ch.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
      out += /^[\x20-\x7e]+$/.test(base) ? base : code === 0x09 ? ' ' : '?';
    }
  }
  return out;
}

function newDocument(title: string, subject: string): Doc {
  return new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
    bufferPages: true,
    info: { Title: title, Author: 'Doorbraak', Subject: subject, Creator: 'Doorbraak' },
    lang: 'nl-NL',
  });
}

const width = (doc: Doc) => doc.page.width - MARGIN * 2;

function title(doc: Doc, text: string, sub: string): void {
  doc
    .font('Helvetica-Bold')
    .fontSize(18)
    .fillColor('#154273')
    .text(winAnsi(text), { width: width(doc) });
  doc
    .moveDown(0.2)
    .font('Helvetica')
    .fontSize(9)
    .fillColor('#555555')
    .text(winAnsi(sub), { width: width(doc) });
  doc.fillColor('#000000').moveDown(1);
}

function heading(doc: Doc, text: string): void {
  if (doc.y > doc.page.height - MARGIN - 80) doc.addPage();
  doc.moveDown(0.6).font('Helvetica-Bold').fontSize(13).fillColor('#154273').text(winAnsi(text), MARGIN);
  doc.moveDown(0.3).fillColor('#000000').font('Helvetica').fontSize(10);
}

function paragraph(
  doc: Doc,
  text: string,
  options: { bold?: boolean; size?: number; indent?: number } = {},
): void {
  doc
    .font(options.bold ? 'Helvetica-Bold' : 'Helvetica')
    .fontSize(options.size ?? 10)
    .text(winAnsi(text), MARGIN + (options.indent ?? 0), doc.y, {
      width: width(doc) - (options.indent ?? 0),
    });
}

/** Label–value lines with the labels in a column. */
function facts(doc: Doc, pairs: [string, string][]): void {
  const labelWidth = 150;
  for (const [label, value] of pairs) {
    if (doc.y > doc.page.height - MARGIN - 30) doc.addPage();
    const y = doc.y;
    doc
      .font('Helvetica-Bold')
      .fontSize(10)
      .text(winAnsi(label), MARGIN, y, { width: labelWidth - 8 });
    const afterLabel = doc.y;
    doc
      .font('Helvetica')
      .text(winAnsi(value || '—'), MARGIN + labelWidth, y, { width: width(doc) - labelWidth });
    doc.y = Math.max(doc.y, afterLabel);
    doc.moveDown(0.15);
  }
}

function none(doc: Doc, text: string): void {
  doc.font('Helvetica-Oblique').fontSize(10).fillColor('#555555').text(winAnsi(text), MARGIN);
  doc.fillColor('#000000');
}

/** "Pagina n van m" on every page, then the end of the document (the stream finishes). */
function finish(doc: Doc, footer: string): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i += 1) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font('Helvetica')
      .fontSize(8)
      .fillColor('#555555')
      .text(
        winAnsi(`${footer} · pagina ${i + 1} van ${range.count}`),
        MARGIN,
        doc.page.height - MARGIN / 2 - 8,
        {
          width: width(doc),
          align: 'center',
          lineBreak: false,
        },
      );
    doc.page.margins.bottom = bottom;
  }
  doc.end();
}

function eventSummary(event: CaseEvent, labels: ReferenceLabels): string {
  const d = event.data as Record<string, unknown> & {
    before?: Record<string, unknown> | null;
    after?: Record<string, unknown> | null;
  };
  const after = d.after ?? {};
  const before = d.before ?? {};
  const str = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' ? nl.format(v) : '');
  switch (event.type) {
    case 'case.status_changed': {
      const reason = str(d.reason);
      return `van ${status(str(before.status))} naar ${status(str(after.status))}${reason ? ` (${reason})` : ''}`;
    }
    case 'escalation.opened':
      return `Naar ${labels.level.get(str(after.toLevel)) ?? str(after.toLevel)}: ${str(after.question)}`;
    case 'escalation.decided': {
      const outcome = OUTCOME[str(after.outcome) as keyof typeof OUTCOME] ?? str(after.outcome);
      return [outcome, str(after.note)].filter(Boolean).join(': ');
    }
    case 'assignment.created':
      return `${str(d.organisationName)} (${ROLE[str(after.role) as keyof typeof ROLE] ?? str(after.role)}): ${str(after.requestedAction)}`;
    case 'assignment.updated':
    case 'assignment.removed':
      return str(d.organisationName);
    case 'breakthrough.recorded':
      return `${str(after.homesUnblocked)} woningen vrijgespeeld (${str(after.date)})`;
    case 'comment.added':
      return str(d.excerpt);
    case 'attachment.added':
      return str(d.filename);
    case 'case.bundled':
      return `${str(after.systemicReference)}: ${str(after.title)}`;
    case 'systemic.created':
      return `${str(after.title)}`;
    default:
      return '';
  }
}

export interface CaseFileInput {
  detail: CaseDetail;
  timeline: CaseEvent[];
  labels: ReferenceLabels;
  generatedBy: string;
  generatedAt: Date;
}

/** The case file: summary, parties, clocks, escalations, breakthrough and the whole timeline. */
export function renderCaseFile(input: CaseFileInput): Doc {
  const { detail: c, labels } = input;
  const doc = newDocument(`Dossier ${c.reference}`, c.projectName);
  title(
    doc,
    `Dossier ${c.reference} — ${c.projectName}`,
    `Gemaakt op ${instantText(input.generatedAt.toISOString())} door ${input.generatedBy}. Vertrouwelijkheid: ${c.confidentiality}.${c.isExample ? ' Voorbeelddossier: geen echt project.' : ''}`,
  );

  heading(doc, 'Samenvatting');
  facts(doc, [
    ['Kenmerk', c.reference],
    ['Project', c.projectName],
    ['Gemeente', `${c.municipalityName} (${c.municipalityCode})`],
    ['Provincie', c.provinceName],
    ['Woningen', nl.format(c.homesTotal)],
    [
      'Sociaal/betaalbaar',
      c.homesSocialOrAffordable === null ? 'onbekend' : nl.format(c.homesSocialOrAffordable),
    ],
    ['Knelpunten', c.knelpuntTypes.map((k) => labels.knelpunt.get(k) ?? k).join(', ')],
    ['Fase', c.phase ?? 'onbekend'],
    ['Locatieprogramma', PROGRAMME[c.locationProgramme]],
    ['Status', status(c.status)],
    ['Niveau', labels.level.get(c.levelCode) ?? c.levelCode],
    ['Ingediend door', c.submitterOrganisationName],
    ['Ingediend op', instantText(c.createdAt)],
    ['Laatst gewijzigd', instantText(c.updatedAt)],
  ]);
  if (c.description) {
    doc.moveDown(0.4);
    paragraph(doc, 'Omschrijving', { bold: true });
    paragraph(doc, c.description);
  }

  heading(doc, 'Partijen en afspraken');
  if (c.assignments.length === 0) none(doc, 'Nog geen partijen.');
  for (const a of c.assignments) {
    paragraph(doc, `${a.organisationName} — ${ROLE[a.role]}`, { bold: true });
    facts(doc, [
      ['Gevraagde actie', a.requestedAction],
      ['Termijn', dayText(a.dueDate)],
      ['Stand', ACTION[a.actionStatus]],
      ...(a.progressNote ? ([['Voortgang', a.progressNote]] as [string, string][]) : []),
    ]);
    doc.moveDown(0.3);
  }

  heading(doc, 'Termijnen (klokken)');
  if (c.deadlines.length === 0) none(doc, 'Geen termijnen.');
  for (const d of c.deadlines) {
    const owner =
      d.kind === 'assignment'
        ? c.assignments.find((a) => a.id === d.assignmentId)?.organisationName
        : d.kind === 'level_decision'
          ? labels.level.get(c.escalations.find((e) => e.id === d.escalationId)?.toLevel ?? '')
          : undefined;
    paragraph(doc, `${CLOCK[d.kind]}${owner ? ` — ${owner}` : ''}: ${CLOCK_STATE[d.state]}`, { bold: true });
    facts(doc, [
      ['Gestart', instantText(d.startedAt)],
      [
        'Uiterlijk',
        `${dayText(d.dueDate)} (${d.budgetWorkingDays} werkdagen${d.extensionWorkingDays ? ` + ${d.extensionWorkingDays} verlenging` : ''})`,
      ],
      ...(d.workingDaysLeft !== null
        ? ([
            [
              'Werkdagen over',
              d.workingDaysLeft < 0 ? `${-d.workingDaysLeft} te laat` : String(d.workingDaysLeft),
            ],
          ] as [string, string][])
        : []),
      ...(d.pause ? ([['Gepauzeerd', d.pause.reason]] as [string, string][]) : []),
    ]);
    doc.moveDown(0.3);
  }

  heading(doc, 'Opschalingen');
  if (c.escalations.length === 0) none(doc, 'Niet opgeschaald.');
  for (const e of c.escalations) {
    paragraph(
      doc,
      `Van ${labels.level.get(e.fromLevel) ?? e.fromLevel} naar ${labels.level.get(e.toLevel) ?? e.toLevel} (${instantText(e.createdAt)})`,
      { bold: true },
    );
    facts(doc, [
      ['Vraag', e.question],
      ['Eigenaar', e.ownerOrganisationName ?? '—'],
      ['Termijn', dayText(e.dueDate)],
      [
        'Uitkomst',
        e.outcome ? `${OUTCOME[e.outcome]}${e.outcomeNote ? `: ${e.outcomeNote}` : ''}` : 'Loopt nog',
      ],
    ]);
    doc.moveDown(0.3);
  }

  heading(doc, 'Doorbraak');
  if (!c.breakthrough) none(doc, 'Nog geen doorbraak.');
  else {
    const b = c.breakthrough;
    facts(doc, [
      ['Datum', dayText(b.date)],
      ['Woningen vrijgespeeld', nl.format(b.homesUnblocked)],
      ['Oplossing', SOLUTION_TYPE_LABELS[b.solutionType].nl],
      ['Partijen', b.partiesCredited.map((p) => p.name).join(', ') || '—'],
      ['Doorlooptijd', b.daysToBreakthrough === null ? '—' : `${b.daysToBreakthrough} werkdagen`],
    ]);
    paragraph(doc, b.narrative);
  }

  heading(doc, 'Tijdlijn');
  for (const e of input.timeline) {
    if (doc.y > doc.page.height - MARGIN - 40) doc.addPage();
    const summary = eventSummary(e, labels);
    doc
      .font('Helvetica-Bold')
      .fontSize(9)
      .text(winAnsi(`${e.seq}. ${instantText(e.occurredAt)} — ${EVENT[e.type] ?? e.type}`), MARGIN, doc.y, {
        width: width(doc),
      });
    doc
      .font('Helvetica')
      .fontSize(9)
      .text(winAnsi(`${e.actorLabel}${summary ? ` · ${summary}` : ''}`), MARGIN + 12, doc.y, {
        width: width(doc) - 12,
      });
    doc.moveDown(0.25);
  }
  finish(doc, `Doorbraak · dossier ${c.reference}`);
  return doc;
}

export interface ReportBreakthrough {
  projectName: string;
  municipalityName: string;
  provinceName: string;
  homesUnblocked: number;
  solutionType: keyof typeof SOLUTION_TYPE_LABELS;
  narrative: string;
  date: string;
  isExample: boolean;
  levelCode: string;
}

export interface ProgressReportInput {
  scope: string;
  generatedBy: string;
  generatedAt: Date;
  dashboard: InsightDashboard;
  breakthroughs: ReportBreakthrough[];
  systemic: SystemicKnelpunt[];
  labels: ReferenceLabels;
}

/**
 * The progress report, shaped like the knelpunten section of the Kamerbrief: where things stand,
 * then per knelpunt type what is blocked and what was unblocked, then the breakthroughs by name.
 */
export function renderProgressReport(input: ProgressReportInput): Doc {
  const { dashboard: d, labels } = input;
  const doc = newDocument(`Voortgangsrapportage knelpunten — ${input.scope}`, 'Knelpunten en doorbraken');
  title(
    doc,
    'Voortgangsrapportage knelpunten woningbouw',
    `${input.scope} · stand van ${instantText(input.generatedAt.toISOString())} · gemaakt door ${input.generatedBy}`,
  );

  heading(doc, 'Stand van zaken');
  const t = d.totals;
  paragraph(
    doc,
    `Er staan ${nl.format(t.openCases)} knelpuntdossiers open, met samen ${nl.format(t.homesAtStake)} woningen in de knel ` +
      `(waarvan ${nl.format(t.homesSocialOrAffordableAtStake)} sociaal of betaalbaar). ` +
      `Er zijn ${nl.format(t.breakthroughs)} doorbraken gerealiseerd, waardoor ${nl.format(t.homesUnblocked)} woningen ` +
      `weer een stap dichterbij zijn gekomen.` +
      (t.medianWorkingDaysToBreakthrough === null
        ? ''
        : ` Van indienen tot doorbraak duurt het in de helft van de gevallen ten hoogste ${nl.format(t.medianWorkingDaysToBreakthrough)} werkdagen.`) +
      (t.overdueActions > 0
        ? ` ${nl.format(t.overdueActions)} afspraken met partijen zijn over hun termijn.`
        : ''),
  );

  heading(doc, 'Knelpunten');
  paragraph(
    doc,
    'Per type knelpunt: open dossiers en de woningen die daar in de knel zitten, en de doorbraken. Een dossier met meer typen telt bij elk type mee.',
    { size: 9 },
  );
  doc.moveDown(0.4);
  if (d.homes.byKnelpuntType.length === 0) none(doc, 'Geen knelpunten in dit bereik.');
  for (const k of d.homes.byKnelpuntType) {
    paragraph(doc, k.label, { bold: true });
    paragraph(
      doc,
      `${nl.format(k.openCases)} open ${k.openCases === 1 ? 'dossier' : 'dossiers'} met ${nl.format(k.homesAtStake)} woningen in de knel; ` +
        `${nl.format(k.breakthroughs)} ${k.breakthroughs === 1 ? 'doorbraak' : 'doorbraken'} met ${nl.format(k.homesUnblocked)} woningen vrijgespeeld.`,
    );
    doc.moveDown(0.3);
  }

  heading(doc, 'Doorbraken');
  if (input.breakthroughs.length === 0) none(doc, 'Nog geen doorbraken in dit bereik.');
  for (const b of input.breakthroughs) {
    const viaNational = b.levelCode === 'national_table' || b.levelCode === 'ministerial_taskforce';
    paragraph(
      doc,
      `${b.projectName} (${b.municipalityName}, ${b.provinceName}) — ${nl.format(b.homesUnblocked)} woningen${b.isExample ? ' · voorbeeld' : ''}`,
      { bold: true },
    );
    paragraph(
      doc,
      `${dayText(b.date)} · ${SOLUTION_TYPE_LABELS[b.solutionType].nl}${viaNational ? ` · met inzet van de ${labels.level.get(b.levelCode) ?? b.levelCode}` : ''}. ${b.narrative}`,
    );
    doc.moveDown(0.3);
  }

  if (input.systemic.length > 0) {
    heading(doc, 'Systemische knelpunten');
    for (const s of input.systemic) {
      paragraph(doc, `${s.reference} — ${s.title}`, { bold: true });
      paragraph(
        doc,
        `${labels.knelpunt.get(s.knelpuntType) ?? s.knelpuntType}: ${s.bundledCount} dossiers met samen ${nl.format(s.homesAtStake)} woningen; ` +
          `status ${status(s.status).toLowerCase()}, niveau ${labels.level.get(s.levelCode) ?? s.levelCode}.`,
      );
      doc.moveDown(0.3);
    }
  }

  heading(doc, 'Per provincie');
  if (d.homes.byProvince.length === 0) none(doc, 'Geen dossiers in dit bereik.');
  facts(
    doc,
    d.homes.byProvince.map((p) => [
      p.label,
      `${nl.format(p.openCases)} open (${nl.format(p.homesAtStake)} woningen) · ${nl.format(p.breakthroughs)} doorbraken (${nl.format(p.homesUnblocked)} woningen)`,
    ]),
  );
  doc.moveDown(0.6);
  paragraph(doc, 'Definities van alle cijfers: docs/metrics.md in de Doorbraak-repository.', { size: 8 });
  finish(doc, `Doorbraak · voortgangsrapportage · ${input.scope}`);
  return doc;
}
