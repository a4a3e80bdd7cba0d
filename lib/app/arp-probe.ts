import { addressesToProbe, addressInUseProblem } from '../core/arp-probe';
import { LanSettings } from '../core/config/validate';
import { ProblemList } from '../core/errors';
import { AllocationRecord, EdgeModel } from '../core/model/types';
import { arpAnswer } from '../host/docker/arp-probe';
import { DockerApi } from '../host/docker/docker-api';

/**
 * Before an auto address is first given on a LAN with `arp_probe`, the host asks the LAN
 * whether anyone holds it; if someone answers, nothing is written and the problem says which
 * address to exclude.
 */
export async function probeNewAutoAddresses(
  model: EdgeModel,
  lans: ReadonlyMap<string, LanSettings>,
  recorded: AllocationRecord,
  progress: (message: string) => void = () => undefined,
  api: () => DockerApi = () => new DockerApi(model.host.connection),
): Promise<void> {
  const requests = addressesToProbe(model, lans, recorded);
  if (requests.length === 0) return;
  progress(`arp_probe: asking the LAN whether ${requests.length} new auto address(es) of stack ${model.stack} are free ...`);
  const docker = api();
  const problems = new ProblemList();
  // All at once: each waits for the LAN's answer, not for the engine.
  const answers = await Promise.all(requests.map((r) => arpAnswer(docker, model.dhcpClientImage, r.parent, r.address)));
  requests.forEach((request, i) => problems.add(addressInUseProblem(request, answers[i])));
  problems.throwIfAny();
}
