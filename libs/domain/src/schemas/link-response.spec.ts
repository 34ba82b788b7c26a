import { describe, expect, it } from 'vitest';
import { validate } from '../validation';
import { linkResponseSchema } from './access';

describe('linkResponseSchema (the one answer through a signed action link)', () => {
  it('accepts any of status, progress note, extension and note, trimmed', () => {
    expect(validate(linkResponseSchema, { note: '  Bel me gerust. ' })).toEqual({
      ok: true,
      data: { note: 'Bel me gerust.' },
    });
    const all = {
      actionStatus: 'in_progress',
      progressNote: 'Offerte verstuurd',
      extension: { workingDays: 10, reason: 'Wacht op de vergunning' },
      note: 'Tot volgende week',
    };
    expect(validate(linkResponseSchema, all)).toEqual({ ok: true, data: all });
    expect(validate(linkResponseSchema, { progressNote: 'Alleen een toelichting' }).ok).toBe(true);
  });

  it('refuses an empty answer, in Dutch or English', () => {
    expect(validate(linkResponseSchema, {})).toEqual({
      ok: false,
      errors: [
        {
          field: '',
          code: 'custom',
          message:
            'Geef minstens één antwoord: de stand van de actie, een verzoek om meer tijd of een notitie.',
        },
      ],
    });
    const en = validate(linkResponseSchema, {}, 'en');
    expect(!en.ok && en.errors[0]?.message).toBe(
      'Give at least one answer: the status of the action, a request for more time or a note.',
    );
  });

  it('names each invalid part of an extension request, and takes no ids', () => {
    const r = validate(linkResponseSchema, { extension: { workingDays: 121, reason: ' x ' } });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(Object.fromEntries(r.errors.map((e) => [e.field, e.message]))).toEqual({
      'extension.workingDays': 'Vul een heel aantal werkdagen in, van 1 tot en met 120.',
      'extension.reason': 'Schrijf waarom meer tijd nodig is (minstens 3 tekens).',
    });
    expect(validate(linkResponseSchema, { note: 'x', assignmentId: 'abc' }).ok).toBe(false);
    expect(validate(linkResponseSchema, { extension: { workingDays: 2.5, reason: 'Reden' } }).ok).toBe(false);
  });
});
