import { describe, expect, it } from 'vitest';
import {
  canEditCase,
  canEscalate,
  canManageAssignments,
  canReportOnAssignment,
  type CaseFacts,
  commentVisibilitiesFor,
} from './permissions';

const own = 'org-barendrecht';
const facts = (patch: Partial<CaseFacts> = {}): CaseFacts => ({
  status: 'submitted',
  levelRank: 1,
  submitterOrganisationId: own,
  ...patch,
});

describe('permissions', () => {
  it('lets the submitting municipality edit only while submitted', () => {
    expect(canEditCase({ role: 'municipality', organisationId: own }, facts())).toBe(true);
    expect(canEditCase({ role: 'municipality', organisationId: own }, facts({ status: 'accepted' }))).toBe(
      false,
    );
    expect(canEditCase({ role: 'municipality', organisationId: 'other' }, facts())).toBe(false);
  });

  it('lets the table edit open cases, never closed ones', () => {
    expect(canEditCase({ role: 'coordinator', organisationId: 'x' }, facts({ status: 'in_progress' }))).toBe(
      true,
    );
    expect(canEditCase({ role: 'coordinator', organisationId: 'x' }, facts({ status: 'closed' }))).toBe(
      false,
    );
    expect(canEditCase({ role: 'party', organisationId: 'x' }, facts({ status: 'in_progress' }))).toBe(false);
  });

  it('lets national users act from the landelijke tafel upwards only', () => {
    expect(canManageAssignments({ role: 'national' }, facts({ status: 'escalated', levelRank: 2 }))).toBe(
      false,
    );
    expect(canManageAssignments({ role: 'national' }, facts({ status: 'escalated', levelRank: 3 }))).toBe(
      true,
    );
    expect(canEscalate({ role: 'national' }, facts({ levelRank: 4 }))).toBe(true);
    expect(canEscalate({ role: 'municipality' }, facts())).toBe(false);
  });

  it('lets a party report only on its own organisation’s open assignment', () => {
    expect(
      canReportOnAssignment(
        { role: 'party', organisationId: 'liander' },
        facts({ status: 'in_progress' }),
        'liander',
      ),
    ).toBe(true);
    expect(
      canReportOnAssignment(
        { role: 'party', organisationId: 'liander' },
        facts({ status: 'in_progress' }),
        'stedin',
      ),
    ).toBe(false);
    expect(
      canReportOnAssignment(
        { role: 'party', organisationId: 'liander' },
        facts({ status: 'closed' }),
        'liander',
      ),
    ).toBe(false);
  });

  it('shows the submitting municipality only shared comments', () => {
    expect(commentVisibilitiesFor('municipality')).toEqual(['shared']);
    expect(commentVisibilitiesFor('party')).toEqual(['internal', 'shared']);
  });
});
