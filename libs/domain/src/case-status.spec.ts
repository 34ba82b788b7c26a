import { describe, expect, it } from 'vitest';
import {
  availableTransitions,
  CASE_STATUSES,
  type CaseStatus,
  checkTransition,
  TRANSITIONS,
  type TransitionVia,
} from './case-status';
import { ROLES, type Role } from './roles';

const at = (status: CaseStatus, levelRank = 2) => ({ status, levelRank });

describe('the transition table', () => {
  it('has no duplicate edges and only known statuses', () => {
    const keys = TRANSITIONS.map((e) => `${e.from}>${e.to}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const e of TRANSITIONS) {
      expect(CASE_STATUSES).toContain(e.from);
      expect(CASE_STATUSES).toContain(e.to);
    }
  });

  it('lets every open status reach breakthrough, and only through the breakthrough command', () => {
    for (const from of ['submitted', 'accepted', 'in_progress', 'escalated', 'reopened'] as const) {
      expect(
        checkTransition(at(from), { role: 'coordinator' }, 'breakthrough', { via: 'breakthrough' }).ok,
      ).toBe(true);
      expect(
        checkTransition(at(from), { role: 'coordinator' }, 'breakthrough', { via: 'transition' }),
      ).toEqual({
        ok: false,
        rule: 'use-dedicated-command',
      });
    }
  });

  // Every (from, to, role, via) combination, table-driven, against the expected verdict.
  type Case = [CaseStatus, CaseStatus, Role, TransitionVia, string | null, true | string];
  const cases: Case[] = [
    ['submitted', 'accepted', 'coordinator', 'transition', null, true],
    ['submitted', 'accepted', 'admin', 'transition', null, true],
    ['submitted', 'accepted', 'municipality', 'transition', null, 'role-not-allowed'],
    ['submitted', 'accepted', 'party', 'transition', null, 'role-not-allowed'],
    ['submitted', 'accepted', 'national', 'transition', null, 'level-not-reached'],
    ['submitted', 'rejected', 'coordinator', 'transition', null, 'reason-required'],
    ['submitted', 'rejected', 'coordinator', 'transition', '   ', 'reason-required'],
    ['submitted', 'rejected', 'coordinator', 'transition', 'Geen woningbouwproject', true],
    ['submitted', 'closed', 'municipality', 'transition', 'Ingetrokken', true],
    ['accepted', 'closed', 'municipality', 'transition', 'Ingetrokken', 'role-not-allowed'],
    ['submitted', 'in_progress', 'coordinator', 'transition', null, 'no-such-edge'],
    ['accepted', 'in_progress', 'coordinator', 'transition', null, true],
    ['in_progress', 'escalated', 'coordinator', 'transition', null, 'use-dedicated-command'],
    ['in_progress', 'escalated', 'coordinator', 'escalation', null, true],
    ['escalated', 'in_progress', 'coordinator', 'escalation-outcome', null, true],
    ['escalated', 'in_progress', 'coordinator', 'transition', null, 'use-dedicated-command'],
    ['in_progress', 'closed', 'coordinator', 'transition', null, 'reason-required'],
    ['in_progress', 'closed', 'coordinator', 'transition', 'Project vervallen', true],
    ['breakthrough', 'reopened', 'coordinator', 'transition', 'Nieuwe blokkade', true],
    ['breakthrough', 'reopened', 'municipality', 'transition', 'Nieuwe blokkade', 'role-not-allowed'],
    ['closed', 'reopened', 'admin', 'transition', null, 'reason-required'],
    ['reopened', 'in_progress', 'coordinator', 'transition', null, true],
    ['rejected', 'reopened', 'coordinator', 'transition', 'x', 'no-such-edge'],
    ['breakthrough', 'closed', 'coordinator', 'transition', 'x', 'no-such-edge'],
  ];
  it.each(cases)('%s → %s by %s via %s (reason %j): %s', (from, to, role, via, reason, expected) => {
    const result = checkTransition(at(from), { role }, to, { via, reason });
    if (expected === true) expect(result.ok).toBe(true);
    else expect(result).toEqual({ ok: false, rule: expected });
  });

  it('lets national users act only on cases at the landelijke tafel or above', () => {
    expect(
      checkTransition(at('accepted', 3), { role: 'national' }, 'in_progress', { via: 'transition' }).ok,
    ).toBe(true);
    expect(
      checkTransition(at('accepted', 2), { role: 'national' }, 'in_progress', { via: 'transition' }),
    ).toEqual({
      ok: false,
      rule: 'level-not-reached',
    });
  });
});

describe('availableTransitions', () => {
  it('offers a coordinator accept, reject, withdraw-close and breakthrough on a submitted case', () => {
    const offered = availableTransitions(at('submitted'), { role: 'coordinator' }).map((e) => e.to);
    expect(offered.sort()).toEqual(['accepted', 'breakthrough', 'closed', 'rejected']);
  });

  it('offers a municipality only the withdrawal of its submission', () => {
    expect(availableTransitions(at('submitted'), { role: 'municipality' }).map((e) => e.to)).toEqual([
      'closed',
    ]);
    expect(availableTransitions(at('in_progress'), { role: 'municipality' })).toEqual([]);
  });

  it('offers parties nothing, on any status', () => {
    for (const status of CASE_STATUSES)
      expect(availableTransitions(at(status, 4), { role: 'party' })).toEqual([]);
  });

  it('never offers an edge that checkTransition would refuse for its own command', () => {
    for (const status of CASE_STATUSES)
      for (const role of ROLES)
        for (const rank of [1, 2, 3, 4])
          for (const edge of availableTransitions(at(status, rank), { role })) {
            const r = checkTransition(at(status, rank), { role }, edge.to, {
              via: edge.via,
              reason: 'reden',
            });
            expect(r.ok, `${status}>${edge.to} ${role} ${rank}`).toBe(true);
          }
  });
});
