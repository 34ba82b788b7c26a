import { describe, expect, it } from 'vitest';
import { validate } from '../validation';
import { deadlinePolicyInputSchema, deadlinePolicyPatchSchema, knelpuntTypePatchSchema } from './admin';

describe('deadline policy input', () => {
  it('accepts an assignment budget for one knelpunt type', () => {
    const result = validate(deadlinePolicyInputSchema, {
      kind: 'assignment',
      knelpuntCode: 'grid_congestion',
      budgetWorkingDays: 30,
      maxExtensionWorkingDays: 10,
    });
    expect(result.ok).toBe(true);
  });

  it('refuses dimensions the deadline service does not apply, in Dutch and English', () => {
    const nl = validate(deadlinePolicyInputSchema, {
      kind: 'level_decision',
      knelpuntCode: 'nitrogen',
      budgetWorkingDays: 30,
      maxExtensionWorkingDays: 10,
    });
    expect(nl.ok ? [] : nl.errors.map((e) => [e.field, e.message])).toEqual([
      ['knelpuntCode', 'Alleen de termijn van een actie van een partij kan per type knelpunt verschillen.'],
      ['levelCode', 'Kies het niveau van de tafel waarvoor deze beslistermijn geldt.'],
    ]);
    const en = validate(
      deadlinePolicyInputSchema,
      { kind: 'triage', levelCode: 'national_table', budgetWorkingDays: 5, maxExtensionWorkingDays: 2 },
      'en',
    );
    expect(en.ok ? [] : en.errors.map((e) => e.message)).toEqual([
      'Only a decision budget of a table belongs to a level.',
    ]);
  });

  it('keeps budgets and caps within whole working days', () => {
    const result = validate(deadlinePolicyPatchSchema, {
      budgetWorkingDays: 0,
      maxExtensionWorkingDays: 2.5,
      maxPauseWorkingDays: 251,
    });
    expect(result.ok ? [] : result.errors.map((e) => e.field)).toEqual([
      'budgetWorkingDays',
      'maxExtensionWorkingDays',
      'maxPauseWorkingDays',
    ]);
    expect(result.ok ? '' : result.errors[0]?.message).toBe(
      'Vul voor de termijn een heel aantal werkdagen in van 1 tot en met 250.',
    );
    expect(validate(deadlinePolicyPatchSchema, {}).ok).toBe(false);
  });
});

describe('knelpunt type patch', () => {
  it('trims labels and refuses an empty change', () => {
    const ok = validate(knelpuntTypePatchSchema, { labelNl: '  Netcongestie ', active: false });
    expect(ok).toEqual({ ok: true, data: { labelNl: 'Netcongestie', active: false } });
    const bad = validate(knelpuntTypePatchSchema, { labelEn: 'x' });
    expect(bad.ok ? '' : bad.errors[0]?.message).toBe('Vul minstens 2 tekens in.');
  });
});
