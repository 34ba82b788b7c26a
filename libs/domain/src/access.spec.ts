import { describe, expect, it } from 'vitest';
import { caseVisibilitiesFor, confidentialPartsHiddenFor } from './access';

describe('confidentiality', () => {
  const vertrouwelijk = (role: string | null) => ({
    confidentiality: 'vertrouwelijk',
    actorAssignmentRole: role,
  });

  it('hides confidential parts from parties that are not the lead', () => {
    expect(confidentialPartsHiddenFor({ role: 'party' }, vertrouwelijk('contributor'))).toBe(true);
    expect(confidentialPartsHiddenFor({ role: 'party' }, vertrouwelijk('informed'))).toBe(true);
    expect(confidentialPartsHiddenFor({ role: 'party' }, vertrouwelijk(null))).toBe(true);
    expect(confidentialPartsHiddenFor({ role: 'party' }, vertrouwelijk('lead'))).toBe(false);
  });

  it('hides nothing on other levels, or from the table', () => {
    expect(
      confidentialPartsHiddenFor({ role: 'party' }, { confidentiality: 'intern', actorAssignmentRole: null }),
    ).toBe(false);
    for (const role of ['coordinator', 'national', 'admin', 'municipality'] as const)
      expect(confidentialPartsHiddenFor({ role }, vertrouwelijk(null))).toBe(false);
  });

  it('gives a restricted party only shared items, and the submitter only shared items', () => {
    expect(caseVisibilitiesFor({ role: 'party' }, vertrouwelijk('contributor'))).toEqual(['shared']);
    expect(caseVisibilitiesFor({ role: 'party' }, vertrouwelijk('lead'))).toEqual(['internal', 'shared']);
    expect(caseVisibilitiesFor({ role: 'municipality' }, vertrouwelijk(null))).toEqual(['shared']);
    expect(caseVisibilitiesFor({ role: 'coordinator' }, vertrouwelijk(null))).toEqual(['internal', 'shared']);
  });
});
