import { intendedState } from '../core/drift/intent';
import { NameConflict, nameConflicts, NameSets, stateNames } from '../core/name-conflicts';
import { DockerApi } from '../host/docker/docker-api';
import { Engine } from '../host/engine/engine';
import { SynthesizedStack } from './synth';

/** Every container and network name the Docker engine has. */
export async function dockerNames(docker: DockerApi): Promise<NameSets> {
  const containers = await docker.get<{ Names?: string[] }[]>('/containers/json?all=1');
  const networks = await docker.get<{ Name: string }[]>('/networks');
  return {
    containers: new Set(containers.flatMap((c) => (c.Names ?? []).map((n) => n.replace(/^\//, '')))),
    networks: new Set(networks.map((n) => n.Name)),
  };
}

/**
 * The stack's names the engine already has outside the stack's state (after init: the state
 * is read through the engine). `onEngine` defaults to asking the stack's Docker engine;
 * `madeFirst` are networks the caller made for this plan, which count as the stack's own.
 */
export async function findNameConflicts(
  stack: SynthesizedStack,
  engine: Engine,
  onEngine: () => Promise<NameSets> = () => dockerNames(new DockerApi(stack.model.host.connection)),
  madeFirst: readonly string[] = [],
): Promise<NameConflict[]> {
  const state = stateNames(await engine.statePull());
  const ours = { containers: state.containers, networks: new Set([...state.networks, ...madeFirst]) };
  return nameConflicts(intendedState(stack.tfJson), await onEngine(), ours);
}
