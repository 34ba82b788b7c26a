import { defineConfig } from 'vitest/config';
import { reporting } from '../../vitest.shared.mts';

export default defineConfig({
  test: {
    ...reporting('domain'),
    include: ['src/**/*.spec.ts'],
    environment: 'node',
  },
});
