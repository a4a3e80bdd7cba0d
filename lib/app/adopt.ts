import { adoptionImports, ImportSpec, ownersIn, refusedReplacements, replacementsIn } from '../core/adoption';
import { NameSets } from '../core/name-conflicts';
import { DockerApi } from '../host/docker/docker-api';
import { readEngineObjects } from '../host/docker/engine-objects';
import { Progress } from '../host/engine/engine';
import { deploy, DeployResult } from './deploy';
import { engineFor } from './engine-for-stack';
import { dockerNames } from './name-conflicts';
import { SynthesizedStack, writeStacks } from './synth';

export interface AdoptOptions {
  /** Runtimes whose container may be replaced (restarted) to match the config. @default - none */
  readonly allowRestart?: ReadonlySet<string>;
  /** Asked with the plan before it is applied; false changes nothing. @default - no question */
  readonly confirm?: (planOutput: string) => Promise<boolean>;
  /** @default - silent */
  readonly progress?: Progress;
  /** Environment for the engine. @default - this process's */
  readonly engineEnv?: NodeJS.ProcessEnv;
}

export interface AdoptResult {
  /** What was (or, refused, would have been) imported. */
  readonly imports: readonly ImportSpec[];
  /** The apply, when there was anything to adopt. */
  readonly deployed?: DeployResult;
}

/** The addresses a Terraform state (`state pull`) holds. */
function stateAddresses(state: any): Set<string> {
  const resources: any[] = Array.isArray(state?.resources) ? state.resources : [];
  return new Set(resources.filter((r) => r.mode === 'managed').map((r) => `${r.type}.${r.name}`));
}

/** The engine's names, less those the imports bring into the state: they are the stack's own from this apply on. */
async function namesOutsideImports(api: DockerApi, imported: ReadonlySet<string>): Promise<NameSets> {
  const names = await dockerNames(api);
  const outside = (set: ReadonlySet<string>) => new Set([...set].filter((n) => !imported.has(n)));
  return { ...names, containers: outside(names.containers), networks: outside(names.networks) };
}

/**
 * `edgenet adopt`: what already runs on the host under the stack, without replacing anything.
 * Every network and container the stack declares that the engine has (and the state lacks) is
 * imported, with the vNIC endpoints that exist; the plan is read before anything is applied,
 * and a plan that would replace something that runs is refused, one line per resource and the
 * attributes that force it, unless it is a runtime `allowRestart` names. Healing is off: a
 * difference is the operator's to settle, never a replacement made on their behalf.
 */
export async function adopt(stack: SynthesizedStack, outdir: string, options: AdoptOptions = {}): Promise<AdoptResult> {
  const progress = options.progress ?? (() => undefined);
  const engine = engineFor(stack, { command: 'apply', env: options.engineEnv, progress });
  await engine.init(stack.tfJson.terraform);
  const api = new DockerApi(stack.model.host.connection);
  const imports = adoptionImports(stack.tfJson, await readEngineObjects(api), stateAddresses(await engine.statePull()));
  if (imports.length === 0) {
    progress(`stack ${stack.model.stack}: the engine runs nothing the stack declares outside its state; nothing to adopt`);
    return { imports };
  }
  progress(`stack ${stack.model.stack}: importing ${imports.length} resource(s) that already run: ${imports.map((i) => i.to).join(', ')}`);
  const [withImports] = writeStacks([stack.model], outdir, new Map([[stack.model.stack, imports]]));
  const owners = ownersIn(withImports.tfJson);
  const importedNames = new Set(imports.map((i) => nameOf(withImports.tfJson, i.to)).filter((n): n is string => n !== undefined));
  const allowRestart = options.allowRestart ?? new Set<string>();
  try {
    const deployed = await deploy(withImports, {
      mode: 'apply',
      verb: 'adopt',
      heal: false,
      progress,
      confirm: options.confirm,
      engineEnv: options.engineEnv,
      engineNames: () => namesOutsideImports(api, importedNames),
      guard: (plan) => {
        const refused = refusedReplacements(replacementsIn(plan, owners), allowRestart);
        if (refused.length === 0) return undefined;
        return [
          'it would replace what runs; nothing was changed. Change the config to match what runs, or allow that runtime a restart with --allow-restart RUNTIME:',
          ...refused,
        ].join('\n');
      },
    });
    return { imports, deployed };
  } finally {
    // The import blocks served this apply only: the stack on disk is the ordinary one again.
    writeStacks([stack.model], outdir);
  }
}

/** The name of the container or network at a Terraform address of the stack. */
function nameOf(tfJson: any, address: string): string | undefined {
  const [type, id] = address.split('.');
  return type === 'edgenet_network_attachment' ? undefined : tfJson.resource?.[type]?.[id]?.name;
}
