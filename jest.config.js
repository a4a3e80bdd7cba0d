/** Two projects: `unit` is fast and needs no root; `e2e` drives a real dockerd and engine. */
const tsJest = ['ts-jest', { diagnostics: false }];
module.exports = {
  reporters: ['default', '<rootDir>/scripts/summary-reporter.js'],
  // Some unit tests run the built CLI as a child process; a loaded machine must not fail them.
  testTimeout: 30_000,
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      roots: ['<rootDir>/__tests__'],
      testMatch: ['**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', '/__tests__/e2e/'],
      transform: { '^.+\\.ts$': tsJest },
      setupFilesAfterEnv: ['<rootDir>/__tests__/setup.js'],
    },
    {
      displayName: 'e2e',
      testEnvironment: 'node',
      roots: ['<rootDir>/__tests__/e2e'],
      testMatch: ['**/*.test.ts'],
      transform: { '^.+\\.ts$': tsJest },
      globalSetup: '<rootDir>/scripts/testbed/global-setup.js',
      setupFilesAfterEnv: ['<rootDir>/__tests__/setup.js'],
    },
  ],
};
