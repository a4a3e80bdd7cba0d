import type Docker from 'dockerode';
import { readFileSync } from 'fs';
import * as path from 'path';
import { DEFAULT_DOCKER_HOST } from '../../core/config/defaults';
import { DockerConnection } from '../../core/config/targets';
import { EdgenetError } from '../../core/errors';
import { dockerode } from './dockerode';
import { parseSshUrl, SshDialAgent } from './ssh-dial-agent';

/**
 * The Docker engine rule, the same in every command and in the provider: the config's
 * docker_host, else DOCKER_HOST, else the local socket; TLS with the config's
 * docker_cert_path, else DOCKER_CERT_PATH (DOCKER_TLS_VERIFY as the docker CLI reads it).
 */
export function dockerHostOf(connection: Partial<DockerConnection> = {}, env: NodeJS.ProcessEnv = process.env): string {
  return connection.dockerHost ?? (env.DOCKER_HOST || DEFAULT_DOCKER_HOST);
}

/** The TLS material for a tcp:// engine, or undefined for plain HTTP. */
function tlsOf(connection: Partial<DockerConnection>, env: NodeJS.ProcessEnv) {
  const certPath = connection.certPath ?? (env.DOCKER_CERT_PATH || undefined);
  if (certPath === undefined) return env.DOCKER_TLS_VERIFY ? {} : undefined;
  const read = (file: string) => {
    try {
      return readFileSync(path.join(certPath, file));
    } catch (err) {
      throw new EdgenetError(`${path.join(certPath, file)}: cannot read the Docker TLS certificate: ${(err as Error).message}`);
    }
  };
  return { ca: read('ca.pem'), cert: read('cert.pem'), key: read('key.pem') };
}

/** A Docker client (dockerode) for the engine the rule names. */
export function connectDocker(connection: Partial<DockerConnection> = {}, env: NodeJS.ProcessEnv = process.env): Docker {
  const url = dockerHostOf(connection, env);
  const Docker = dockerode();
  if (url.startsWith('unix://')) return new Docker({ socketPath: url.slice('unix://'.length) });
  if (url.startsWith('ssh://')) {
    const target = parseSshUrl(url, connection.sshOpts ?? []);
    if (!target) throw new EdgenetError(`docker host ${url}: not an ssh URL; allowed: ssh://[user@]host[:port]`);
    // dockerode speaks plain HTTP over the agent's connections; the agent is the ssh transport.
    return new Docker({ protocol: 'http', host: 'docker', port: 80, agent: new SshDialAgent(target) } as Docker.DockerOptions);
  }
  if (url.startsWith('tcp://')) {
    const parsed = new URL(url.replace(/^tcp:/, 'http:'));
    const tls = tlsOf(connection, env);
    return new Docker({
      protocol: tls ? 'https' : 'http',
      host: parsed.hostname,
      port: Number(parsed.port || (tls ? 2376 : 2375)),
      ...(tls ?? {}),
    });
  }
  throw new EdgenetError(`docker host ${url}: unknown scheme; allowed: unix://, tcp:// or ssh://`);
}
