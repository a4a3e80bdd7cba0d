import { App } from 'cdktf';
import { mkdirSync } from 'fs';
import * as path from 'path';
import { EdgeStack } from '../constructs/edge-stack';
import { ValidConfig } from './config/validate';
import { HostFacts } from './facts/types';

export const DEFAULT_OUTDIR = 'cdktf.out';

/** Where `cdktf synth` and `edgenet synth` put a stack's Terraform JSON. */
export function stackDir(outdir: string, stack: string): string {
  return path.join(outdir, 'stacks', stack);
}

/**
 * config + facts -> `<outdir>/stacks/<stack>/cdk.tf.json`. Deterministic: the facts'
 * detection time and source never reach the output. Same path as `cdktf synth`.
 */
export function synthesize(config: ValidConfig, facts: HostFacts, outdir: string = DEFAULT_OUTDIR): string {
  // cdktf creates only the last path segment; `--out a/b/cdktf.out` must work too.
  mkdirSync(outdir, { recursive: true });
  const app = new App({ outdir, skipValidation: false });
  new EdgeStack(app, config.stack, { config, facts });
  app.synth();
  return path.join(stackDir(outdir, config.stack), 'cdk.tf.json');
}

/** The local state file a stack's backend points at (outside the out dir, which synth may clean). */
export function stateFile(outdir: string, stack: string): string {
  return path.join(outdir, '..', `terraform.${stack}.tfstate`);
}
