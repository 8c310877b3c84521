module.exports = {
  displayName: 'server',
  testEnvironment: 'node',
  rootDir: __dirname,
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }] },
  moduleFileExtensions: ['ts', 'js'],
  moduleNameMapper: { '^@hub/shared$': '<rootDir>/../shared/index.ts' },
  testMatch: ['**/*.spec.ts'],
  reporters: ['default', '<rootDir>/scripts/failed-tests-reporter.cjs'],
  // Integration tests share one PostgreSQL server; each file gets its own database.
  testTimeout: 60000,
};
