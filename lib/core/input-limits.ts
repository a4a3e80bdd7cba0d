import { Problem } from './errors';
import { jsonPath } from './json-path';

/**
 * How large and how deep an input file may be. A hostile file is refused by its size before a
 * parser reads it, so reading costs time linear in at most that many bytes; and by its depth
 * before anything that recurses walks it.
 */
export const INPUT_LIMITS = {
  /**
   * A config file. A runtime with a vNIC is about 200 bytes of YAML, so 300 of them fit; the
   * `yaml` package reads its worst shapes (`- - - x` lines, long flow lists) at a few
   * microseconds a byte, so any config is refused or read in a quarter of a second.
   */
  configBytes: 64 * 1024,
  /** A JSON file edgenet writes itself (facts, allocation lock), read by JSON.parse at a hundred MB a second. */
  dataBytes: 4 * 1024 * 1024,
  /** A config nests 5 levels deep (`$.runtimes[0].vnics[0].dns`). */
  depth: 32,
} as const;

/**
 * The problem with an input of `bytes` bytes when it is more than `limit`, else undefined;
 * `atLeast` when only the first bytes were read (a pipe, a device).
 */
export function inputSizeProblem(bytes: number, limit: number, atLeast = false): string | undefined {
  if (bytes <= limit) return undefined;
  const allowed = limit % (1024 * 1024) === 0 ? `${limit / 1024 / 1024} MiB` : `${limit / 1024} KiB`;
  return `is too large, got ${atLeast ? `more than ${limit}` : bytes} bytes; expected at most ${allowed} (${limit} bytes)`;
}

/** What is wrong with a place that nests too deeply. */
export const DEPTH_PROBLEM = `nests too deeply, got more than ${INPUT_LIMITS.depth} levels; expected at most ${INPUT_LIMITS.depth} levels of lists and mappings`;

/**
 * The first place where `value` (parsed JSON or YAML) nests lists and mappings more than
 * `INPUT_LIMITS.depth` deep, as a problem at its JSON path under `root`; undefined when it
 * does not. It walks without recursion, so any depth is measured safely.
 */
export function nestingProblem(value: unknown, root = '$'): Problem | undefined {
  const stack: { value: unknown; depth: number; path: PropertyKey[] }[] = [{ value, depth: 0, path: [] }];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    if (typeof next.value !== 'object' || next.value === null) continue;
    if (next.depth === INPUT_LIMITS.depth) return { path: jsonPath(root, next.path), message: DEPTH_PROBLEM };
    const isList = Array.isArray(next.value);
    for (const [key, child] of Object.entries(next.value)) {
      stack.push({ value: child, depth: next.depth + 1, path: [...next.path, isList ? Number(key) : key] });
    }
  }
  return undefined;
}
