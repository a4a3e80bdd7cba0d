import { promises as fs } from 'fs';
import * as path from 'path';
import { DriftReport, driftReport, findingsFromPlan } from '../core/drift/findings';
import { compareWithEngine, intendedState } from '../core/drift/intent';
import { DockerApi } from '../host/docker/docker-api';
import { readEngineSnapshot } from '../host/docker/engine-snapshot';
import { namespacesOf } from '../host/docker/link-macs';
import { Engine } from '../host/engine/engine';
import { SynthesizedStack } from './synth';

const DRIFT_PLAN = 'edgenet-drift.tfplan';

/** Refresh-only plan (what changed behind the state) plus edgenet's own comparison with the engine. */
export async function detectDrift(engine: Engine, stack: SynthesizedStack): Promise<DriftReport> {
  await engine.init(stack.tfJson.terraform);
  await engine.plan(['-refresh-only', `-out=${DRIFT_PLAN}`]);
  const plan = await engine.showJson(DRIFT_PLAN);
  await fs.rm(path.join(stack.dir, DRIFT_PLAN), { force: true });
  const intent = intendedState(stack.tfJson);
  const api = new DockerApi(stack.model.host.connection);
  const fromEngine = compareWithEngine(intent, await readEngineSnapshot(api, intent, namespacesOf(api, stack.model.dhcpClientImage)));
  return driftReport(findingsFromPlan(plan), fromEngine);
}
