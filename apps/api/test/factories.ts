import type { CreateCaseInput } from '@doorbraak/domain';

let counter = 0;

/** A valid case submission; override what the test is about. */
export function caseInput(overrides: Partial<CreateCaseInput> = {}): CreateCaseInput {
  counter += 1;
  return {
    projectName: `Testproject ${counter} ${Math.random().toString(36).slice(2, 8)}`,
    municipalityCode: 'GM0489',
    homesTotal: 120 + counter,
    knelpuntTypes: ['grid_congestion'],
    ...overrides,
  };
}
