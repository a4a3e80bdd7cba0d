import { existsSync, readFileSync } from 'fs';
import { DockerApi } from './docker-api';
import { containersToReplace } from './drift';
import { compareWithEngine } from './intent';
import { Progress } from './terraform';

/**
 * Containers that drifted where the provider cannot see it (networks_advanced is not read
 * back), as `-replace=` addresses; nothing to heal before the first apply.
 */
export async function healingReplacements(state: string, file: string, dockerHost: string, progress: Progress): Promise<string[]> {
  if (!existsSync(state)) return [];
  const tfJson = JSON.parse(readFileSync(file, 'utf8'));
  const replace = containersToReplace(await compareWithEngine(tfJson, new DockerApi(dockerHost)));
  if (replace.length > 0) progress(`replacing what the engine shows off intent: ${replace.join(', ')}`);
  return replace;
}
