import { existsSync } from 'fs';
import { containersToReplace } from '../core/drift/findings';
import { compareWithEngine, intendedState } from '../core/drift/intent';
import { DockerApi } from '../host/docker/docker-api';
import { readEngineSnapshot } from '../host/docker/engine-snapshot';
import { Progress } from '../host/engine/engine';
import { SynthesizedStack } from './synth';

/**
 * Containers that drifted where the provider cannot see it (networks_advanced is not read
 * back), as `-replace=` addresses; nothing to heal before the first apply.
 */
export async function healingReplacements(stack: SynthesizedStack, progress: Progress): Promise<string[]> {
  if (!existsSync(stack.stateFile)) return [];
  const intent = intendedState(stack.tfJson);
  const replace = containersToReplace(
    compareWithEngine(intent, await readEngineSnapshot(new DockerApi(stack.model.host.connection), intent)),
  );
  if (replace.length > 0) progress(`replacing what the engine shows off intent: ${replace.join(', ')}`);
  return replace;
}
