import { describe, expect, it } from 'vitest';
import { type Actor, canSubmitCaseFor, caseScopeFor } from './actor';

const base: Actor = {
  userId: '00000000-0000-4000-8000-000000000001',
  email: 'x@example.nl',
  name: 'X',
  role: 'municipality',
  organisationId: '00000000-0000-4000-8000-000000000002',
  organisationName: 'Gemeente Barendrecht',
  municipalityCode: 'GM0489',
  provinceCodes: [],
};

describe('caseScopeFor', () => {
  it.each([
    [{ role: 'admin' }, { kind: 'all' }],
    [{ role: 'municipality' }, { kind: 'municipality', municipalityCode: 'GM0489' }],
    [{ role: 'municipality', municipalityCode: null }, { kind: 'none' }],
    [
      { role: 'coordinator', provinceCodes: ['PV28'] },
      { kind: 'provinces', provinceCodes: ['PV28'] },
    ],
    [{ role: 'coordinator', provinceCodes: [] }, { kind: 'none' }],
    [{ role: 'party' }, { kind: 'assigned-to-organisation', organisationId: base.organisationId }],
    [{ role: 'national' }, { kind: 'level-at-least', minLevelRank: 3 }],
  ] as const)('%o sees %o', (patch, expected) => {
    expect(caseScopeFor({ ...base, ...patch } as Actor)).toEqual(expected);
  });
});

describe('canSubmitCaseFor', () => {
  it('lets a municipality submit only for itself', () => {
    expect(canSubmitCaseFor(base, 'GM0489', 'PV28')).toBe(true);
    expect(canSubmitCaseFor(base, 'GM0106', 'PV22')).toBe(false);
  });
  it('lets a coordinator submit only inside the table region', () => {
    const c: Actor = { ...base, role: 'coordinator', municipalityCode: null, provinceCodes: ['PV28'] };
    expect(canSubmitCaseFor(c, 'GM0489', 'PV28')).toBe(true);
    expect(canSubmitCaseFor(c, 'GM0106', 'PV22')).toBe(false);
  });
  it('refuses parties and national users', () => {
    expect(canSubmitCaseFor({ ...base, role: 'party' }, 'GM0489', 'PV28')).toBe(false);
    expect(canSubmitCaseFor({ ...base, role: 'national' }, 'GM0489', 'PV28')).toBe(false);
  });
});
