import { App } from 'cdktf';
import { probeNewAutoAddresses } from './lib/app/arp-probe';
import { factsFor, loadConfig } from './lib/app/inputs';
import { addStack, lockSynthesizedStack } from './lib/app/synth';
import { withAllocations } from './lib/core/allocation-lock';
import { selectHost } from './lib/core/config/targets';
import { DEBUG_VARIABLE, describeUnexpected, EdgenetError } from './lib/core/errors';
import { resolveModel } from './lib/core/model/resolve';
import { lockFileFor, readAllocationLock, writeAllocationLock } from './lib/host/allocation-lock-file';

/**
 * The cdktf app. `cdktf synth|deploy` and `edgenet synth` agree because both read the
 * same inputs: EDGENET_CONFIG (default edgenet.yaml) and its allocation lock, EDGENET_FACTS
 * (default: each host's own, as `edgenet synth` finds them) and EDGENET_HOST (default: every
 * host, one stack each, so `cdktf deploy '*'` deploys the fleet). Each stack directory gets the
 * committed provider lock, as `edgenet synth` gives it, so cdktf's first deploy needs no registry.
 */
async function main(): Promise<void> {
  const configFile = process.env.EDGENET_CONFIG ?? 'edgenet.yaml';
  const config = await loadConfig(configFile);
  const hosts = process.env.EDGENET_HOST ? [selectHost(config.hosts, process.env.EDGENET_HOST)] : config.hosts;
  const factsFile = process.env.EDGENET_FACTS || undefined;
  if (factsFile !== undefined && hosts.length > 1) {
    throw new EdgenetError(`EDGENET_FACTS names one host's facts, but the config has several hosts; set EDGENET_HOST too`);
  }
  const lockFile = lockFileFor(configFile);
  const lock = await readAllocationLock(lockFile);
  const app = new App();
  const records: Record<string, ReturnType<typeof resolveModel>['allocations']> = {};
  for (const host of hosts) {
    const model = resolveModel(config, await factsFor(host, factsFile), host.name, lock.stacks[host.stack] ?? {});
    await probeNewAutoAddresses(model, config.lans, lock.stacks[host.stack] ?? {}, (m) => process.stderr.write(`${m}\n`));
    records[model.stack] = model.allocations;
    addStack(app, model);
  }
  app.synth();
  for (const stack of Object.keys(records)) {
    const reasons = lockSynthesizedStack(app.outdir, stack);
    if (reasons.length > 0)
      process.stderr.write(`stack ${stack}: no provider lock placed, terraform init makes one: ${reasons.join('; ')}\n`);
  }
  await writeAllocationLock(lockFile, lock, withAllocations(lock, records));
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof EdgenetError ? err.message : describeUnexpected(err, process.env[DEBUG_VARIABLE] === '1')}\n`);
  process.exit(1);
});
