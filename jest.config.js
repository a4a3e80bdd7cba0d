/**
 * Three projects: `unit` is fast and needs no root; `e2e` drives the test bed's Docker Engine
 * 20.10 and a real Terraform engine; `e2e-29` runs the suites that touch the engine again on
 * Docker Engine 29 (docs/testing.md says which and why).
 */
const tsJest = ['ts-jest', { diagnostics: false }];

/** The suites whose promises depend on the Docker engine: they run on both engines. */
const ON_BOTH_ENGINES = [
  'lifecycle',
  'adopt',
  'addressing',
  'continuity',
  'watch',
  'remote',
  'cdktf',
  'agent',
  'testbed-servers',
  'netmon-image',
  'host-access',
  'routed',
];

const e2e = {
  testEnvironment: 'node',
  roots: ['<rootDir>/__tests__/e2e'],
  transform: { '^.+\\.ts$': tsJest },
  globalSetup: '<rootDir>/scripts/testbed/global-setup.js',
  setupFilesAfterEnv: ['<rootDir>/__tests__/setup.js'],
};
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
    { ...e2e, displayName: 'e2e', testMatch: ['**/*.test.ts'] },
    {
      ...e2e,
      displayName: 'e2e-29',
      testMatch: ON_BOTH_ENGINES.map((name) => `**/${name}.test.ts`),
      setupFiles: ['<rootDir>/scripts/testbed/engine-29.js'],
    },
  ],
};
