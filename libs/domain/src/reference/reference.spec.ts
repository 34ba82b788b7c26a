import { describe, expect, it } from 'vitest';
import { ESCALATION_LEVELS, KNELPUNT_TYPES, MUNICIPALITIES, PROVINCES } from './index';

describe('reference data', () => {
  it('has all 342 municipalities of 2025, each in a known province, with the CBS counts', () => {
    expect(MUNICIPALITIES).toHaveLength(342);
    const provinceCodes = new Set(PROVINCES.map((p) => p.code));
    expect(MUNICIPALITIES.every((m) => provinceCodes.has(m.provinceCode))).toBe(true);
    const counts = PROVINCES.map((p) => MUNICIPALITIES.filter((m) => m.provinceCode === p.code).length);
    expect(counts).toEqual([10, 18, 12, 25, 6, 51, 26, 44, 50, 13, 56, 31]);
  });
  it('keeps codes unique', () => {
    expect(new Set(MUNICIPALITIES.map((m) => m.code)).size).toBe(342);
    expect(new Set(KNELPUNT_TYPES.map((k) => k.code)).size).toBe(KNELPUNT_TYPES.length);
  });
  it('orders the escalation ladder from woondealtafel to taskforce', () => {
    expect(ESCALATION_LEVELS.map((l) => l.code)).toEqual([
      'woondeal_table',
      'regional_table',
      'national_table',
      'ministerial_taskforce',
    ]);
  });
});
