// Module boundaries: domain libs are pure, adapters implement domain ports, apps wire, nothing imports an app.
import nx from '@nx/eslint-plugin';

const IO_PACKAGES = ['@nestjs/*', 'typeorm', 'pg', 'kafkajs', '@kafkajs/*', 'undici', 'opossum', 'prom-client', 'pino', 'express'];

export default [
  { ignores: ['**/node_modules', '**/dist', '.local', '.tools', '.nx', 'coverage', '**/*.js', '**/*.mjs'] },
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  {
    files: ['**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util'], bannedExternalImports: IO_PACKAGES },
            {
              sourceTag: 'type:contracts',
              onlyDependOnLibsWithTags: ['type:util'],
              bannedExternalImports: IO_PACKAGES,
            },
            {
              sourceTag: 'type:domain',
              onlyDependOnLibsWithTags: ['type:contracts', 'type:util'],
              bannedExternalImports: IO_PACKAGES,
            },
            // type:testing is allowed below only for tests: production files may not import @mlc/testing (see the
            // no-restricted-imports block), and the testing lib depends on nothing internal, so no cycles arise.
            {
              sourceTag: 'type:platform',
              onlyDependOnLibsWithTags: ['type:platform', 'type:contracts', 'type:util', 'type:testing'],
            },
            {
              sourceTag: 'type:adapter',
              onlyDependOnLibsWithTags: ['type:domain', 'type:platform', 'type:contracts', 'type:util', 'type:testing'],
            },
            { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:util'] },
            {
              sourceTag: 'type:wiring',
              onlyDependOnLibsWithTags: ['type:adapter', 'type:domain', 'type:platform', 'type:contracts', 'type:util', 'type:testing'],
            },
            {
              sourceTag: 'type:app',
              onlyDependOnLibsWithTags: [
                'type:wiring',
                'type:adapter',
                'type:domain',
                'type:platform',
                'type:contracts',
                'type:util',
                'type:testing',
              ],
            },
          ],
        },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-syntax': [
        'error',
        { selector: "MemberExpression[object.name='process'][property.name='env']", message: 'Read env only in config files (config.ts / *.config.ts).' },
      ],
    },
  },
  {
    files: [
      '**/config.ts',
      '**/*.config.ts',
      '**/*.spec.ts',
      '**/*.int-spec.ts',
      '**/*.e2e-spec.ts',
      'libs/testing/**/*.ts',
      '**/testing/**/*.ts',
      'bench/**/*.ts',
      'e2e/**/*.ts',
      'libs/platform/config/**/*.ts',
    ],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['apps/**/*.ts', 'libs/**/*.ts'],
    ignores: ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts', 'libs/testing/**', '**/testing/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: '@mlc/testing', message: 'Test helpers are for tests only.' }] }],
    },
  },
  {
    files: ['libs/orders/**/*.ts', 'libs/catalog/**/*.ts', 'libs/contracts/**/*.ts', 'libs/platform/money/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: '@mlc/testing', message: 'Test helpers are for tests only.' }],
          patterns: [
            { group: ['node:http', 'node:https', 'node:net', 'node:fs', 'http', 'https', 'net', 'fs'], message: 'Domain code is pure: no I/O.' },
          ],
        },
      ],
    },
  },
];
