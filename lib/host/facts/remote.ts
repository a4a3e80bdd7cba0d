import execa from 'execa';
import { EdgenetError } from '../../core/errors';
import { buildFacts } from '../../core/facts/proc';
import { HostFacts } from '../../core/facts/types';
import { SshTarget, sshArgs } from '../docker/ssh-dial-agent';

/** Separates the three files in one ssh session's output. */
const MARK = '--- edgenet facts ---';

/**
 * Facts of the host an `ssh://` engine runs on, read over the same ssh connection the
 * engine is reached by: its /proc/net/route, /proc/net/dev and `ip -j addr`.
 */
export async function detectRemoteFacts(target: SshTarget, now: () => Date = () => new Date()): Promise<HostFacts> {
  const script = `cat /proc/net/route && echo '${MARK}' && cat /proc/net/dev && echo '${MARK}' && ip -j addr`;
  const result = await execa('ssh', sshArgs(target, ['sh', '-c', JSON.stringify(script)]), { reject: false, timeout: 30_000 });
  const where = `${target.user ? `${target.user}@` : ''}${target.host}`;
  if (result.exitCode !== 0) {
    throw new EdgenetError(`facts of ${where} over ssh: ${result.stderr.trim().split('\n').pop() ?? `ssh exited with ${result.exitCode}`}`);
  }
  const parts = result.stdout.split(`${MARK}\n`);
  if (parts.length !== 3) throw new EdgenetError(`facts of ${where} over ssh: unexpected output (is it a Linux host with iproute2?)`);
  const facts = buildFacts({ procNetRoute: parts[0], procNetDev: parts[1], ipAddrJson: parts[2], detectedAt: now().toISOString() });
  return { ...facts, source: `ssh:${where}` };
}
