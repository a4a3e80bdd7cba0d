import * as path from 'path';

/** Where unit tests find the project, the built CLI and their fixtures, from any depth. */
export const ROOT = path.resolve(__dirname, '..');
export const CLI = path.join(ROOT, 'bin', 'edgenet.js');
export const FIXTURES = path.join(__dirname, 'fixtures');
