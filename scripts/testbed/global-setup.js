// Brings the real test bed up before the e2e suite. Under CI=true a test bed that
// cannot come up fails the run; elsewhere too: a skipped e2e suite is never green.
const { execFileSync } = require('child_process');
const path = require('path');

module.exports = async () => {
  const root = path.resolve(__dirname, '..', '..');
  if (process.getuid && process.getuid() !== 0) {
    throw new Error('the e2e suite needs root (dockerd, network namespaces); run `npm run test:unit` for the unit tests alone');
  }
  execFileSync('bash', [path.join(root, 'scripts', 'testbed.sh'), 'up'], { stdio: 'inherit' });
  execFileSync('npx', ['tsc', '-p', root], { stdio: 'inherit', cwd: root });
};
