/** The names of containers as the engine lists them (`/containers/json`), without the leading slash it puts on each. */
export function containerNames(list: ReadonlyArray<{ readonly Names?: readonly string[] }>): string[] {
  return list.flatMap((c) => (c.Names ?? []).map((n) => n.replace(/^\//, '')));
}
