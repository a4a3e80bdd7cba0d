import { Intent } from './drift/intent';

/**
 * Names the stack would create that the engine already has, made by someone else (the
 * reference agent, an operator, another state): creating them fails halfway through an
 * apply, so they are found before anything is applied. Ours are the names in the stack's
 * state; reused networks (data sources) are not created and never conflict.
 */

export interface NameConflict {
  readonly kind: 'container' | 'network';
  readonly name: string;
  /** The Terraform address that would create it. */
  readonly address: string;
}

export interface NameSets {
  readonly containers: ReadonlySet<string>;
  readonly networks: ReadonlySet<string>;
  /** The engine's networks that carry a stack label (MANAGED_LABEL), by name: that stack's. @default - none */
  readonly networkStacks?: ReadonlyMap<string, string>;
}

/**
 * Every name the intent of `stack` creates that the engine has and the state does not,
 * containers first, by name. A network labelled as this stack's is its own even outside the
 * state (made by the watcher's move first, or by an apply interrupted before it recorded it):
 * the docker provider adopts it when it is identical, and says why not when it is not.
 */
export function nameConflicts(intent: Intent, engine: NameSets, state: NameSets, stack: string): NameConflict[] {
  const found: NameConflict[] = [];
  for (const [address, c] of intent.containers) {
    if (engine.containers.has(c.name) && !state.containers.has(c.name)) found.push({ kind: 'container', name: c.name, address });
  }
  for (const [address, n] of intent.networks) {
    const ours = state.networks.has(n.name) || engine.networkStacks?.get(n.name) === stack;
    if (engine.networks.has(n.name) && !ours) found.push({ kind: 'network', name: n.name, address });
  }
  return found.sort((a, b) => (a.kind !== b.kind ? (a.kind === 'container' ? -1 : 1) : a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** The container and network names a Terraform state (`state pull`, format 4) holds; none for an empty state. */
export function stateNames(state: unknown): NameSets {
  const containers = new Set<string>();
  const networks = new Set<string>();
  const resources = (state as { resources?: unknown })?.resources;
  for (const r of Array.isArray(resources) ? resources : []) {
    if (r?.mode !== 'managed' || (r.type !== 'docker_container' && r.type !== 'docker_network')) continue;
    for (const instance of Array.isArray(r.instances) ? r.instances : []) {
      const name = instance?.attributes?.name;
      if (typeof name === 'string') (r.type === 'docker_container' ? containers : networks).add(name);
    }
  }
  return { containers, networks };
}

/** One line per conflict, for the plan and the refusal. */
export function describeConflict(c: NameConflict, stack: string): string {
  return `conflict: ${c.kind} ${c.name} exists on the engine but not in the state of stack ${stack} (it would be ${c.address}); take it over as it runs with edgenet adopt, or remove or rename it`;
}
