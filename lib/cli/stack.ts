import { factsFor, loadConfig } from '../app/inputs';
import { DEFAULT_OUTDIR, SynthesizedStack, synthesize } from '../app/synth';
import { HostTarget, selectHost } from '../core/config/targets';
import { ValidConfig } from '../core/config/validate';
import { EdgenetError } from '../core/errors';
import { configPath, Values } from './options';

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
  const config = await loadConfig(configPath(values));
  const hosts = selectedHosts(config, values);
  const factsFile = factsOption(values, hosts);
  const stacks: SynthesizedStack[] = [];
  for (const host of hosts) stacks.push(synthesize(config, await factsFor(host, factsFile), values.out ?? DEFAULT_OUTDIR, host.name));
  return stacks;
}

/** A heading per host when a command acts on several. */
export function hostHeading(stacks: readonly SynthesizedStack[], stack: SynthesizedStack): string {
  return stacks.length > 1 ? `== host ${stack.model.host.name} (stack ${stack.model.stack}) ==\n` : '';
}
