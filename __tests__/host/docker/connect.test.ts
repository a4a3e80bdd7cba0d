import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { connectDocker, dockerHostOf } from '../../../lib/host/docker/connect';
import { parseSshUrl, sshArgs } from '../../../lib/host/docker/ssh-dial-agent';

describe('the Docker engine rule', () => {
  test("the config's docker_host, else DOCKER_HOST, else the local socket", () => {
    expect(dockerHostOf({ dockerHost: 'ssh://a' }, { DOCKER_HOST: 'tcp://b:2375' })).toBe('ssh://a');
    expect(dockerHostOf({}, { DOCKER_HOST: 'tcp://b:2375' })).toBe('tcp://b:2375');
    expect(dockerHostOf({}, { DOCKER_HOST: '' })).toBe('unix:///var/run/docker.sock');
    expect(dockerHostOf({}, {})).toBe('unix:///var/run/docker.sock');
  });

  test('speaks to a unix socket, plain tcp, tcp with TLS and ssh', () => {
    expect((connectDocker({ dockerHost: 'unix:///run/x.sock' }, {}).modem as any).socketPath).toBe('/run/x.sock');
    const plain = connectDocker({ dockerHost: 'tcp://10.0.0.5:2375' }, {}).modem as any;
    expect([plain.protocol, plain.host, plain.port]).toEqual(['http', '10.0.0.5', 2375]);
    const certs = mkdtempSync(path.join(tmpdir(), 'edgenet-certs-'));
    for (const f of ['ca.pem', 'cert.pem', 'key.pem']) writeFileSync(path.join(certs, f), `${f}\n`);
    const tls = connectDocker({ dockerHost: 'tcp://10.0.0.5:2376', certPath: certs }, {}).modem as any;
    expect([tls.protocol, String(tls.cert)]).toEqual(['https', 'cert.pem\n']);
    const fromEnv = connectDocker({}, { DOCKER_HOST: 'tcp://h:2376', DOCKER_CERT_PATH: certs, DOCKER_TLS_VERIFY: '1' }).modem as any;
    expect(fromEnv.protocol).toBe('https');
    const ssh = connectDocker({ dockerHost: 'ssh://edge@site1:2222', sshOpts: ['-i', 'k'] }, {}).modem as any;
    expect(ssh.agent.constructor.name).toBe('SshDialAgent');
  });

  test('fails when the engine URL has another scheme, or the certificates cannot be read', () => {
    expect(() => connectDocker({ dockerHost: 'http://x' }, {})).toThrow(
      'docker host http://x: unknown scheme; allowed: unix://, tcp:// or ssh://',
    );
    expect(() => connectDocker({ dockerHost: 'tcp://x:2376', certPath: '/nonexistent' }, {})).toThrow(
      '/nonexistent/ca.pem: cannot read the Docker TLS certificate',
    );
  });
});

describe('ssh transport', () => {
  test('reads user, host and port from the URL', () => {
    expect(parseSshUrl('ssh://edge@site1:2222', ['-v'])).toEqual({ user: 'edge', host: 'site1', port: 2222, sshOpts: ['-v'] });
    expect(parseSshUrl('ssh://site1')).toEqual({ host: 'site1', sshOpts: [] });
    expect(parseSshUrl('tcp://site1')).toBeUndefined();
    expect(parseSshUrl('not a url')).toBeUndefined();
  });

  test('runs the remote command without ever prompting, options before the destination', () => {
    expect(sshArgs({ user: 'edge', host: 'site1', port: 2222, sshOpts: ['-i', 'k'] }, ['docker', 'system', 'dial-stdio'])).toEqual([
      '-o',
      'BatchMode=yes',
      '-i',
      'k',
      '-p',
      '2222',
      '--',
      'edge@site1',
      'docker',
      'system',
      'dial-stdio',
    ]);
  });
});
