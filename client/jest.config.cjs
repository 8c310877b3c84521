// Client unit tests: Angular components and stores in jsdom, zoneless like the app itself.
module.exports = {
  displayName: 'client',
  preset: 'jest-preset-angular',
  testEnvironment: 'jest-preset-angular/environments/jest-jsdom-env',
  rootDir: __dirname,
  setupFilesAfterEnv: ['<rootDir>/src/test-setup.ts'],
  transform: {
    '^.+\\.(ts|mjs|js|html)$': [
      'jest-preset-angular',
      { tsconfig: '<rootDir>/tsconfig.spec.json', stringifyContentPathRegex: '\\.(html|svg)$' },
    ],
  },
  transformIgnorePatterns: ['node_modules/(?!.*\\.mjs$)'],
  moduleNameMapper: { '^@hub/shared$': '<rootDir>/../shared/index.ts' },
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  reporters: ['default', '<rootDir>/../server/scripts/failed-tests-reporter.cjs'],
};
