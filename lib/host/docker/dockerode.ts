import type Docker from 'dockerode';
import Module from 'module';
import { EdgenetError } from '../../core/errors';

/**
 * dockerode without the two parts edgenet never uses, which it loads at start all the same:
 * BuildKit sessions (gRPC and protobuf, for image builds) and docker-modem's own ssh
 * transport (ssh2; edgenet dials ssh:// engines itself, SshDialAgent). The watcher holds
 * its Docker client for the host's lifetime, and these two are ~8 MiB of its resident set.
 * Each is replaced by a stand-in that refuses, by name, should a later dockerode call it.
 */
const UNUSED_PARTS: Readonly<Record<string, string>> = {
  'dockerode/lib/session': 'BuildKit sessions (image builds)',
  'docker-modem/lib/ssh': "docker-modem's ssh transport (edgenet dials ssh:// engines itself)",
};

function standIn(part: string, what: string): Module {
  const stub = new Module(part);
  stub.loaded = true;
  stub.exports = () => {
    throw new EdgenetError(`edgenet does not load ${what} of dockerode (${part}), and was asked to use it`);
  };
  return stub;
}

let loaded: typeof Docker | undefined;

export function dockerode(): typeof Docker {
  if (loaded) return loaded;
  const fromDockerode = require.resolve('dockerode');
  for (const [part, what] of Object.entries(UNUSED_PARTS)) {
    const file = require.resolve(part, { paths: [fromDockerode] });
    require.cache[file] ??= standIn(file, what);
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded after the stand-ins are in place
  loaded = require('dockerode') as typeof Docker;
  return loaded;
}
