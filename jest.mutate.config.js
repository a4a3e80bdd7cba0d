/** The unit tests that exercise lib/core and constructs in-process: what mutation testing runs (npm run mutate). */
const base = require('./jest.config.js').projects[0];
module.exports = {
  ...base,
  displayName: undefined,
  roots: ['<rootDir>/__tests__/core', '<rootDir>/__tests__/constructs', '<rootDir>/__tests__/app', '<rootDir>/__tests__/host'],
};
