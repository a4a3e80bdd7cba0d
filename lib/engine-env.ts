import { existsSync } from 'fs';
import * as path from 'path';
import { engineOnPath } from './terraform';

/**
 * What scripts/testbed.sh set up in .testbed/: the provider mirror, used unless the
 * operator's TF_CLI_CONFIG_FILE names a file that exists, and the OpenTofu it built
 * when neither terraform nor tofu is on PATH.
 */
export function engineEnv(): NodeJS.ProcessEnv {
  const testbed = path.resolve(__dirname, '..', '..', '.testbed');
  const env: NodeJS.ProcessEnv = {};
  const mirrorConfig = path.join(testbed, 'terraform.rc');
  const chosen = process.env.TF_CLI_CONFIG_FILE;
  if (!(chosen && existsSync(chosen)) && existsSync(mirrorConfig)) env.TF_CLI_CONFIG_FILE = mirrorConfig;
  const builtEngine = path.join(testbed, 'bin', 'tofu');
  if (!process.env.TERRAFORM_BINARY_NAME && !engineOnPath() && existsSync(builtEngine)) env.TERRAFORM_BINARY_NAME = builtEngine;
  return env;
}
