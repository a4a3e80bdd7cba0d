import { promises as fs } from 'fs';
import * as path from 'path';
import { DriftReport, driftReport, findingsFromPlan } from '../core/drift/findings';
import { hostAccessFindings, routedVnicFindings } from '../core/drift/links';
import { routedVnicContainerName } from '../core/naming';
import { compareWithEngine, intendedState } from '../core/drift/intent';
import { DockerApi } from '../host/docker/docker-api';
import { readEngineSnapshot } from '../host/docker/engine-snapshot';
import { readHostAccessLink, readRoutedVnicAddresses } from '../host/docker/keeper-links';
import { namespacesOf } from '../host/docker/link-macs';
import { Engine } from '../host/engine/engine';
import { SynthesizedStack } from './synth';

const DRIFT_PLAN = 'edgenet-drift.tfplan';

/** Refresh-only plan (what changed behind the state) plus edgenet's own comparison with the engine. */
export async function detectDrift(engine: Engine, stack: SynthesizedStack): Promise<DriftReport> {
  await engine.init(stack.tfJson.terraform);
  await engine.plan(['-refresh-only', `-out=${DRIFT_PLAN}`]);
  const plan = await engine.showJson(DRIFT_PLAN);
  await fs.rm(path.join(stack.dir, DRIFT_PLAN), { force: true });
  const intent = intendedState(stack.tfJson);
  const api = new DockerApi(stack.model.host.connection);
  const fromEngine = compareWithEngine(intent, await readEngineSnapshot(api, intent, namespacesOf(api, stack.model.dhcpClientImage)));
  // The host's links on the LANs, as the host shows them: the engine knows nothing of them.
  for (const access of stack.model.hostAccess) {
    const address = containerAddress(stack.tfJson, access.containerName);
    // A container that is missing or stopped is reported by compareWithEngine already.
    const seen = await readHostAccessLink(api, access.containerName);
    if (address && seen) fromEngine.push(...hostAccessFindings(access, address, seen));
  }
  // A routed vNIC's address lives on a veth its keeper made: read it there, as status does.
  for (const runtime of stack.model.runtimes) {
    for (const v of runtime.routedVnics) {
      if (!v.ipv4) continue;
      const keeper = routedVnicContainerName(runtime.name, v.name);
      const address = containerAddress(stack.tfJson, keeper);
      const held = await readRoutedVnicAddresses(api, keeper);
      if (address)
        fromEngine.push(...routedVnicFindings({ runtime: runtime.name, vnic: v.name, planned: v.ipv4.toString() }, address, held));
    }
  }
  return driftReport(findingsFromPlan(plan), fromEngine);
}

/** The Terraform address of the docker_container named `name` in cdk.tf.json. */
function containerAddress(tfJson: any, name: string): string | undefined {
  const id = Object.entries<any>(tfJson.resource?.docker_container ?? {}).find(([, c]) => c.name === name)?.[0];
  return id ? `docker_container.${id}` : undefined;
}
