/**
 * Taking over what already runs (`edgenet adopt`): which of the stack's resources the engine
 * already has, to be imported into the state instead of created, and what a plan with those
 * imports would do to them. Pure: the engine's objects and the plan come in as data.
 */

/** What the engine has of the names a stack declares: name -> engine ID. */
export interface EngineObjects {
  readonly containers: ReadonlyMap<string, string>;
  readonly networks: ReadonlyMap<string, string>;
  /** `<container name>:<network name>` of every endpoint that exists. */
  readonly endpoints: ReadonlySet<string>;
}

/** One Terraform import: the resource's address and the ID its provider imports it by. */
export interface ImportSpec {
  readonly to: string;
  readonly id: string;
}

const REFERENCE = /^\$\{(docker_container|docker_network)\.([^.]+)\.id\}$/;

/**
 * The imports that bring what runs under the stack: every docker_network and docker_container
 * of the synthesized stack that the engine has by name and the state lacks, and every network
 * attachment whose endpoint exists on the engine. Sorted by address, so the same inputs give
 * the same imports.
 */
export function adoptionImports(tfJson: any, engine: EngineObjects, inState: ReadonlySet<string>): ImportSpec[] {
  const imports: ImportSpec[] = [];
  const names = new Map<string, string>();
  for (const type of ['docker_network', 'docker_container'] as const) {
    const objects = type === 'docker_network' ? engine.networks : engine.containers;
    for (const [id, resource] of Object.entries<any>(tfJson.resource?.[type] ?? {})) {
      const address = `${type}.${id}`;
      names.set(address, resource.name);
      const engineId = objects.get(resource.name);
      if (engineId !== undefined && !inState.has(address)) imports.push({ to: address, id: engineId });
    }
  }
  const nameOf = (reference: unknown) => {
    const ref = typeof reference === 'string' ? REFERENCE.exec(reference) : null;
    return ref ? names.get(`${ref[1]}.${ref[2]}`) : undefined;
  };
  for (const [id, attachment] of Object.entries<any>(tfJson.resource?.edgenet_network_attachment ?? {})) {
    const address = `edgenet_network_attachment.${id}`;
    const endpoint = `${nameOf(attachment.container)}:${nameOf(attachment.network)}`;
    if (engine.endpoints.has(endpoint) && !inState.has(address)) imports.push({ to: address, id: endpoint });
  }
  return imports.sort((a, b) => (a.to < b.to ? -1 : a.to > b.to ? 1 : 0));
}

/** Whose a resource is: the runtime (and vNIC) its construct lives under. */
export interface Owner {
  readonly runtime: string;
  readonly vnic?: string;
}

const RUNTIME_PATH = /\/Runtimes\/([^/]+)\/(?:.*\/)?(?:vnic-([^/]+))?[^/]*$/;

/** The runtime (and vNIC) of each resource, from the construct paths cdk.tf.json records. */
export function ownersIn(tfJson: any): Map<string, Owner> {
  const owners = new Map<string, Owner>();
  for (const [type, resources] of Object.entries<any>(tfJson.resource ?? {})) {
    for (const [id, resource] of Object.entries<any>(resources)) {
      const match = RUNTIME_PATH.exec(String(resource?.['//']?.metadata?.path ?? ''));
      if (match) owners.set(`${type}.${id}`, { runtime: match[1], ...(match[2] ? { vnic: match[2] } : {}) });
    }
  }
  return owners;
}

/** A resource the plan would replace, and why, for one line of adopt's refusal. */
export interface Replacement {
  readonly address: string;
  readonly type: string;
  /** The container or network name, as the plan has it. */
  readonly name: string;
  /** The runtime (and vNIC) it belongs to, where it is a runtime's. */
  readonly owner?: Owner;
  /** `attribute: <on the engine> on the engine, <in the config> in the config`, per attribute that forces it. */
  readonly differences: readonly string[];
}

/** A plan value as one short text: JSON, at most 60 characters. */
function shown(value: unknown, unknown = false): string {
  if (unknown) return 'a value known only after apply';
  if (value === undefined || value === null) return 'none';
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function at(value: any, path: readonly (string | number)[]): any {
  return path.reduce((v, key) => (v === undefined || v === null ? undefined : v[key]), value);
}

/**
 * Every resource the plan (`terraform show -json`) would replace, with the attributes that force
 * it: what runs on the engine (the plan's `before`) against what the config declares (`after`).
 */
export function replacementsIn(planJson: any, owners: ReadonlyMap<string, Owner>): Replacement[] {
  const out: Replacement[] = [];
  for (const rc of planJson?.resource_changes ?? []) {
    const actions: string[] = rc.change?.actions ?? [];
    if (!(actions.includes('delete') && actions.includes('create'))) continue;
    const paths: (string | number)[][] = rc.change?.replace_paths ?? [];
    const differences = paths.map((path) => {
      const unknown = at(rc.change.after_unknown, path) === true;
      return `${path.join('.')}: ${shown(at(rc.change.before, path))} on the engine, ${shown(at(rc.change.after, path), unknown)} in the config`;
    });
    if (rc.action_reason === 'replace_by_triggers') differences.push('its internal network would be replaced');
    if (differences.length === 0) differences.push('replaced by the plan');
    const owner = owners.get(rc.address);
    out.push({
      address: rc.address,
      type: rc.type,
      name: String(rc.change?.before?.name ?? rc.change?.after?.name ?? rc.address),
      ...(owner ? { owner } : {}),
      differences,
    });
  }
  return out;
}

/** A difference that only says the vNIC's container is new: it follows from the container's own replacement. */
const NEW_CONTAINER = /^container: /;

/**
 * Adopt's rule: nothing that runs is replaced, but what the operator allowed to restart
 * (`--allow-restart RUNTIME`: that runtime's container and vNICs). Answers one line per runtime
 * (its container's differences, then each vNIC's that does not just follow from a new
 * container) and one per other resource; none when the plan may be applied.
 */
export function refusedReplacements(replacements: readonly Replacement[], allowRestart: ReadonlySet<string>): string[] {
  const refused = replacements.filter((r) => r.owner === undefined || !allowRestart.has(r.owner.runtime));
  const lines: string[] = [];
  const runtimes = [...new Set(refused.flatMap((r) => (r.owner ? [r.owner.runtime] : [])))].sort();
  for (const runtime of runtimes) {
    const own = refused.filter((r) => r.owner?.runtime === runtime);
    const restarted = own.some((r) => r.owner?.vnic === undefined);
    const parts = own.flatMap((r) => {
      if (r.owner?.vnic === undefined) {
        return r.type === 'docker_network' ? [`internal network ${r.name}: ${r.differences.join(', ')}`] : r.differences;
      }
      const own = restarted ? r.differences.filter((d) => !NEW_CONTAINER.test(d)) : r.differences;
      return own.length > 0 ? [`vNIC ${r.owner.vnic}: ${own.join(', ')}`] : [];
    });
    const container = own.find((r) => r.type === 'docker_container')?.name ?? runtime;
    lines.push(
      restarted
        ? `runtime ${runtime} would be replaced (restarted), container ${container}: ${parts.join('; ')}`
        : `runtime ${runtime} would have vNICs reconnected: ${parts.join('; ')}`,
    );
  }
  for (const r of refused.filter((x) => x.owner === undefined)) {
    const why = r.differences.join('; ');
    lines.push(
      r.type === 'docker_network'
        ? `network ${r.name} would be replaced, disconnecting every runtime on it: ${why}`
        : `${r.address} would be replaced: ${why}`,
    );
  }
  return lines;
}
