import execa from 'execa';
import { EdgenetError } from '../../core/errors';
import { buildFacts } from '../../core/facts/proc';
import { HostFacts } from '../../core/facts/types';
import { SshTarget, sshArgs } from '../docker/ssh-dial-agent';

/** Separates the three files in one ssh session's output. */
const MARK = '--- edgenet facts ---';

/**
 * Facts of the host an `ssh://` engine runs on, read over the same ssh connection the
 * engine is reached by: its /proc/net/route, /proc/net/dev, `ip -j addr` and which
 * interfaces sysfs says are wireless.
 */
export async function detectRemoteFacts(target: SshTarget, now: () => Date = () => new Date()): Promise<HostFacts> {
  const wireless = `for d in /sys/class/net/*; do [ -e "$d/wireless" ] || [ -e "$d/phy80211" ] && echo "\${d##*/}"; done; true`;
  // `ip -j` ends without a newline: each mark starts a line of its own.
  const mark = `printf '\\n%s\\n' '${MARK}'`;
  const script = `cat /proc/net/route && ${mark} && cat /proc/net/dev && ${mark} && ip -j addr && ${mark} && { ${wireless}; }`;
  // ssh joins the remote words into one command line for the remote shell: quote the script for it.
  const quoted = `'${script.replace(/'/g, `'\\''`)}'`;
  const result = await execa('ssh', sshArgs(target, ['sh', '-c', quoted]), { reject: false, timeout: 30_000 });
  const where = `${target.user ? `${target.user}@` : ''}${target.host}`;
  if (result.exitCode !== 0) {
    throw new EdgenetError(`facts of ${where} over ssh: ${result.stderr.trim().split('\n').pop() ?? `ssh exited with ${result.exitCode}`}`);
  }
  // execa drops the output's last newline: the last mark may end the output.
  const parts = result.stdout.split(new RegExp(`\n${MARK}(?:\n|$)`));
  if (parts.length !== 4) throw new EdgenetError(`facts of ${where} over ssh: unexpected output (is it a Linux host with iproute2?)`);
  const facts = buildFacts({
    procNetRoute: parts[0],
    procNetDev: parts[1],
    ipAddrJson: parts[2],
    wirelessInterfaces: parts[3].split('\n').filter(Boolean),
    detectedAt: now().toISOString(),
  });
  return { ...facts, source: `ssh:${where}` };
}
