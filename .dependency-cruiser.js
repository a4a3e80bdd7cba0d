/**
 * The house's import rules (README, "Architecture"): imports point one way,
 * cli, watcher -> app -> constructs -> core, and app, cli, watcher -> host -> core.
 * `npm run depcheck` (part of `npm run lint`) fails on any break.
 */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      severity: 'error',
      comment: 'No module reaches itself through its imports.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'core-is-pure',
      severity: 'error',
      comment: 'lib/core imports nothing of ours outside lib/core, and no I/O or cdktf.',
      from: { path: '^lib/core/' },
      to: {
        pathNot: ['^lib/core/', '^node_modules/(zod|ipaddr\\.js|yaml)/'],
        dependencyTypesNot: ['core'],
      },
    },
    {
      name: 'core-has-no-io',
      severity: 'error',
      comment: 'lib/core does no I/O: no fs, net, child processes, http.',
      from: { path: '^lib/core/' },
      to: { dependencyTypes: ['core'], path: '^(fs|fs/promises|net|http|https|child_process|os|dgram|readline)$' },
    },
    {
      name: 'constructs-only-core',
      severity: 'error',
      comment: 'constructs take the resolved model: they import lib/core (and cdktf), never the host, app, cli or watcher.',
      from: { path: '^constructs/' },
      to: { path: '^(lib/(host|app|cli)|watcher|main\\.ts)' },
    },
    {
      name: 'host-not-constructs',
      severity: 'error',
      comment: 'lib/host adapts I/O for the core; it never builds constructs nor runs the app.',
      from: { path: '^lib/host/' },
      to: { path: '^(constructs|lib/(app|cli)|watcher)/' },
    },
    {
      name: 'app-not-callers',
      severity: 'error',
      comment: 'lib/app is used by the CLI and the watcher, never the other way round.',
      from: { path: '^lib/app/' },
      to: { path: '^(lib/cli|watcher)/' },
    },
    {
      name: 'watcher-not-cli',
      severity: 'error',
      comment: 'The CLI starts the daemons; the daemons do not know the CLI.',
      from: { path: '^watcher/' },
      to: { path: '^lib/cli/' },
    },
    {
      name: 'testbed-only-for-tests',
      severity: 'error',
      comment: 'Only the e2e suite and the benchmark know where the test bed lives.',
      from: { pathNot: '^(__tests__/e2e|bench|scripts/testbed)/' },
      to: { path: '^scripts/testbed/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|node_modules|cdktf\\.out|\\.testbed)/' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.json', '.d.ts'] },
    moduleSystems: ['cjs', 'es6'],
  },
};
