import { defineConfig, mergeConfig } from 'vitest/config';
import viteConfig from './vite.config.ts';
import { reporting } from '../../vitest.shared.mts';

/** Component and route tests in jsdom. Playwright specs live in e2e/ and are never picked up here. */
export default mergeConfig(
  viteConfig,
  defineConfig({
    test: {
      ...reporting('web'),
      environment: 'jsdom',
      include: ['src/**/*.test.{ts,tsx}'],
      exclude: ['e2e/**', 'node_modules/**', 'dist/**'],
      setupFiles: ['./src/testing/setup-tests.ts'],
      // Route tests walk whole journeys; on a loaded runner 5 s is too tight (the waits are 4 s each).
      testTimeout: 20_000,
      restoreMocks: true,
      unstubGlobals: true,
      css: false,
    },
  }),
);
