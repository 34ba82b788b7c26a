import { describe, expect, it } from 'vitest';
import { validate } from '../validation';
import { createCaseSchema, caseListQuerySchema } from './case';

const valid = {
  projectName: 'De Stationstuinen',
  municipalityCode: 'GM0489',
  homesTotal: 3500,
  knelpuntTypes: ['grid_congestion'],
};

describe('createCaseSchema', () => {
  it('accepts a minimal valid case and trims text', () => {
    const r = validate(createCaseSchema, { ...valid, projectName: '  De Stationstuinen ' });
    expect(r).toEqual({ ok: true, data: { ...valid } });
  });

  it('rejects unknown municipality codes with a Dutch message', () => {
    const r = validate(createCaseSchema, { ...valid, municipalityCode: 'GM9999' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual([
      expect.objectContaining({
        field: 'municipalityCode',
        message: expect.stringContaining('Onbekende gemeentecode'),
      }),
    ]);
  });

  it('answers in English when asked', () => {
    const r = validate(createCaseSchema, { ...valid, knelpuntTypes: ['weather'] }, 'en');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors[0]).toMatchObject({ field: 'knelpuntTypes.0', message: 'Unknown knelpunt type.' });
  });

  it('rejects unknown fields, blank names, zero homes, duplicates and affordable > total', () => {
    const r = validate(createCaseSchema, {
      ...valid,
      projectName: '   ',
      homesTotal: 10,
      homesSocialOrAffordable: 11,
      knelpuntTypes: ['nitrogen', 'nitrogen'],
      extra: true,
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const fields = r.errors.map((e) => e.field).sort();
    expect(fields).toContain('projectName');
    expect(fields).toContain('knelpuntTypes');
    expect(fields).toContain('');
    expect(validate(createCaseSchema, { ...valid, homesTotal: 0 }).ok).toBe(false);
    expect(validate(createCaseSchema, { ...valid, homesTotal: 1.5 }).ok).toBe(false);
    expect(validate(createCaseSchema, { ...valid, homesSocialOrAffordable: 3501 }).ok).toBe(false);
  });
});

describe('caseListQuerySchema', () => {
  it('defaults the limit and bounds it to 200', () => {
    expect(validate(caseListQuerySchema, {})).toEqual({ ok: true, data: { limit: 50, sort: 'newest' } });
    expect(validate(caseListQuerySchema, { limit: '200' }).ok).toBe(true);
    expect(validate(caseListQuerySchema, { limit: '201' }).ok).toBe(false);
  });
});

describe('caseListQuerySchema filters', () => {
  it('splits comma lists and checks each item', () => {
    const r = validate(caseListQuerySchema, {
      status: 'submitted, accepted',
      province: 'PV28',
      overdue: 'true',
    });
    expect(r).toEqual({
      ok: true,
      data: {
        limit: 50,
        sort: 'newest',
        status: ['submitted', 'accepted'],
        province: ['PV28'],
        overdue: true,
      },
    });
    expect(validate(caseListQuerySchema, { status: 'submitted,bogus' }).ok).toBe(false);
    expect(validate(caseListQuerySchema, { municipality: 'GM12' }).ok).toBe(false);
    expect(validate(caseListQuerySchema, { sort: 'random' }).ok).toBe(false);
  });
});
