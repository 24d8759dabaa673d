// Three tiers: unit (*.spec.ts, pure), int (*.int-spec.ts, real stack), e2e (services as processes).
const { swcOptions, jestModuleNameMapper } = require('./scripts/swc-options');

const shared = {
  transform: { '^.+\\.ts$': ['@swc/jest', swcOptions({ rewritePaths: false })] },
  moduleNameMapper: jestModuleNameMapper(),
  moduleFileExtensions: ['ts', 'js', 'json'],
  testEnvironment: 'node',
  modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/.local/', '<rootDir>/.tools/'],
};

module.exports = {
  // Integration tests wait on real brokers and databases; e2e raises this again in its own setup.
  testTimeout: 120_000,
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs,scripts,bench}/**/*.spec.ts'] },
    {
      ...shared,
      displayName: 'int',
      testMatch: ['<rootDir>/{apps,libs}/**/*.int-spec.ts'],
      setupFiles: ['<rootDir>/libs/testing/src/jest-int-setup.ts'],
    },
    {
      ...shared,
      displayName: 'e2e',
      testMatch: ['<rootDir>/e2e/**/*.e2e-spec.ts'],
      setupFiles: ['<rootDir>/libs/testing/src/jest-int-setup.ts'],
      setupFilesAfterEnv: ['<rootDir>/libs/testing/src/jest-e2e-timeout.ts'],
    },
  ],
};
