import { intendedState } from '../core/drift/intent';
import { NameConflict, nameConflicts, NameSets, stateNames } from '../core/name-conflicts';
import { MANAGED_LABEL } from '../core/naming';
import { containerNames } from '../host/docker/container-names';
import { DockerApi } from '../host/docker/docker-api';
import { Engine } from '../host/engine/engine';
import { SynthesizedStack } from './synth';

/** Every container and network name the Docker engine has, and the stack label of each network that has one. */
export async function dockerNames(docker: DockerApi): Promise<NameSets> {
  const containers = await docker.get<{ Names?: string[] }[]>('/containers/json?all=1');
  const networks = await docker.get<{ Name: string; Labels?: Record<string, string> | null }[]>('/networks');
  return {
    containers: new Set(containerNames(containers)),
    networks: new Set(networks.map((n) => n.Name)),
    networkStacks: new Map(networks.flatMap((n) => (n.Labels?.[MANAGED_LABEL] ? [[n.Name, n.Labels[MANAGED_LABEL]] as const] : []))),
  };
}

/**
 * The stack's names the engine already has outside the stack's state (after init: the state
 * is read through the engine). `onEngine` defaults to asking the stack's Docker engine.
 */
export async function findNameConflicts(
  stack: SynthesizedStack,
  engine: Engine,
  onEngine: () => Promise<NameSets> = () => dockerNames(new DockerApi(stack.model.host.connection)),
): Promise<NameConflict[]> {
  return nameConflicts(intendedState(stack.tfJson), await onEngine(), stateNames(await engine.statePull()), stack.model.stack);
}
