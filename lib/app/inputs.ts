import { HostTarget } from '../core/config/targets';
import { ValidConfig } from '../core/config/validate';
import { EdgenetError } from '../core/errors';
import { applyOverride, readOverride } from '../core/facts/override';
import { HostFacts } from '../core/facts/types';
import { readConfigFile } from '../host/config-file';
import { dockerHostOf } from '../host/docker/connect';
import { parseSshUrl } from '../host/docker/ssh-dial-agent';
import { detectFacts } from '../host/facts/detect';
import { loadFacts } from '../host/facts/facts-file';
import { detectRemoteFacts } from '../host/facts/remote';

/** The edge of the program where files and hosts become (config, facts). */

export async function loadConfig(file: string): Promise<ValidConfig> {
  return readConfigFile(file);
}

/** Facts from a file (overrides still apply), else detected on this host. */
export async function loadOrDetectFacts(file: string | undefined, env: NodeJS.ProcessEnv = process.env): Promise<HostFacts> {
  if (file === undefined) return detectFacts({ env });
  const facts = await loadFacts(file);
  const override = readOverride(env);
  return override ? applyOverride(facts, override) : facts;
}

/**
 * Facts of the host a target names, from where the host is: a facts file (the command's,
 * else the host's own `facts:`), else detected where its engine runs — this machine for a
 * unix socket, the remote host over ssh for `ssh://`. A `tcp://` engine cannot be asked for
 * its interfaces: it needs a facts file or the NETWORK_* override.
 */
export async function factsFor(host: HostTarget, factsFile: string | undefined, env: NodeJS.ProcessEnv = process.env): Promise<HostFacts> {
  const file = factsFile ?? host.factsFile;
  if (file !== undefined) return loadOrDetectFacts(file, env);
  const url = dockerHostOf(host.connection, env);
  const override = readOverride(env);
  if (url.startsWith('ssh://')) {
    const target = parseSshUrl(url, host.connection.sshOpts);
    if (!target) throw new EdgenetError(`host ${host.name}: docker host ${url} is not an ssh URL; allowed: ssh://[user@]host[:port]`);
    const facts = await detectRemoteFacts(target);
    return override ? applyOverride(facts, override) : facts;
  }
  if (url.startsWith('tcp://')) {
    if (override) return applyOverride({ interfaces: [], default_interface: null, source: 'env', detected_at: '' }, override);
    throw new EdgenetError(
      `host ${host.name}: the engine at ${url} cannot report the host's interfaces; give its facts (facts: FILE under the host, --facts FILE, or NETWORK_INTERFACE/NETWORK_SUBNET/NETWORK_GATEWAY), or reach it over ssh://`,
    );
  }
  return detectFacts({ env });
}
