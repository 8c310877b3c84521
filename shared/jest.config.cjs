module.exports = {
  displayName: 'shared',
  testEnvironment: 'node',
  rootDir: __dirname,
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }] },
  moduleFileExtensions: ['ts', 'js'],
  testMatch: ['**/*.spec.ts'],
  reporters: ['default', '<rootDir>/../server/scripts/failed-tests-reporter.cjs'],
};
