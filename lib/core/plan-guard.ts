/**
 * The watcher never applies a plan that removes every runtime: that is what empty or
 * broken facts look like, not an operator's intent (operators run `edgenet destroy`).
 * Replacements (delete + create) are how subnet moves look and are fine.
 */
export function destroysEveryRuntime(planJson: any): string | undefined {
  const containers = (planJson?.resource_changes ?? []).filter((c: any) => c.type === 'docker_container' && c.change?.before);
  if (containers.length === 0) return undefined;
  const deleted = containers.filter((c: any) => {
    const actions: string[] = c.change.actions ?? [];
    return actions.includes('delete') && !actions.includes('create');
  });
  if (deleted.length < containers.length) return undefined;
  return `the plan would destroy every runtime container (${deleted.map((c: any) => c.address).join(', ')}) and create none`;
}
