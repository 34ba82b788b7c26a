// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';

const frameworkPackages = [
  '@nestjs/*',
  'typeorm',
  'typeorm-*',
  'react',
  'react-dom',
  'react-*',
  'bullmq',
  'ioredis',
  'fastify',
  '@fastify/*',
  '@tanstack/*',
  'pg',
  'nodemailer',
];

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      '**/.data/**',
      '**/coverage/**',
      '**/test-results/**',
      '**/playwright-report/**',
      '.nx/**',
      '**/*.config.{js,mjs,cjs,ts,mts}',
      'apps/api/src/database/migrations/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false },
      ],
    },
  },
  // libs/domain: pure TypeScript, no framework at all.
  {
    files: ['libs/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: frameworkPackages, message: 'libs/domain imports no framework (see ARCHITECTURE.md).' },
            { group: ['node:*', 'fs', 'path', 'crypto'], message: 'libs/domain runs in the browser too.' },
            {
              group: ['**/apps/**', '@doorbraak/api', '@doorbraak/web'],
              message: 'libs/domain depends on nothing in apps/.',
            },
          ],
        },
      ],
    },
  },
  // apps/api never imports the web app.
  {
    files: ['apps/api/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@doorbraak/web', '**/apps/web/**', '../../web/**'],
              message: 'api and web never import each other.',
            },
          ],
        },
      ],
    },
  },
  // apps/web never imports the api nor server-side libraries.
  {
    files: ['apps/web/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@doorbraak/api', '**/apps/api/**', '@nestjs/*', 'typeorm', 'bullmq', 'ioredis', 'pg'],
              message: 'api and web never import each other; the web reaches the api over HTTP.',
            },
          ],
        },
      ],
    },
  },
  // Web import direction (bulletproof-react): app → features → shared (components, lib, config).
  {
    files: [
      'apps/web/src/components/**/*.{ts,tsx}',
      'apps/web/src/lib/**/*.{ts,tsx}',
      'apps/web/src/config/**/*.{ts,tsx}',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@/features/*', '@/app/*', '**/features/**', '**/app/**'],
              message: 'Shared code does not import features or app.',
            },
            { group: ['@doorbraak/api', '**/apps/api/**'], message: 'api and web never import each other.' },
          ],
        },
      ],
    },
  },
  {
    files: ['apps/web/src/features/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@/app/*', '**/app/**'], message: 'Features do not import the app layer.' },
            { group: ['@doorbraak/api', '**/apps/api/**'], message: 'api and web never import each other.' },
          ],
        },
      ],
    },
  },
  // Tests may use looser typing of HTTP bodies.
  {
    files: ['**/*.spec.ts', '**/*.test.ts', '**/*.test.tsx', '**/test/**/*.ts', '**/e2e/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
);
