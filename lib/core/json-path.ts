/**
 * Paths into user input, written once for every kind of problem. Kept apart from the schema
 * helpers so that a daemon reading its socket (netmon) names a path without loading zod.
 */

/**
 * `$.runtimes[0].vnics[1].ip` from `['runtimes', 0, 'vnics', 1, 'ip']`. A key that is empty or
 * holds a control character is quoted (`$.env[""]`, `$["a\nb"]`), so a path stays on its line.
 */
export function jsonPath(root: string, path: readonly PropertyKey[]): string {
  return path.reduce<string>((at, key) => {
    if (typeof key === 'number') return `${at}[${key}]`;
    const name = String(key);
    // eslint-disable-next-line no-control-regex
    return name === '' || /[\u0000-\u001f\u007f]/.test(name) ? `${at}[${JSON.stringify(name)}]` : `${at}.${name}`;
  }, root);
}
