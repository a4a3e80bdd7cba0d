import { factsFor, loadConfig } from '../app/inputs';
import { DEFAULT_OUTDIR, SynthesizedStack, synthesizeHosts } from '../app/synth';
import { HostTarget, selectHost } from '../core/config/targets';
import { ValidConfig } from '../core/config/validate';
import { EdgenetError } from '../core/errors';
import { checkOutput } from '../host/files/output-path';
import { configPath, progress, Values } from './options';

/** The hosts a command acts on: the one --host names, else all of them. */
export function selectedHosts(config: ValidConfig, values: Values): readonly HostTarget[] {
  return values.host !== undefined ? [selectHost(config.hosts, values.host)] : config.hosts;
}

/** The facts file the command line names (--facts, else $EDGENET_FACTS): one host's facts, never all hosts'. */
function factsOption(values: Values, hosts: readonly HostTarget[]): string | undefined {
  const file = values.facts ?? process.env.EDGENET_FACTS;
  if (file !== undefined && hosts.length > 1) {
    throw new EdgenetError(
      `--facts ${file}: names one host's facts, but the config has several hosts (${hosts.map((h) => h.name).join(', ')}); add --host NAME`,
    );
  }
  return file;
}

/** The config the options name, synthesized for each selected host with its facts. */
export async function synthFromOptions(values: Values): Promise<SynthesizedStack[]> {
  const file = configPath(values);
  const config = await loadConfig(file);
  const outdir = values.out ?? DEFAULT_OUTDIR;
  // Before facts are detected (over ssh, maybe): an out directory that cannot be written fails at once.
  checkOutput(outdir, 'directory', '--out');
  const hosts = selectedHosts(config, values);
  const factsFile = factsOption(values, hosts);
  const withFacts = [];
  for (const host of hosts) withFacts.push({ name: host.name, facts: await factsFor(host, factsFile) });
  return synthesizeHosts(config, file, withFacts, outdir, progress);
}

/** A heading per host when a command acts on several. */
export function hostHeading(stacks: readonly SynthesizedStack[], stack: SynthesizedStack): string {
  return stacks.length > 1 ? `== host ${stack.model.host.name} (stack ${stack.model.stack}) ==\n` : '';
}
